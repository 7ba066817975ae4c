package org.saphan.hub.payment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.Trust;

/**
 * The e-Payment gateway's trust material from the key directory's {@code public/} folder: the
 * certificate its notifications are signed with (pinned) and the CA its e-Receipt signers chain to.
 * Read on first use, so a hub without e-Payment keys still starts.
 */
public class GatewayTrust {

  private final Path publicDir;
  private final PaymentProperties properties;
  private volatile Trust notificationTrust;
  private volatile List<X509Certificate> receiptAnchors;

  public GatewayTrust(Path keysDir, PaymentProperties properties) {
    this.publicDir = keysDir.resolve("public").toAbsolutePath().normalize();
    this.properties = properties;
  }

  /** The pinned certificate notifications must be signed with. */
  public Trust notifications() {
    Trust trust = notificationTrust;
    if (trust == null) {
      trust = Trust.pinned(read(properties.getGatewayTrustCertificate()).get(0));
      notificationTrust = trust;
    }
    return trust;
  }

  /** The CA certificates an e-Receipt signer must chain to. */
  public List<X509Certificate> receiptAnchors() {
    List<X509Certificate> anchors = receiptAnchors;
    if (anchors == null) {
      anchors = List.copyOf(read(properties.getReceiptTrustCa()));
      receiptAnchors = anchors;
    }
    return anchors;
  }

  private List<X509Certificate> read(String file) {
    Path path = publicDir.resolve(file).normalize();
    if (!path.startsWith(publicDir) || !Files.isRegularFile(path)) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE,
          "e-Payment trust file " + file + " is not in the key directory's public folder",
          null);
    }
    List<X509Certificate> certificates = Pki.readCertificates(path);
    if (certificates.isEmpty()) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE,
          "e-Payment trust file " + file + " holds no certificate",
          null);
    }
    return certificates;
  }
}
