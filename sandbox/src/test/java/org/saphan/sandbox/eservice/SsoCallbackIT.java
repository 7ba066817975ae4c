package org.saphan.sandbox.eservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.Http;
import org.saphan.sandbox.SandboxTestBase;
import org.saphan.sandbox.TestHub;

class SsoCallbackIT extends SandboxTestBase {

  private final TestHub hub = TestHub.get();

  @Test
  void shouldLogInWithClaimsWhenEs256AssertionIsValid() {
    // given
    String assertion = hub.assertion();

    // when
    HttpResponse<String> response = callback(assertion, "application/json");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(response);
    assertThat(body.get("loggedIn").asBoolean()).isTrue();
    assertThat(body.get("claims").get("citizen_id").asText()).isEqualTo("3101200456789");
  }

  @Test
  void shouldLogInWhenPs256AssertionIsValid() {
    // given
    String assertion = TestHub.sign(hub.ps256(), JWSAlgorithm.PS256, hub.validClaims().build());

    // when
    HttpResponse<String> response = callback(assertion, "application/json");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("loggedIn").asBoolean()).isTrue();
  }

  @Test
  void shouldGreetByThaiNameWhenBrowserPostsAssertionForm() {
    // given
    String form = "assertion=" + URLEncoder.encode(hub.assertion(), StandardCharsets.UTF_8);

    // when
    HttpResponse<String> response =
        Http.post(
            url("/agencies/dlt/sso/callback"),
            "application/x-www-form-urlencoded",
            form,
            "Accept",
            "text/html");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.body()).contains("logged in as").contains("สมชาย ใจดี");
  }

  @Test
  void shouldListLoginWhenSessionsAreAsked() {
    // given
    String jti = "session-" + System.nanoTime();
    callback(hub.assertion(c -> c.jwtID(jti).claim("name", "นายสมชาย ใจดี")), "application/json");

    // when
    HttpResponse<String> response = Http.get(url("/sandbox/v1/eservice/sessions"));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode session = null;
    for (JsonNode s : Http.json(response)) {
      if (jti.equals(s.get("jti").asText())) {
        session = s;
      }
    }
    assertThat(session).isNotNull();
    assertThat(session.get("who").asText()).isEqualTo("นายสมชาย ใจดี");
    assertThat(session.get("when").asText()).isNotBlank();
  }

  @Test
  void shouldRefuseAsReplayedWhenJtiIsUsedTwice() {
    // given
    String assertion = hub.assertion();
    assertThat(callback(assertion, "application/json").statusCode()).isEqualTo(200);

    // when
    HttpResponse<String> replay = callback(assertion, "application/json");

    // then
    assertRefused(replay, "replayed");
  }

  @Test
  void shouldRefuseAsExpiredWhenExpIsPast() {
    // given
    Instant past = Instant.now().minusSeconds(180);
    String assertion =
        hub.assertion(
            c ->
                c.issueTime(Date.from(past))
                    .notBeforeTime(Date.from(past))
                    .expirationTime(Date.from(past.plusSeconds(60))));

    // when / then
    assertRefused(callback(assertion, "application/json"), "expired");
  }

  @Test
  void shouldRefuseAsWrongAudienceWhenAudIsAnotherService() {
    // given
    String assertion = hub.assertion(c -> c.audience("dcy-newborn-grant"));

    // when / then
    assertRefused(callback(assertion, "application/json"), "wrong_audience");
  }

  @Test
  void shouldRefuseAsWrongIssuerWhenIssIsNotTheHub() {
    // given
    String assertion = hub.assertion(c -> c.issuer("http://127.0.0.1:1/not-the-hub"));

    // when / then
    assertRefused(callback(assertion, "application/json"), "wrong_issuer");
  }

  @Test
  void shouldRefuseAsBadSignatureWhenSignedByUnknownKey() {
    // given
    String assertion =
        TestHub.sign(TestHub.newEcKey(), JWSAlgorithm.ES256, hub.validClaims().build());

    // when / then
    assertRefused(callback(assertion, "application/json"), "bad_signature");
  }

  @Test
  void shouldRefuseAsBadSignatureWhenForeignKeyClaimsHubKeyId() throws JOSEException {
    // given
    ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(hub.es256().getKeyID()).generate();
    String assertion = TestHub.sign(impostor, JWSAlgorithm.ES256, hub.validClaims().build());

    // when / then
    assertRefused(callback(assertion, "application/json"), "bad_signature");
  }

  @Test
  void shouldRefuseAsLifetimeTooLongWhenExpIs300SecondsAfterIat() {
    // given
    Instant now = Instant.now();
    String assertion =
        hub.assertion(
            c -> c.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))));

    // when / then
    assertRefused(callback(assertion, "application/json"), "lifetime_too_long");
  }

  @Test
  void shouldRefuseAsBadSignatureWhenAlgIsNone() {
    // given
    String assertion = new PlainJWT(hub.validClaims().build()).serialize();

    // when / then
    assertRefused(callback(assertion, "application/json"), "bad_signature");
  }

  @Test
  void shouldRefuseAsBadSignatureWhenAlgIsHs256() throws JOSEException {
    // given
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), hub.validClaims().build());
    hmac.sign(new MACSigner(secret));

    // when / then
    assertRefused(callback(hmac.serialize(), "application/json"), "bad_signature");
  }

  @Test
  void shouldRefuseAsMalformedWhenExpIsMissing() {
    // given
    String assertion = hub.assertion(c -> c.expirationTime(null));

    // when / then
    assertRefused(callback(assertion, "application/json"), "malformed");
  }

  @Test
  void shouldRefuseAsMalformedWhenAssertionIsNotJwt() {
    // given
    String assertion = "not-a-jwt";

    // when / then
    assertRefused(callback(assertion, "application/json"), "malformed");
  }

  @Test
  void shouldAnswerJsonRefusalWhenBrowserSendsBadAssertion() {
    // given
    String assertion = hub.assertion(c -> c.audience("someone-else"));

    // when / then
    assertRefused(callback(assertion, "text/html"), "wrong_audience");
  }

  @Test
  void shouldLogInWithRotatedKeyWhenHubPublishesNewKey() {
    // given the JWKS was fetched before the hub rotates its key
    assertThat(callback(hub.assertion(), "application/json").statusCode()).isEqualTo(200);
    ECKey rotated = TestHub.newEcKey();
    hub.publish(rotated);
    int fetchesBefore = hub.jwksFetches();

    // when
    String assertion = TestHub.sign(rotated, JWSAlgorithm.ES256, hub.validClaims().build());
    HttpResponse<String> response = callback(assertion, "application/json");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(hub.jwksFetches()).isGreaterThan(fetchesBefore);
  }

  private HttpResponse<String> callback(String assertion, String accept) {
    return Http.get(
        url("/agencies/dlt/sso/callback?assertion=")
            + URLEncoder.encode(assertion, StandardCharsets.UTF_8),
        "Accept",
        accept);
  }

  private static void assertRefused(HttpResponse<String> response, String error) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    JsonNode body = Http.json(response);
    assertThat(body.get("loggedIn").asBoolean()).isFalse();
    assertThat(body.get("error").asText()).isEqualTo(error);
  }
}
