package org.saphan.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/** A token verified once is remembered, but never past its expiry and never in another form. */
class AccessTokenValidatorTest {

  private static final String ISSUER = "https://digitalid.test";

  private final Instant start = Instant.parse("2026-11-25T03:00:00Z");
  private Instant now = start;
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };
  private ECKey key;
  private AccessTokenValidator validator;

  @BeforeEach
  void setUp() throws Exception {
    key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    validator =
        new AccessTokenValidator(
            new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
            ISSUER,
            "saphan-hub",
            List.of("ES256"),
            Duration.ofSeconds(30),
            clock);
  }

  @Test
  void shouldRefuseARememberedTokenWithTokenExpiredOnceItsExpiryPasses() throws Exception {
    // given: a token valid for 5 minutes, verified once
    String token = token(key, start.plusSeconds(300));
    assertThat(validator.validate(token).getSubject()).isEqualTo("s1");
    // when: it is used again within its life, then after it
    assertThat(validator.validate(token).getSubject()).isEqualTo("s1");
    now = start.plusSeconds(300 + 31);
    // then
    assertCode(() -> validator.validate(token), ErrorCode.TOKEN_EXPIRED);
  }

  @Test
  void shouldRefuseATamperedCopyOfARememberedTokenWithSignatureInvalid() throws Exception {
    // given
    String token = token(key, start.plusSeconds(300));
    validator.validate(token);
    // when: the same header and claims with another signature
    String[] parts = token.split("\\.");
    String forged =
        parts[0] + "." + parts[1] + "." + token(otherKey(), start.plusSeconds(300)).split("\\.")[2];
    // then
    assertCode(() -> validator.validate(forged), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldVerifyEveryTokenOfTheSameKeyWhenTheKeyIsConvertedOnce() throws Exception {
    for (int i = 0; i < 5; i++) {
      String token = token(key, start.plusSeconds(300 + i));
      assertThat(validator.validate(token).getExpirationTime().toInstant())
          .isEqualTo(start.plusSeconds(300 + i));
    }
    // and a token signed by a key the issuer does not publish under that kid is still refused
    String impostor = token(otherKey(), start.plusSeconds(300));
    assertCode(() -> validator.validate(impostor), ErrorCode.SIGNATURE_INVALID);
  }

  private static ECKey otherKey() throws Exception {
    return new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
  }

  private static String token(ECKey signer, Instant expiry) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
            new JWTClaimsSet.Builder()
                .subject("s1")
                .issuer(ISSUER)
                .audience("saphan-hub")
                .expirationTime(Date.from(expiry))
                .build());
    jwt.sign(new ECDSASigner(signer));
    return jwt.serialize();
  }

  private static void assertCode(Runnable action, ErrorCode code) {
    assertThatThrownBy(action::run)
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(code);
  }
}
