package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.security.interfaces.ECPrivateKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Fuzzing finding (JwsVerifierFuzzTest): a signed JWS whose iat, exp or nbf lay beyond {@link
 * java.time.Instant}'s range threw DateTimeException, answered 500 instead of 400.
 */
class JwsNumericDateTest {

  private final TestPki pki = TestPki.get();
  private final JwsVerifier verifier =
      new JwsVerifier(TestPki.CLOCK, new InMemoryReplayGuard(TestPki.CLOCK));
  private final VerificationRules rules =
      VerificationRules.of(SigningPolicy.JWS, "hub-self", pki.hub.selfTrust());

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "iat, 1e300",
    "iat, 9223372036854775807",
    "iat, -1",
    "exp, 9223372036854775807",
    "exp, 1e19",
    "nbf, 1e300"
  })
  void shouldRefuseWithJwsMalformedWhenANumericDateIsBeyondTheInstantRange(
      String claim, String value) throws Exception {
    // given
    SigningKey key = pki.hub.current(KeyFamily.EC_P256);
    Object number = value.contains("e") ? Double.valueOf(value) : Long.valueOf(value);
    JWSHeader.Builder header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(key.kid())
            .customParam("iat", TestPki.NOW.getEpochSecond())
            .customParam("jti", "numeric-date-" + claim);
    JWSObject jws = new JWSObject(header.customParam(claim, number).build(), new Payload("{}"));
    jws.sign(new ECDSASigner((ECPrivateKey) key.privateKey()));
    byte[] compact = jws.serialize().getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    // when / then
    assertThatThrownBy(() -> verifier.verify(compact, null, rules))
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.JWS_MALFORMED);
  }
}
