package org.saphan.hub.security;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key the hub signs with, its certificate and chain (leaf first), and its {@code kid}.
 *
 * @param kid the key id, see {@link KeyIds#kid(java.security.PublicKey)}
 * @param family EC P-256 or RSA-3072
 * @param privateKey the private key (may be a non-extractable PKCS#11 handle)
 * @param certificate the end-entity certificate
 * @param chain the chain, leaf first; the root may or may not be included
 */
public record SigningKey(
    String kid,
    KeyFamily family,
    PrivateKey privateKey,
    X509Certificate certificate,
    List<X509Certificate> chain) {

  public SigningKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    chain = chain == null || chain.isEmpty() ? List.of(certificate) : List.copyOf(chain);
  }

  /** Builds a key from a private key and its chain; the kid is derived from the certificate. */
  public static SigningKey of(PrivateKey privateKey, List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    return new SigningKey(
        KeyIds.kid(leaf.getPublicKey()), KeyFamily.of(privateKey), privateKey, leaf, chain);
  }

  /** Never prints key material. */
  @Override
  public String toString() {
    return "SigningKey[kid="
        + kid
        + ", family="
        + family
        + ", subject="
        + certificate.getSubjectX500Principal().getName()
        + "]";
  }
}
