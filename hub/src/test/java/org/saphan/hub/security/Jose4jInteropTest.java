package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.saphan.hub.security.JwsSigner.Mode;

/**
 * An independent JOSE library (jose4j) verifies the hub's JWS, fetching the hub's JWKS over real
 * HTTP, as a party would from the hub's JWKS endpoint.
 */
class Jose4jInteropTest {

  private static final byte[] BODY =
      "{\"requestId\":\"42\",\"status\":\"APPROVED\"}".getBytes(StandardCharsets.UTF_8);

  private static HttpServer server;
  private static String jwksUrl;
  private static final TestPki PKI = TestPki.get();

  @BeforeAll
  static void serveJwks() throws Exception {
    byte[] jwks = PKI.hub.publicJwks().toString(true).getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/.well-known/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
          exchange.sendResponseHeaders(200, jwks.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(jwks);
          }
        });
    server.start();
    jwksUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @ParameterizedTest
  @EnumSource(KeyFamily.class)
  void shouldVerifyWithJose4jWhenTheHubSignsCompact(KeyFamily family) throws Exception {
    // given
    String compact =
        new JwsSigner(PKI.hub, family, Mode.COMPACT, false, TestPki.CLOCK).signCompact(BODY);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(compact);

    // when
    jws.setKey(resolve(jws));
    boolean valid = jws.verifySignature();

    // then
    assertThat(valid).isTrue();
    assertThat(jws.getPayloadBytes()).isEqualTo(BODY);
    assertThat(jws.getAlgorithmHeaderValue()).isEqualTo(family.jwsAlgorithm());
    assertThat(jws.getHeaders().getLongHeaderValue("iat")).isEqualTo(TestPki.NOW.getEpochSecond());
  }

  @ParameterizedTest
  @EnumSource(KeyFamily.class)
  void shouldVerifyWithJose4jWhenTheHubSignsDetached(KeyFamily family) throws Exception {
    // given: RFC 7515 Appendix F, the payload travels apart
    String detached =
        new JwsSigner(PKI.hub, family, Mode.DETACHED, false, TestPki.CLOCK).signDetached(BODY);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(detached);
    // jose4j takes detached b64=true content in its encoded form.
    jws.setEncodedPayload(org.jose4j.base64url.Base64Url.encode(BODY));

    // when
    jws.setKey(resolve(jws));
    boolean valid = jws.verifySignature();

    // then
    assertThat(valid).isTrue();
  }

  @ParameterizedTest
  @EnumSource(KeyFamily.class)
  void shouldVerifyWithJose4jWhenTheHubSignsUnencodedDetached(KeyFamily family) throws Exception {
    // given: RFC 7797, b64=false, the raw body is the signed payload
    String detached =
        new JwsSigner(PKI.hub, family, Mode.UNENCODED_DETACHED, false, TestPki.CLOCK)
            .signUnencodedDetached(BODY);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setKnownCriticalHeaders("b64");
    jws.setCompactSerialization(detached);
    jws.setPayloadBytes(BODY);

    // when
    jws.setKey(resolve(jws));
    boolean valid = jws.verifySignature();

    // then
    assertThat(valid).isTrue();
  }

  @Test
  void shouldFailJose4jVerificationWhenTheDetachedBodyIsTampered() throws Exception {
    // given
    String detached =
        new JwsSigner(PKI.hub, KeyFamily.EC_P256, Mode.UNENCODED_DETACHED, false, TestPki.CLOCK)
            .signUnencodedDetached(BODY);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setKnownCriticalHeaders("b64");
    jws.setCompactSerialization(detached);
    jws.setPayloadBytes(
        "{\"requestId\":\"42\",\"status\":\"REJECTED\"}".getBytes(StandardCharsets.UTF_8));

    // when
    jws.setKey(resolve(jws));
    boolean valid = jws.verifySignature();

    // then
    assertThat(valid).isFalse();
  }

  private static Key resolve(JsonWebSignature jws) throws Exception {
    jws.setAlgorithmConstraints(
        new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256", "PS256"));
    HttpsJwks httpsJwks = new HttpsJwks(jwksUrl);
    return new HttpsJwksVerificationKeyResolver(httpsJwks).resolveKey(jws, List.of());
  }
}
