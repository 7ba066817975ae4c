package org.saphan.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * Digital ID tokens against the running hub and the sandbox's real OIDC server: one test per
 * refusal, each with its exact code, and the userinfo path for claims absent from the token.
 */
class IdentityIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldIdentifyTheCitizenWhenTheTokenIsValid() throws Exception {
    // when
    HttpResponse<String> response = get("/api/v1/me", "citizen-somchai");
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode me = JSON.readTree(response.body());
    assertThat(me.path("citizenId").asText()).isEqualTo("3101200456789");
    assertThat(me.path("ialLevel").asText()).isEqualTo("2.3");
    assertThat(me.path("givenName").asText()).isEqualTo("สมชาย");
  }

  @Test
  void shouldTakeCitizenIdAndIalFromUserinfoWhenTheTokenLacksThem() throws Exception {
    // given: citizen-somying's tokens carry neither citizen_id nor ial_level
    String token = token("citizen-somying");
    assertThat(claims(token).getClaim("citizen_id")).isNull();
    // when
    HttpResponse<String> response = withToken("/api/v1/me", token);
    // then
    JsonNode me = JSON.readTree(response.body());
    assertThat(me.path("citizenId").asText()).isEqualTo("1234567890121");
    assertThat(me.path("ialLevel").asText()).isEqualTo("2.3");
  }

  @Test
  void shouldShowAgencyRolesFromTheDatabaseWhenAnOfficerCalls() throws Exception {
    // when
    JsonNode me = JSON.readTree(get("/api/v1/me", "officer-dcy").body());
    // then
    assertThat(me.at("/agencyRoles/dcy/0").asText()).isEqualTo("agency_officer");
    assertThat(me.path("operator").asBoolean()).isFalse();
  }

  @Test
  void shouldMarkTheOperatorWhenTheRolesClaimSaysSo() throws Exception {
    // when
    JsonNode me = JSON.readTree(get("/api/v1/me", "operator").body());
    // then
    assertThat(me.path("operator").asBoolean()).isTrue();
  }

  @Test
  void shouldRefuseWithTokenMissingWhenNoTokenIsSent() throws Exception {
    // when
    HttpResponse<String> response = get("/api/v1/me");
    // then
    assertProblem(response, 401, "token_missing");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
  }

  @Test
  void shouldRefuseWithTokenExpiredWhenTheTokenExpired() throws Exception {
    String token = ENV.token("citizen-somchai", "{\"expiresInSeconds\": -300}");
    assertProblem(withToken("/api/v1/me", token), 401, "token_expired");
  }

  @Test
  void shouldRefuseWithWrongIssuerWhenAnotherIdpIssuedTheToken() throws Exception {
    String token = ENV.token("citizen-somchai", "{\"issuer\": \"other-idp\"}");
    assertProblem(withToken("/api/v1/me", token), 401, "wrong_issuer");
  }

  @Test
  void shouldRefuseWithWrongAudienceWhenTheTokenIsForSomeoneElse() throws Exception {
    String token = ENV.token("citizen-somchai", "{\"audience\": \"another-service\"}");
    assertProblem(withToken("/api/v1/me", token), 401, "wrong_audience");
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenTheSignatureIsAltered() throws Exception {
    // given
    String token = token("citizen-somchai");
    String[] parts = token.split("\\.");
    char last = parts[2].charAt(5);
    String altered =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, 5)
            + (last == 'A' ? 'B' : 'A')
            + parts[2].substring(6);
    // then
    assertProblem(withToken("/api/v1/me", altered), 401, "signature_invalid");
  }

  @Test
  void shouldRefuseWithUnknownKeyWhenTheKidIsNotInTheIssuersJwksEvenAfterRefresh()
      throws Exception {
    // given: a token in Digital ID's name, signed with a key Digital ID never published
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rotated-away").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rotated-away").build(),
            validClaims().build());
    jwt.sign(new RSASSASigner(stranger));
    // then
    assertProblem(withToken("/api/v1/me", jwt.serialize()), 401, "unknown_key");
  }

  @Test
  void shouldRefuseWithAlgorithmNotAllowedWhenAlgIsNone() throws Exception {
    String token = new PlainJWT(validClaims().build()).serialize();
    assertProblem(withToken("/api/v1/me", token), 401, "algorithm_not_allowed");
  }

  @Test
  void shouldRefuseWithAlgorithmNotAllowedWhenHs256IsUsed() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), validClaims().build());
    jwt.sign(new MACSigner(new byte[32]));
    assertProblem(withToken("/api/v1/me", jwt.serialize()), 401, "algorithm_not_allowed");
  }

  @Test
  void shouldRefuseWithCitizenIdInvalidWhenTheCheckDigitIsWrong() throws Exception {
    String token =
        ENV.token("citizen-somchai", "{\"claims\": {\"citizen_id\": \"3101200456788\"}}");
    assertProblem(withToken("/api/v1/me", token), 401, "citizen_id_invalid");
  }

  @Test
  void shouldRefuseWithTokenInvalidWhenTheTokenIsGarbage() throws Exception {
    assertProblem(withToken("/api/v1/me", "not.a.jwt"), 401, "token_invalid");
  }

  private JWTClaimsSet.Builder validClaims() {
    return new JWTClaimsSet.Builder()
        .issuer(ENV.digitalIdIssuer())
        .audience("saphan-hub")
        .subject("someone")
        .claim("citizen_id", "3101200456789")
        .claim("ial_level", "2.3")
        .expirationTime(new Date(System.currentTimeMillis() + 600_000));
  }

  private static JWTClaimsSet claims(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet();
  }

  private HttpResponse<String> withToken(String path, String token) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token));
  }
}
