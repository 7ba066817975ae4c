package org.saphan.hub.batch.export;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.BatchSettings;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.platform.sftp.SftpEndpoint;

/**
 * A batch card, ready to export: its file layout, its SFTP server, the certificate its files are
 * encrypted to (empty: signed only) and the layout of the agency's result files (empty: it sends
 * none).
 */
public record BatchAgency(
    ConnectorCard card,
    BatchSettings settings,
    FixedWidthLayout layout,
    SftpEndpoint sftp,
    Optional<X509Certificate> recipient,
    Optional<FixedWidthLayout> resultLayout) {

  public String connector() {
    return card.name();
  }
}
