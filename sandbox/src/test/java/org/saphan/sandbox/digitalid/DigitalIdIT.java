package org.saphan.sandbox.digitalid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.sandbox.Http;
import org.saphan.sandbox.SandboxTestBase;
import org.springframework.beans.factory.annotation.Autowired;

class DigitalIdIT extends SandboxTestBase {

  private static final List<String> CONTRACT_PERSONAS =
      List.of(
          "citizen-somchai",
          "citizen-somying",
          "citizen-wichai",
          "citizen-malee",
          "officer-dcy",
          "officer-dsd-1",
          "officer-dsd-2",
          "admin-dsd",
          "officer-dld",
          "operator");

  @Autowired DigitalIdServer server;
  @Autowired PersonaCatalog personas;

  @Test
  void shouldListEveryContractPersonaWhenPersonasAreAsked() {
    // given the sandbox is up
    // when
    HttpResponse<String> response = Http.get(url("/sandbox/v1/digital-id/personas"));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode list = Http.json(response);
    assertThat(list.findValuesAsText("persona")).containsExactlyElementsOf(CONTRACT_PERSONAS);
    assertThat(list.get(0).get("citizen_id").asText()).isEqualTo("3101200456789");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "citizen-somchai",
        "citizen-somying",
        "citizen-wichai",
        "citizen-malee",
        "officer-dcy",
        "officer-dsd-1",
        "officer-dsd-2",
        "admin-dsd",
        "officer-dld",
        "operator"
      })
  void shouldIssueTokenVerifiedByJwksWithPersonaClaimsWhenPersonaAsksForToken(String name)
      throws Exception {
    // given
    Persona persona = personas.byName(name).orElseThrow();

    // when
    JsonNode token = token(name, "");
    JWTClaimsSet claims = verifyWithIssuerJwks(token.get("access_token").asText());

    // then
    assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(claims.getIssuer()).isEqualTo("http://localhost:" + server.port() + "/digitalid");
    assertThat(claims.getAudience()).containsExactly("saphan-hub");
    assertThat(claims.getSubject()).isEqualTo(persona.sub());
    assertThat(claims.getStringClaim("given_name")).isEqualTo(persona.givenName());
    assertThat(claims.getStringClaim("family_name")).isEqualTo(persona.familyName());
    assertThat(claims.getStringClaim("name")).isEqualTo(persona.name());
    assertThat(claims.getStringListClaim("amr")).isEqualTo(persona.amr());
    assertThat(claims.getExpirationTime()).isAfter(Instant.now().plusSeconds(3000));
    if (persona.identityInToken()) {
      assertThat(claims.getStringClaim("citizen_id")).isEqualTo(persona.citizenId());
      assertThat(claims.getStringClaim("ial_level")).isEqualTo(persona.ialLevel());
    } else {
      assertThat(claims.getClaims()).doesNotContainKeys("citizen_id", "ial_level");
    }
    if (name.equals("operator")) {
      assertThat(claims.getStringListClaim("roles")).containsExactly("portal_operator");
    }
  }

  @Test
  void shouldCarryIdentityOnlyInUserinfoWhenPersonaIsSomying() throws Exception {
    // given
    String accessToken = token("citizen-somying", "").get("access_token").asText();
    assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getClaims())
        .doesNotContainKey("citizen_id");

    // when
    HttpResponse<String> userinfo =
        Http.get(issuer() + "/userinfo", "Authorization", "Bearer " + accessToken);

    // then
    assertThat(userinfo.statusCode()).isEqualTo(200);
    JsonNode claims = Http.json(userinfo);
    assertThat(claims.get("citizen_id").asText()).isEqualTo("1234567890121");
    assertThat(claims.get("ial_level").asText()).isEqualTo("2.3");
    assertThat(claims.get("name").asText()).isEqualTo("สมหญิง ตัวอย่าง");
  }

  @Test
  void shouldRefuseUserinfoWhenTokenIsExpired() {
    // given
    String expired =
        token("citizen-somchai", "{\"expiresInSeconds\": -120}").get("access_token").asText();

    // when
    HttpResponse<String> userinfo =
        Http.get(issuer() + "/userinfo", "Authorization", "Bearer " + expired);

    // then
    assertThat(userinfo.statusCode()).isEqualTo(401);
    assertThat(Http.json(userinfo).get("error").asText()).isEqualTo("invalid_token");
  }

  @Test
  void shouldIssueAlreadyExpiredTokenWhenExpiresInIsNegative() throws Exception {
    // given
    String options = "{\"expiresInSeconds\": -120}";

    // when
    JsonNode token = token("citizen-somchai", options);
    JWTClaimsSet claims = SignedJWT.parse(token.get("access_token").asText()).getJWTClaimsSet();

    // then
    assertThat(token.get("expires_in").asLong()).isEqualTo(-120);
    assertThat(claims.getExpirationTime()).isBefore(Instant.now().minusSeconds(100));
    assertThat(claims.getIssueTime()).isBefore(claims.getExpirationTime());
    assertThatThrownBy(() -> verifyWithIssuerJwks(token.get("access_token").asText()))
        .isInstanceOf(BadJOSEException.class)
        .hasMessageContaining("Expired");
  }

  @Test
  void shouldIssueTokenOfUnrelatedIssuerWhenIssuerIsOtherIdp() throws Exception {
    // given
    String options = "{\"issuer\": \"other-idp\"}";

    // when
    String accessToken = token("citizen-somchai", options).get("access_token").asText();

    // then
    assertThat(SignedJWT.parse(accessToken).getJWTClaimsSet().getIssuer())
        .isEqualTo("http://localhost:" + server.port() + "/other-idp");
    assertThatThrownBy(() -> verifyWithIssuerJwks(accessToken))
        .isInstanceOf(BadJOSEException.class);
  }

  @Test
  void shouldApplyAudienceExtraClaimsAndOmissionsWhenOptionsAreGiven() throws Exception {
    // given
    String options =
        """
        {"audience": "another-api", "claims": {"extra": "x", "ial_level": "1.1"},
         "omitClaims": ["citizen_id"]}
        """;

    // when
    JWTClaimsSet claims =
        verifyWithIssuerJwks(token("citizen-somchai", options).get("access_token").asText());

    // then
    assertThat(claims.getAudience()).containsExactly("another-api");
    assertThat(claims.getStringClaim("extra")).isEqualTo("x");
    assertThat(claims.getStringClaim("ial_level")).isEqualTo("1.1");
    assertThat(claims.getClaims()).doesNotContainKey("citizen_id");
  }

  @Test
  void shouldAnswer404ProblemWhenPersonaIsUnknown() {
    // given
    String unknown = "citizen-nobody";

    // when
    HttpResponse<String> response =
        Http.postJson(url("/sandbox/v1/digital-id/personas/" + unknown + "/token"), "{}");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(response).get("code").asText()).isEqualTo("persona_unknown");
  }

  @Test
  void shouldAnswer400ProblemWhenIssuerIsUnknown() {
    // given
    String options = "{\"issuer\": \"somewhere-else\"}";

    // when
    HttpResponse<String> response =
        Http.postJson(url("/sandbox/v1/digital-id/personas/operator/token"), options);

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("code").asText()).isEqualTo("issuer_unknown");
  }

  @Test
  void shouldPublishContractEndpointsWhenDiscoveryIsAsked() {
    // given the Digital ID server is up
    // when
    JsonNode discovery = Http.json(Http.get(issuer() + "/.well-known/openid-configuration"));

    // then
    assertThat(discovery.get("issuer").asText()).isEqualTo(issuer());
    assertThat(discovery.get("jwks_uri").asText()).isEqualTo(issuer() + "/jwks");
    assertThat(discovery.get("userinfo_endpoint").asText()).isEqualTo(issuer() + "/userinfo");
    assertThat(discovery.get("authorization_endpoint").asText()).isEqualTo(issuer() + "/authorize");
  }

  @Test
  void shouldAnswerAHelpPageWithAWorkingSignInLinkWhenTheBareLoginUrlIsOpened() throws Exception {
    // when: a person types the login URL of the README, without any OIDC parameters
    HttpResponse<String> bare = Http.get(issuer() + "/authorize");
    // then: a page that explains it and links to a complete sign-in, which shows the personas
    assertThat(bare.statusCode()).isEqualTo(200);
    assertThat(bare.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(bare.body()).contains("citizen-somchai").contains("id=\"start\"");
    String start =
        org.springframework.web.util.HtmlUtils.htmlUnescape(
            bare.body().replaceFirst("(?s).*id=\"start\" href=\"([^\"]+)\".*", "$1"));
    assertThat(start).contains("/digitalid/authorize?client_id=citizen-portal&response_type=code");
    HttpResponse<String> page = Http.get(start);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("value=\"citizen-somchai\"");
  }

  @Test
  void shouldIssuePersonaTokensWhenPersonSignsInOnLoginPage() throws Exception {
    // given a portal that sends the person to the login page
    String query =
        "?client_id=citizen-portal&response_type=code&scope=openid&state=s1&nonce=n1"
            + "&redirect_uri=http://localhost:1/callback";
    HttpResponse<String> page = Http.get(issuer() + "/authorize" + query);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("value=\"citizen-malee\"").contains("มาลี ศรีสวัสดิ์");

    // when the person picks a persona and the portal redeems the code
    HttpResponse<String> login = login(query, "citizen-malee");
    HttpResponse<String> tokens = redeem(login);

    // then
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(tokens.statusCode()).isEqualTo(200);
    JWTClaimsSet access = verifyWithIssuerJwks(Http.json(tokens).get("access_token").asText());
    assertThat(access.getSubject()).isEqualTo(personas.byName("citizen-malee").orElseThrow().sub());
    assertThat(access.getAudience()).containsExactly("saphan-hub");
    assertThat(access.getStringClaim("citizen_id")).isEqualTo("3659900012347");
    assertThat(access.getStringClaim("ial_level")).isEqualTo("2.2");
  }

  @Test
  void shouldIssueTheStepUpLevelWhenTheLoginAsksForAcrValues() throws Exception {
    // given: citizen-wichai is proofed at 1.2; the portal relays the hub's RFC 9470 challenge
    String query =
        "?client_id=citizen-portal&response_type=code&scope=openid&state=s2&nonce=n2"
            + "&acr_values=urn%3Asaphan%3Aial%3A2.3%20urn%3Asaphan%3Aial%3A3"
            + "&redirect_uri=http://localhost:1/callback";

    // when
    HttpResponse<String> tokens = redeem(login(query, "citizen-wichai"));

    // then: issued at the first level asked for
    JWTClaimsSet access = verifyWithIssuerJwks(Http.json(tokens).get("access_token").asText());
    assertThat(access.getStringClaim("acr")).isEqualTo("urn:saphan:ial:2.3");
    assertThat(access.getStringClaim("ial_level")).isEqualTo("2.3");
    assertThat(access.getStringClaim("citizen_id")).isEqualTo("1100500123451");
  }

  @Test
  void shouldIssueTheStepUpLevelWhenTheTokenEndpointIsAskedForAcrValues() throws Exception {
    // when
    JsonNode issued = token("citizen-wichai", "{\"acrValues\": \"urn:saphan:ial:2.2\"}");

    // then
    JWTClaimsSet access = verifyWithIssuerJwks(issued.get("access_token").asText());
    assertThat(access.getStringClaim("acr")).isEqualTo("urn:saphan:ial:2.2");
    assertThat(access.getStringClaim("ial_level")).isEqualTo("2.2");
  }

  @Test
  void shouldAnswer400WhenAcrValuesNameNoLevel() {
    // when
    HttpResponse<String> response =
        Http.postJson(
            url("/sandbox/v1/digital-id/personas/citizen-wichai/token"),
            "{\"acrValues\": \"loa3 urn:saphan:ial:9\"}");

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("code").asText()).isEqualTo("acr_values_unsupported");
  }

  /** The person picks {@code persona} on the login page the portal sent them to. */
  private HttpResponse<String> login(String query, String persona) {
    return Http.post(
        issuer() + "/authorize" + query,
        "application/x-www-form-urlencoded",
        "username=" + persona);
  }

  /** The portal redeems the code of a login's redirect at the token endpoint. */
  private HttpResponse<String> redeem(HttpResponse<String> login) {
    String code = queryParameter(login.headers().firstValue("Location").orElseThrow(), "code");
    return Http.post(
        issuer() + "/token",
        "application/x-www-form-urlencoded",
        "grant_type=authorization_code&code="
            + code
            + "&redirect_uri=http://localhost:1/callback&client_id=citizen-portal"
            + "&client_secret=any");
  }

  private JsonNode token(String persona, String options) {
    HttpResponse<String> response =
        options.isEmpty()
            ? Http.post(url("/sandbox/v1/digital-id/personas/" + persona + "/token"), null, "")
            : Http.postJson(url("/sandbox/v1/digital-id/personas/" + persona + "/token"), options);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }

  /** Verifies like a relying party would: keys from the issuer's JWKS endpoint, RS256 only. */
  private JWTClaimsSet verifyWithIssuerJwks(String token) throws Exception {
    JWKSet jwks = JWKSet.parse(Http.get(issuer() + "/jwks").body());
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
    return processor.process(token, null);
  }

  private String issuer() {
    return "http://localhost:" + server.port() + "/digitalid";
  }

  private static String queryParameter(String location, String name) {
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name)) {
        return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + location);
  }
}
