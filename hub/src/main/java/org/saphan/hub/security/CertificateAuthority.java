package org.saphan.hub.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate authority that can issue certificates: the sandbox root CA, or a test CA.
 *
 * @param privateKey the CA's private key
 * @param certificate the CA's (self-signed) certificate
 */
public record CertificateAuthority(PrivateKey privateKey, X509Certificate certificate) {

  public CertificateAuthority {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** Never prints key material. */
  @Override
  public String toString() {
    return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
