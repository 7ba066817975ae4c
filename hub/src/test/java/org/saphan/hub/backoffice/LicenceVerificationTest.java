package org.saphan.hub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Licence verification without the hub: a credential signed with ES256 by a key the verifier knows
 * (as the hub's key registry does), checked for tampering, foreign keys, expiry, revocation and the
 * licence it names. The signer here keeps the contract of {@code Signing.verifyOwnJwt}: the same
 * error codes for the same failures.
 */
class LicenceVerificationTest {

  static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  final TestSigner hub = new TestSigner("hub-ec-1");

  @Test
  void shouldBeValidWhenTheCredentialIsGenuineAndCurrent() {
    // given
    Licences.Licence licence = licence("LIC-DSD-2026-A", NOW.plus(Duration.ofDays(365)), "active");
    String credential = hub.sign(claims(licence));
    // when
    LicenceVerifier.Verification result = LicenceVerifier.check(licence, credential, hub, NOW);
    // then
    assertThat(result.valid()).isTrue();
    assertThat(result.reason()).isEqualTo("valid");
    assertThat(result.licence().get("holderCitizenId")).isEqualTo("3-1012-xxxxx-xx-9");
  }

  @Test
  void shouldAnswerInvalidSignatureWhenThePayloadWasTamperedWith() throws Exception {
    // given
    Licences.Licence licence = licence("LIC-DSD-2026-B", NOW.plus(Duration.ofDays(365)), "active");
    String[] parts = hub.sign(claims(licence)).split("\\.");
    ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    payload.put("exp", NOW.plus(Duration.ofDays(3650)).getEpochSecond());
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsBytes(payload))
            + "."
            + parts[2];
    // when
    LicenceVerifier.Verification result = LicenceVerifier.check(licence, tampered, hub, NOW);
    // then
    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).isEqualTo("invalid_signature");
  }

  @Test
  void shouldAnswerInvalidSignatureWhenTheCredentialIsNotAJws() {
    Licences.Licence licence = licence("LIC-DSD-2026-C", null, "active");
    assertThat(LicenceVerifier.check(licence, "not-a-jws", hub, NOW).reason())
        .isEqualTo("invalid_signature");
  }

  @Test
  void shouldAnswerUnknownKeyWhenAnotherKeySignedIt() {
    // given: signed by a key the hub does not have (a forger's, or a retired one)
    Licences.Licence licence = licence("LIC-DSD-2026-D", null, "active");
    String forged = new TestSigner("forger-1").sign(claims(licence));
    // when / then
    assertThat(LicenceVerifier.check(licence, forged, hub, NOW).reason()).isEqualTo("unknown_key");
  }

  @Test
  void shouldAnswerExpiredWhenTheCredentialIsPastItsExpiry() {
    // given
    Licences.Licence licence = licence("LIC-DSD-2026-E", NOW.minus(Duration.ofDays(1)), "active");
    String credential = hub.sign(claims(licence));
    // when
    LicenceVerifier.Verification result = LicenceVerifier.check(licence, credential, hub, NOW);
    // then
    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).isEqualTo("expired");
  }

  @Test
  void shouldAnswerSupersededWhenACappedCredentialEndedButTheLicenceIsStillInForce() {
    // given: a licence valid for a year whose first credential was capped at its key's end
    Licences.Licence licence = licence("LIC-DSD-2026-S", NOW.plus(Duration.ofDays(365)), "active");
    String capped =
        hub.sign(
            new JWTClaimsSet.Builder(claims(licence))
                .expirationTime(Date.from(NOW.minus(Duration.ofDays(1))))
                .build());
    // when
    LicenceVerifier.Verification result = LicenceVerifier.check(licence, capped, hub, NOW);
    // then
    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).isEqualTo("superseded");
  }

  @Test
  void shouldAnswerRevokedWhenTheAgencyRevokedIt() {
    Licences.Licence licence = licence("LIC-DSD-2026-F", null, "revoked");
    assertThat(LicenceVerifier.check(licence, hub.sign(claims(licence)), hub, NOW).reason())
        .isEqualTo("revoked");
  }

  @Test
  void shouldAnswerIdMismatchWhenAGenuineCredentialOfAnotherLicenceIsPresented() {
    // given
    Licences.Licence mine = licence("LIC-DSD-2026-G", null, "active");
    Licences.Licence other = licence("LIC-DSD-2026-H", null, "active");
    // when / then
    assertThat(LicenceVerifier.check(mine, hub.sign(claims(other)), hub, NOW).reason())
        .isEqualTo("id_mismatch");
  }

  static Licences.Licence licence(String id, Instant expires, String status) {
    return new Licences.Licence(
        id,
        "APP-20261125-TEST0001",
        "dsd-competency-certificate",
        "1-046",
        "dsd",
        "3101200456789",
        "นายสมชาย ใจดี",
        "หนังสือรับรองความรู้ความสามารถ",
        "Certificate of knowledge and ability",
        NOW.minus(Duration.ofDays(10)),
        expires,
        status,
        "",
        "hub-ec-1",
        null);
  }

  static JWTClaimsSet claims(Licences.Licence licence) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer("https://hub.example")
            .jwtID(licence.id())
            .subject(licence.holderCitizenId())
            .audience(Licences.AUDIENCE)
            .issueTime(Date.from(licence.issuedAt()))
            .claim(Licences.CLAIM, Map.of("id", licence.id(), "holder", Map.of("name", "x")));
    if (licence.expiresAt() != null) {
      claims.expirationTime(Date.from(licence.expiresAt()));
    }
    return claims.build();
  }

  /** ES256 with one key, verifying only its own kid, at {@link #NOW}. */
  static final class TestSigner implements Licences.CredentialSigner {
    private final ECKey key;

    TestSigner(String kid) {
      try {
        key = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String sign(JWTClaimsSet claims) {
      try {
        SignedJWT jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Instant coversUntil() {
      return NOW.plus(Duration.ofDays(825));
    }

    @Override
    public JWTClaimsSet verify(String jwt, String audience) {
      SignedJWT parsed;
      JWTClaimsSet claims;
      try {
        parsed = SignedJWT.parse(jwt);
        claims = parsed.getJWTClaimsSet();
      } catch (ParseException e) {
        throw SaphanException.validation(ErrorCode.JWS_MALFORMED, "not a signed JWT");
      }
      if (!key.getKeyID().equals(parsed.getHeader().getKeyID())) {
        throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "unknown kid");
      }
      try {
        if (!parsed.verify(new ECDSAVerifier(key.toECPublicKey()))) {
          throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "signature invalid");
        }
      } catch (JOSEException e) {
        throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "signature invalid");
      }
      if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
        throw SaphanException.validation(ErrorCode.WRONG_AUDIENCE, "wrong audience");
      }
      if (claims.getExpirationTime() != null
          && !NOW.isBefore(claims.getExpirationTime().toInstant())) {
        throw SaphanException.validation(ErrorCode.TOKEN_EXPIRED, "expired");
      }
      return claims;
    }
  }
}
