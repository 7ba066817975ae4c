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
 * SFTP client's, file paths relative to the Saphan home but for those under {@code keys/}, read
 * from the hub's key directory ({@code saphan.keys.dir}). In the sandbox, an SFTP server written as
 * {@value #SANDBOX_SFTP_HOST}:{@value #SANDBOX_SFTP_PORT} is re-pointed to the sandbox's SFTP port
 * ({@code saphan.sandbox.sftp-port}), like card URLs on the sandbox's address.
 */
public class BatchAgencies {

  /** The sandbox SFTP server's host and port as cards write them. */
  public static final String SANDBOX_SFTP_HOST = "localhost";

  public static final int SANDBOX_SFTP_PORT = 8092;

  private static final String KEYS = "keys/";

  private final Catalog catalog;
  private final Path home;
  private final Path keysDir;
  private final int sandboxSftpPort;
  private final PropertyResolver secrets;
  private final Map<String, BatchAgency> agencies = new ConcurrentHashMap<>();

  /**
   * @param keysDir the hub's key directory, where card files under {@code keys/} are read
   * @param sandboxSftpPort the sandbox's SFTP port; 0 outside the sandbox
   */
  public BatchAgencies(
      Catalog catalog, Path home, Path keysDir, int sandboxSftpPort, PropertyResolver secrets) {
    this.catalog = catalog;
    this.home = home;
    this.keysDir = keysDir;
    this.sandboxSftpPort = sandboxSftpPort;
    this.secrets = secrets;
  }

  /** Card files under the home, key files in {@code <home>/keys}, no sandbox. */
  public BatchAgencies(Catalog catalog, Path home, PropertyResolver secrets) {
    this(catalog, home, home.resolve("keys"), 0, secrets);
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
    boolean sandbox =
        sandboxSftpPort > 0
            && SANDBOX_SFTP_HOST.equals(batch.sftp().host())
            && batch.sftp().port() == SANDBOX_SFTP_PORT;
    sftp.setPort(sandbox ? sandboxSftpPort : batch.sftp().port());
    sftp.setUsername(batch.sftp().username());
    sftp.setRemoteDir(batch.sftp().remoteDir());
    batch.sftp().hostKeyFingerprint().ifPresent(sftp::setHostKeyFingerprint);
    batch.sftp().privateKey().ifPresent(key -> sftp.setPrivateKey(file(key).toString()));
    batch.sftp().passwordVariable().ifPresent(sftp::setPasswordVariable);
    Optional<X509Certificate> recipient =
        batch.encryptTo().map(file -> Pki.readCertificates(file(file)).get(0));
    return new BatchAgency(
        card,
        batch,
        layout,
        new SftpEndpoint("card " + card.name() + " api.batch.sftp", sftp, secrets),
        recipient,
        batch.results().map(results -> FixedWidthLayout.load(home.resolve(results.layout()))));
  }

  /** A card's file: under the key directory when written {@code keys/...}, else under the home. */
  private Path file(String name) {
    return name.startsWith(KEYS)
        ? keysDir.resolve(name.substring(KEYS.length()))
        : home.resolve(name);
  }
}
