package org.saphan.hub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.saphan.hub.security.keys.InMemoryKeyRing;

/**
 * Key material generated once per test JVM (RSA-3072 generation is slow): a sandbox-like CA, the
 * hub's key ring, a stranger CA and a few certificates with odd validity. Nothing is written to
 * disk unless a test does so into its own {@code @TempDir}.
 */
final class TestPki {

  /**
   * The fixed "now" of every test that uses {@link #CLOCK}: the real time at start-up, so the
   * certificates are also valid for xmlsec1 and openssl, which use the system clock.
   */
  static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static TestPki instance;

  final CertificateAuthority ca;
  final InMemoryKeyRing hub;
  final CertificateAuthority strangerCa;
  final SigningKey strangerEc;
  final SigningKey strangerRsa;
  final SigningKey expiredEc;
  final SigningKey notYetValidEc;
  final SigningKey expiredRsa;
  final SigningKey notYetValidRsa;

  private TestPki() {
    ca =
        Pki.createRootCa(
            "Saphan Test Root CA",
            KeyFamily.EC_P256,
            NOW.minus(Duration.ofDays(30)),
            NOW.plus(Duration.ofDays(3650)));
    hub = new InMemoryKeyRing(ca, CLOCK, Duration.ofDays(365));
    hub.rotate(KeyFamily.EC_P256);
    hub.rotate(KeyFamily.RSA_3072);
    strangerCa =
        Pki.createRootCa(
            "Stranger Root CA",
            KeyFamily.EC_P256,
            NOW.minus(Duration.ofDays(30)),
            NOW.plus(Duration.ofDays(3650)));
    strangerEc = issue(strangerCa, KeyFamily.EC_P256, "stranger-ec", -1, 365);
    strangerRsa = issue(strangerCa, KeyFamily.RSA_3072, "stranger-rsa", -1, 365);
    expiredEc = issue(ca, KeyFamily.EC_P256, "expired-ec", -400, -35);
    notYetValidEc = issue(ca, KeyFamily.EC_P256, "future-ec", 10, 400);
    expiredRsa = issue(ca, KeyFamily.RSA_3072, "expired-rsa", -400, -35);
    notYetValidRsa = issue(ca, KeyFamily.RSA_3072, "future-rsa", 10, 400);
  }

  static synchronized TestPki get() {
    if (instance == null) {
      instance = new TestPki();
    }
    return instance;
  }

  /** A key issued by {@code issuer}, valid from NOW+fromDays to NOW+toDays. */
  static SigningKey issue(
      CertificateAuthority issuer, KeyFamily family, String cn, int fromDays, int toDays) {
    return Pki.issueSigningKey(
        issuer, family, cn, NOW.plus(Duration.ofDays(fromDays)), NOW.plus(Duration.ofDays(toDays)));
  }

  /** A one-key ring around an arbitrary key, to sign with keys the hub does not own. */
  static KeyRing ringOf(SigningKey key) {
    return new KeyRing() {
      @Override
      public SigningKey current(KeyFamily family) {
        return key;
      }

      @Override
      public java.util.Optional<SigningKey> find(String kid) {
        return kid.equals(key.kid()) ? java.util.Optional.of(key) : java.util.Optional.empty();
      }

      @Override
      public java.util.List<KeyDescriptor> list() {
        return java.util.List.of(
            new KeyDescriptor(
                key.kid(),
                key.family(),
                KeyStatus.ACTIVE,
                key.certificate().getNotAfter().toInstant(),
                NOW));
      }
    };
  }

  /** A clock {@code offset} away from NOW. */
  static Clock clockAt(Duration offset) {
    return Clock.fixed(NOW.plus(offset), ZoneOffset.UTC);
  }
}
