package org.saphan.hub.security;

import java.time.Instant;
import java.util.Objects;

/**
 * The public facts about a hub key, as listed by {@code ./saphan keys list} and kept in the key
 * registry.
 *
 * @param kid the key id
 * @param family EC P-256 or RSA-3072
 * @param status active, verify-only or retired
 * @param notAfter end of the certificate's validity
 * @param created when the key was generated
 */
public record KeyDescriptor(
    String kid, KeyFamily family, KeyStatus status, Instant notAfter, Instant created) {

  public KeyDescriptor {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(created, "created");
  }

  /** The same key with another status. */
  public KeyDescriptor withStatus(KeyStatus newStatus) {
    return new KeyDescriptor(kid, family, newStatus, notAfter, created);
  }
}
