package org.saphan.hub.batch.export;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.catalog.settings.BatchSettings;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.sftp.SftpEndpoint;
import org.saphan.hub.platform.sftp.SftpSettings;
import org.saphan.hub.security.Pki;
import org.springframework.core.env.PropertyResolver;

/**
 * The catalog's batch cards ({@code api.transport: batch}), each read once into a {@link
 * BatchAgency}: the layout through the one layout codec, the card's SFTP settings as the hub's one
 * SFTP client's, file paths relative to the Saphan home.
 */
public class BatchAgencies {

  private final Catalog catalog;
  private final Path home;
  private final PropertyResolver secrets;
  private final Map<String, BatchAgency> agencies = new ConcurrentHashMap<>();

  public BatchAgencies(Catalog catalog, Path home, PropertyResolver secrets) {
    this.catalog = catalog;
    this.home = home;
    this.secrets = secrets;
  }

  /** Whether a card is a batch agency's. */
  public static boolean isBatch(ConnectorCard card) {
    return card.integrationModel() == IntegrationModel.THREE
        && card.api().map(api -> api.transport() == ApiSettings.Transport.BATCH).orElse(false);
  }

  /** The batch cards, in catalog order. */
  public List<ConnectorCard> cards() {
    return catalog.cards().stream().filter(BatchAgencies::isBatch).toList();
  }

  /**
   * The batch agency of connector {@code name}.
   *
   * @throws SaphanException {@code connector_not_found} when no batch card has that name
   */
  public BatchAgency get(String name) {
    ConnectorCard card =
        catalog
            .find(name)
            .filter(BatchAgencies::isBatch)
            .orElseThrow(
                () ->
                    SaphanException.validation(
                        ErrorCode.CONNECTOR_NOT_FOUND, "no batch connector card named " + name));
    return agencies.computeIfAbsent(name, n -> read(card));
  }

  private BatchAgency read(ConnectorCard card) {
    BatchSettings batch = card.api().flatMap(ApiSettings::batch).orElseThrow();
    FixedWidthLayout layout = FixedWidthLayout.load(home.resolve(batch.layout()));
    SftpSettings sftp = new SftpSettings();
    sftp.setEnabled(true);
    sftp.setHost(batch.sftp().host());
    sftp.setPort(batch.sftp().port());
    sftp.setUsername(batch.sftp().username());
    sftp.setRemoteDir(batch.sftp().remoteDir());
    sftp.setHostKeyFingerprint(batch.sftp().hostKeyFingerprint());
    batch.sftp().privateKey().ifPresent(key -> sftp.setPrivateKey(home.resolve(key).toString()));
    batch.sftp().passwordVariable().ifPresent(sftp::setPasswordVariable);
    Optional<X509Certificate> recipient =
        batch.encryptTo().map(file -> Pki.readCertificates(home.resolve(file)).get(0));
    return new BatchAgency(
        card,
        batch,
        layout,
        new SftpEndpoint("card " + card.name() + " api.batch.sftp", sftp, secrets),
        recipient);
  }
}
