package org.saphan.sandbox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.common.SignatureRejectedException.Reason;

class HubTrustTest {

  static final byte[] BODY =
      "{\"requestRef\":\"APP-20250314-000123\"}".getBytes(StandardCharsets.UTF_8);

  static TestPki pki;
  static FakeHub hub;

  HubTrust trust;

  @BeforeAll
  static void startHub() {
    pki = TestPki.shared();
    hub = FakeHub.start(pki.hubJwks());
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @BeforeEach
  void newTrust() {
    hub.publish(pki.hubJwks());
    trust = trust(Duration.ZERO);
  }

  HubTrust trust(Duration minRefresh) {
    HubProperties properties =
        new HubProperties(
            hub.baseUrl(),
            "",
            Duration.ofMinutes(5),
            minRefresh,
            Duration.ofSeconds(5),
            Duration.ofSeconds(300));
    return new HubTrust(properties, HttpClient.newHttpClient(), Clock.systemUTC());
  }

  @Test
  void shouldVerifyWhenHubSignsWithItsEcKey() {
    // given
    String signature = DetachedJws.sign(BODY, pki.hubEc(), Instant.now());

    // when
    HubTrust.VerifiedJws verified = trust.verifyDetached(BODY, signature);

    // then
    assertThat(verified.kid()).isEqualTo(pki.hubEc().kid());
    assertThat(verified.algorithm()).isEqualTo(JWSAlgorithm.ES256);
  }

  @Test
  void shouldVerifyWhenHubSignsWithItsRsaKey() {
    // given
    String signature = DetachedJws.sign(BODY, pki.hubRsa(), Instant.now());

    // when
    HubTrust.VerifiedJws verified = trust.verifyDetached(BODY, signature);

    // then
    assertThat(verified.algorithm()).isEqualTo(JWSAlgorithm.PS256);
  }

  @Test
  void shouldRefuseAsReplayedWhenJtiUsedTwice() {
    // given
    String signature = DetachedJws.sign(BODY, pki.hubEc(), Instant.now());
    trust.verifyDetached(BODY, signature);

    // when / then
    assertRefused(() -> trust.verifyDetached(BODY, signature), Reason.REPLAYED);
  }

  @Test
  void shouldRefuseAsExpiredWhenIatOlderThanSkew() {
    // given
    String signature =
        DetachedJws.sign(
            BODY,
            pki.hubEc().privateKey(),
            pki.hubEc().kid(),
            JWSAlgorithm.ES256,
            Instant.now().minusSeconds(301),
            DetachedJws.newJti());

    // when / then
    assertRefused(() -> trust.verifyDetached(BODY, signature), Reason.EXPIRED);
  }

  @Test
  void shouldRefuseAsBadSignatureWhenBodyChanged() {
    // given
    String signature = DetachedJws.sign(BODY, pki.hubEc(), Instant.now());
    byte[] changed = "{\"requestRef\":\"APP-20250314-000124\"}".getBytes(StandardCharsets.UTF_8);

    // when / then
    assertRefused(() -> trust.verifyDetached(changed, signature), Reason.BAD_SIGNATURE);
  }

  @Test
  void shouldRefuseAsUnknownKeyWhenSignedByStranger() {
    // given
    String signature = DetachedJws.sign(BODY, pki.strangerEc(), Instant.now());

    // when / then
    assertRefused(() -> trust.verifyDetached(BODY, signature), Reason.UNKNOWN_KEY);
  }

  @Test
  void shouldRefuseAlgorithmWhenHeaderSaysHs256() {
    // given: an HMAC "signature" keyed with the public key, the classic confusion attack
    String header =
        Base64URL.encode(
                ("{\"alg\":\"HS256\",\"kid\":\""
                        + pki.hubEc().kid()
                        + "\",\"iat\":"
                        + Instant.now().getEpochSecond()
                        + ",\"jti\":\"x\"}")
                    .getBytes(StandardCharsets.UTF_8))
            .toString();

    // when / then
    assertRefused(
        () -> trust.verifyDetached(BODY, header + "..AAAA"), Reason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldRefuseAlgorithmWhenEcKeyClaimedForPs256() {
    // given: PS256 signed by a stranger RSA key but naming the hub's EC kid
    String signature =
        DetachedJws.sign(
            BODY,
            pki.strangerRsa().privateKey(),
            pki.hubEc().kid(),
            JWSAlgorithm.PS256,
            Instant.now(),
            DetachedJws.newJti());

    // when / then
    assertRefused(() -> trust.verifyDetached(BODY, signature), Reason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldRefetchJwksWhenKidUnknownAfterRotation() {
    // given
    trust.verifyDetached(BODY, DetachedJws.sign(BODY, pki.hubEc(), Instant.now()));
    int fetches = hub.jwksFetches();
    hub.publish(TestPki.jwks(List.of(pki.hubEc(), pki.hubRsa(), pki.strangerEc())));

    // when
    HubTrust.VerifiedJws verified =
        trust.verifyDetached(BODY, DetachedJws.sign(BODY, pki.strangerEc(), Instant.now()));

    // then
    assertThat(verified.kid()).isEqualTo(pki.strangerEc().kid());
    assertThat(hub.jwksFetches()).isEqualTo(fetches + 1);
  }

  @Test
  void shouldNotRefetchJwksWhenUnknownKidRepeatsWithinMinimumInterval() {
    // given
    HubTrust rateLimited = trust(Duration.ofMinutes(1));
    rateLimited.verifyDetached(BODY, DetachedJws.sign(BODY, pki.hubEc(), Instant.now()));
    int fetches = hub.jwksFetches();

    // when
    for (int i = 0; i < 3; i++) {
      assertRefused(
          () ->
              rateLimited.verifyDetached(
                  BODY, DetachedJws.sign(BODY, pki.strangerEc(), Instant.now())),
          Reason.UNKNOWN_KEY);
    }

    // then
    assertThat(hub.jwksFetches()).isEqualTo(fetches);
  }

  @Test
  void shouldRecogniseHubKeyWhenCertificateKeyIsInJwks() {
    // when / then
    assertThat(trust.isHubKey(pki.hubRsa().certificate().getPublicKey())).isTrue();
    assertThat(trust.isHubKey(pki.strangerRsa().certificate().getPublicKey())).isFalse();
  }

  private static void assertRefused(Runnable call, Reason reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SignatureRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
