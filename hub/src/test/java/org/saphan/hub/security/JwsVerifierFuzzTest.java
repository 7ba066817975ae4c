package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.keys.InMemoryKeyRing;

/**
 * Fuzz target for {@link JwsVerifier}, compact and detached: whatever arrives, the verifier answers
 * a {@link VerifiedSignature} or a {@link SaphanException} with a code.
 *
 * <p>Unsigned junk only exercises parsing, so the harness can sign what the fuzzer wrote with the
 * trusted key, and the checks after the signature (crit, iat, exp, nbf, jti) see hostile values
 * too. An input is one of:
 *
 * <ul>
 *   <li>{@code sign:<header>\n<payload>}: signed compact JWS of that protected header and payload;
 *   <li>{@code sign-detached:<header>\n<payload>}: the same, detached (RFC 7515 App. F);
 *   <li>{@code sign-unencoded:<header>\n<payload>}: detached, payload unencoded (RFC 7797);
 *   <li>{@code detached:<header..signature>\n<payload>}: as received, nothing signed;
 *   <li>anything else: a compact JWS as received.
 * </ul>
 *
 * <p>In a header {@code $KID} stands for the key id, which differs from run to run. Regression
 * inputs: {@code JwsVerifierFuzzTestInputs/<method>/}. Fuzzing: {@code ./saphan fuzz jws}.
 */
class JwsVerifierFuzzTest {

  /** The seeds' iat (1795000000) is this instant, so a seed verifies in full. */
  private static final Instant NOW = Instant.ofEpochSecond(1_795_000_000L);

  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final InMemoryKeyRing RING = ecRing();
  private static final SigningKey KEY = RING.current(KeyFamily.EC_P256);
  private static final VerificationRules RULES =
      VerificationRules.of(SigningPolicy.JWS, "fuzz", RING.selfTrust());

  private final JwsVerifier verifier = new JwsVerifier(CLOCK, new InMemoryReplayGuard(CLOCK));

  @FuzzTest(maxDuration = "5m")
  void shouldVerifyOrRefuseWithACodeWhenGivenAnyJws(byte[] input) throws Exception {
    // given
    String text = new String(input, StandardCharsets.ISO_8859_1);
    byte[] body = input;
    byte[] detached = null;
    int split = text.indexOf('\n');
    if (text.startsWith("sign:") && split > 0) {
      body = ascii(signed(text.substring(5, split), rest(input, split), false, false));
    } else if (text.startsWith("sign-detached:") && split > 0) {
      body = rest(input, split);
      detached = ascii(signed(text.substring(14, split), body, true, false));
    } else if (text.startsWith("sign-unencoded:") && split > 0) {
      body = rest(input, split);
      detached = ascii(signed(text.substring(15, split), body, true, true));
    } else if (text.startsWith("detached:") && split > 0) {
      detached = Arrays.copyOfRange(input, 9, split);
      body = rest(input, split);
    }

    // when
    try {
      VerifiedSignature verified = verifier.verify(body, detached, RULES);

      // then
      assertThat(verified.kid()).isEqualTo(KEY.kid());
      assertThat(verified.signedAt()).isNotNull();
      assertThat(verified.jti()).isNotBlank();
    } catch (SaphanException e) {
      assertThat(e.code()).isNotNull();
    }
  }

  /** Signs with ES256 whatever the header says: the verifier must cope with what it claims. */
  private static String signed(String header, byte[] payload, boolean detached, boolean unencoded)
      throws JOSEException {
    byte[] headerBytes = header.replace("$KID", KEY.kid()).getBytes(StandardCharsets.ISO_8859_1);
    String encodedHeader = Base64URL.encode(headerBytes).toString();
    String encodedPayload = Base64URL.encode(payload).toString();
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(ascii(encodedHeader + "."));
    input.writeBytes(unencoded ? payload : ascii(encodedPayload));
    Base64URL signature =
        new ECDSASigner((ECPrivateKey) KEY.privateKey())
            .sign(new JWSHeader(JWSAlgorithm.ES256), input.toByteArray());
    return encodedHeader + "." + (detached ? "" : encodedPayload) + "." + signature;
  }

  private static byte[] rest(byte[] input, int split) {
    return Arrays.copyOfRange(input, split + 1, input.length);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** An EC-only ring: RSA key generation would cost seconds on every regression run. */
  private static InMemoryKeyRing ecRing() {
    Instant now = CLOCK.instant();
    InMemoryKeyRing ring =
        new InMemoryKeyRing(
            Pki.createRootCa(
                "Saphan Fuzz Root CA",
                KeyFamily.EC_P256,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650))),
            CLOCK,
            Duration.ofDays(365));
    ring.rotate(KeyFamily.EC_P256);
    return ring;
  }
}
