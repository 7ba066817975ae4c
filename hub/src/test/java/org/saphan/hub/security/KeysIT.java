package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The running hub's keys: JWKS over HTTP, rotation across nodes, retirement, replay, health. */
class KeysIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Signing signing;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void shouldVerifyWithJose4jFetchingTheHubsJwksOverHttpWhenTheHubSignsAJwt() throws Exception {
    // given
    String jwt =
        signing.mintJwt(
            new JWTClaimsSet.Builder().subject("citizen").audience("agency-x").build(), "ES256");
    HttpsJwks jwks = new HttpsJwks(uri("/.well-known/jwks.json").toString());
    JwtConsumer consumer =
        new JwtConsumerBuilder()
            .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
            .setExpectedAudience("agency-x")
            .setExpectedIssuer(signing.issuer())
            .setRequireSubject()
            .setJwsAlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT, "ES256", "PS256")
            .build();
    // when
    var claims = consumer.processToClaims(jwt);
    // then
    assertThat(claims.getSubject()).isEqualTo("citizen");
  }

  @Test
  void shouldVerifyWithJose4jWhenTheHubSignsADetachedJwsWithRsa() throws Exception {
    // given
    byte[] body = "{\"applicationId\":\"APP-1\"}".getBytes(StandardCharsets.UTF_8);
    SignedMessage signed = signing.signer(SigningPolicy.JWS, "PS256").sign(body);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(new String(signed.detachedSignature(), StandardCharsets.US_ASCII));
    jws.setEncodedPayload(org.jose4j.base64url.Base64Url.encode(body));
    jws.setAlgorithmConstraints(
        new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "PS256"));
    HttpsJwks jwks = new HttpsJwks(uri("/.well-known/jwks.json").toString());
    jws.setKey(new HttpsJwksVerificationKeyResolver(jwks).resolveKey(jws, List.of()));
    // then
    assertThat(jws.verifySignature()).isTrue();
  }

  @Test
  void shouldPublishOnlyPublicKeysWithKidAndAlgWhenJwksIsFetched() throws Exception {
    // when
    HttpResponse<String> response = get("/.well-known/jwks.json");
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/jwk-set+json");
    JsonNode keys = JSON.readTree(response.body()).path("keys");
    assertThat(keys.size()).isGreaterThanOrEqualTo(2);
    for (JsonNode key : keys) {
      assertThat(key.has("kid")).isTrue();
      assertThat(key.has("alg")).isTrue();
      assertThat(key.has("d")).as("private part").isFalse();
      assertThat(key.has("p")).as("private part").isFalse();
    }
  }

  @Test
  void shouldKeepVerifyingOnBothNodesAfterRotateAndStopAfterRetireWhenKeysRotate()
      throws Exception {
    // given: a JWT signed with the current RSA key, and a second node sharing the database
    String oldKid = signing.keyRing().current(KeyFamily.RSA_3072).kid();
    byte[] body = "{\"before\":\"rotation\"}".getBytes(StandardCharsets.UTF_8);
    // Each signature is verified once only: a second check would rightly be a replay.
    JwsSigner oldKey = signing.jws("PS256", JwsSigner.Mode.COMPACT);
    byte[] first = oldKey.sign(body).body();
    byte[] second = oldKey.sign(body).body();
    byte[] third = oldKey.sign(body).body();
    byte[] fourth = oldKey.sign(body).body();
    KeyRegistry secondNode = new KeyRegistry(jdbc, "it-node-2", clock, java.time.Duration.ZERO);
    VerificationRules onSecondNode =
        VerificationRules.of(SigningPolicy.JWS, signing.issuer(), secondNode.trust());

    // when: an operator rotates the RSA key
    HttpResponse<String> rotated =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/keys/rotate?family=rsa"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");

    // then: a new kid is active and the old signature still verifies on this node and node 2
    assertThat(rotated.statusCode()).isEqualTo(200);
    String newKid = JSON.readTree(rotated.body()).path("kid").asText();
    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(signing.keyRing().current(KeyFamily.RSA_3072).kid()).isEqualTo(newKid);
    assertThat(jwksKids()).contains(oldKid, newKid);
    assertThat(verify(first, signing.selfRules(SigningPolicy.JWS))).isEqualTo(oldKid);
    assertThat(verify(second, onSecondNode)).isEqualTo(oldKid);

    // when: the old key is retired
    HttpResponse<String> retired =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/keys/" + oldKid + "/retire"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");

    // then: it is gone from the JWKS and its signatures fail everywhere
    assertThat(retired.statusCode()).isEqualTo(200);
    assertThat(jwksKids()).doesNotContain(oldKid).contains(newKid);
    assertCode(() -> verify(third, signing.selfRules(SigningPolicy.JWS)), ErrorCode.UNKNOWN_KEY);
    assertCode(() -> verify(fourth, onSecondNode), ErrorCode.UNKNOWN_KEY);
  }

  @Test
  void shouldRefuseAHubJwtWithWrongAudienceOrExpiryWhenVerified() {
    // given
    String expired =
        signing.mintJwt(
            new JWTClaimsSet.Builder()
                .audience("agency-x")
                .expirationTime(java.util.Date.from(clock.instant().minusSeconds(5)))
                .build(),
            "ES256");
    // then
    assertCode(() -> signing.verifyOwnJwt(expired, "agency-y"), ErrorCode.WRONG_AUDIENCE);
    assertCode(() -> signing.verifyOwnJwt(expired, "agency-x"), ErrorCode.TOKEN_EXPIRED);
  }

  @Test
  void shouldRefuseRetiringTheActiveKeyWhenNotRotatedFirst() throws Exception {
    // given
    String activeKid = signing.keyRing().current(KeyFamily.EC_P256).kid();
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/keys/" + activeKid + "/retire"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("validation_failed");
  }

  @Test
  void shouldRefuseASecondUseOfAJtiOnAnotherNodeWhenReplayed() {
    // given: two nodes' replay guards over the one database
    JdbcReplayGuard nodeA = new JdbcReplayGuard(jdbc, clock);
    JdbcReplayGuard nodeB = new JdbcReplayGuard(jdbc, clock);
    String jti = UUID.randomUUID().toString();
    nodeA.checkAndRemember("agency-rest", jti, clock.instant().plusSeconds(300));
    // then
    assertCode(
        () -> nodeB.checkAndRemember("agency-rest", jti, clock.instant().plusSeconds(300)),
        ErrorCode.REPLAY_DETECTED);
  }

  @Test
  void shouldAcceptAJtiAgainWhenItsWindowHasPassed() {
    // given: a jti remembered until a moment that has already passed
    JdbcReplayGuard guard = new JdbcReplayGuard(jdbc, clock);
    String jti = UUID.randomUUID().toString();
    guard.checkAndRemember("agency-rest", jti, Instant.now().minusSeconds(1));
    // when
    guard.checkAndRemember("agency-rest", jti, clock.instant().plusSeconds(300));
    // then: the second use was remembered; a third one is a replay
    assertCode(
        () -> guard.checkAndRemember("agency-rest", jti, clock.instant().plusSeconds(300)),
        ErrorCode.REPLAY_DETECTED);
  }

  @Test
  void shouldReportKeysHealthAndDaysLeftMetricWhenProbed() throws Exception {
    // when
    JsonNode health = JSON.readTree(management("/actuator/health").body());
    String metrics = management("/actuator/prometheus").body();
    // then
    assertThat(health.at("/components/keys/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/keys/details/keys").size()).isGreaterThanOrEqualTo(2);
    assertThat(metrics).containsPattern("saphan_keys_certificate_days_left_days\\{[^}]*kid=\"");
  }

  private List<String> jwksKids() throws Exception {
    JsonNode keys = JSON.readTree(get("/.well-known/jwks.json").body()).path("keys");
    return java.util.stream.StreamSupport.stream(keys.spliterator(), false)
        .map(k -> k.path("kid").asText())
        .toList();
  }

  private String verify(byte[] compactJws, VerificationRules rules) {
    return signing.verifier(SigningPolicy.JWS).verify(compactJws, null, rules).kid();
  }

  private static void assertCode(Runnable action, ErrorCode code) {
    assertThatThrownBy(action::run)
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(code);
  }
}
