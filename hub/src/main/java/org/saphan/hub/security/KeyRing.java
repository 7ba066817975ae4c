package org.saphan.hub.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The hub's own signing keys: the current one per family, and every key that still verifies. */
public interface KeyRing {

  /**
   * The active signing key of a family.
   *
   * @throws org.saphan.hub.error.SaphanException {@code KEY_NOT_AVAILABLE} when there is none
   */
  SigningKey current(KeyFamily family);

  /** A key by kid, if it still verifies (active or verify-only); retired keys are not returned. */
  Optional<SigningKey> find(String kid);

  /** Every key the ring has known, retired ones included, oldest first. */
  List<KeyDescriptor> list();

  /** The certificates of every key that still verifies. */
  default List<X509Certificate> verificationCertificates() {
    List<X509Certificate> certs = new ArrayList<>();
    for (KeyDescriptor d : list()) {
      if (d.status().verifies()) {
        find(d.kid()).ifPresent(k -> certs.add(k.certificate()));
      }
    }
    return certs;
  }

  /** The public JWK set to publish: every key that still verifies, with kid, alg and x5c. */
  default JWKSet publicJwks() {
    List<JWK> keys = new ArrayList<>();
    for (KeyDescriptor d : list()) {
      if (d.status().verifies()) {
        find(d.kid()).ifPresent(k -> keys.addAll(KeyIds.publicJwks(k.chain())));
      }
    }
    return new JWKSet(keys);
  }

  /** Trust in the hub's own keys (to verify what the hub itself signed, e.g. evidence). */
  default Trust selfTrust() {
    return Trust.pinned(verificationCertificates());
  }
}
