package org.saphan.hub.security.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.saphan.hub.security.CertificateAuthority;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyStatus;
import org.saphan.hub.security.ManagedKeyRing;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SigningKey;

/**
 * A key ring held in memory, with its own CA for rotation: for tests, benchmarks and throw-away
 * sandbox runs. Nothing is persisted.
 */
public final class InMemoryKeyRing implements ManagedKeyRing {

  private final CertificateAuthority ca;
  private final Clock clock;
  private final Duration validity;
  private volatile KeyRingState state = KeyRingState.empty();

  /**
   * @param ca issues the certificates of rotated keys
   * @param clock the source of creation times and certificate validity
   * @param validity how long each new key's certificate is valid
   */
  public InMemoryKeyRing(CertificateAuthority ca, Clock clock, Duration validity) {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.validity = Objects.requireNonNull(validity, "validity");
  }

  /** A ring with a fresh EC P-256 CA and one active key per family, valid for a year. */
  public static InMemoryKeyRing generate(Clock clock) {
    Instant now = clock.instant();
    CertificateAuthority ca =
        Pki.createRootCa(
            "Saphan Test Root CA",
            KeyFamily.EC_P256,
            now.minus(Duration.ofMinutes(5)),
            now.plus(Duration.ofDays(3650)));
    InMemoryKeyRing ring = new InMemoryKeyRing(ca, clock, Duration.ofDays(365));
    ring.rotate(KeyFamily.EC_P256);
    ring.rotate(KeyFamily.RSA_3072);
    return ring;
  }

  /** The CA that issues this ring's certificates. */
  public CertificateAuthority ca() {
    return ca;
  }

  /** Adds an existing key as the active key of its family. */
  public synchronized KeyDescriptor add(SigningKey key) {
    state = state.withActive(key, clock.instant());
    return state.entry(key.kid()).descriptor();
  }

  @Override
  public synchronized KeyDescriptor rotate(KeyFamily family) {
    Instant now = clock.instant();
    SigningKey key =
        Pki.issueSigningKey(
            ca,
            family,
            "saphan-hub-" + family.shortName(),
            now.minus(Duration.ofMinutes(5)),
            now.plus(validity));
    return add(key);
  }

  @Override
  public synchronized KeyDescriptor retire(String kid) {
    state = state.withRetired(kid);
    return state.entry(kid).descriptor();
  }

  @Override
  public SigningKey current(KeyFamily family) {
    return state.current(family);
  }

  @Override
  public Optional<SigningKey> find(String kid) {
    return state.find(kid);
  }

  @Override
  public List<KeyDescriptor> list() {
    return state.list();
  }

  /** The status of a kid (for tests). */
  public KeyStatus status(String kid) {
    return state.entry(kid).descriptor().status();
  }
}
