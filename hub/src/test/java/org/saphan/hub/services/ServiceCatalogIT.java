package org.saphan.hub.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.dsl.JsonPathSupport.jsonPath;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.client.HttpClientBuilder;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.http.HttpStatus;

/**
 * The service catalog and models 0, 1 and 2 over the wire, driven by Citrus: list and search the
 * 260 roadmap services, follow a link-out, and sign in to the sandbox's DLT e-service with an SSO
 * assertion the e-service verifies only through the hub's JWKS.
 */
@CitrusSupport
class ServiceCatalogIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DRIVING_LICENCE = "1-037";

  private final HttpClient hub = new HttpClientBuilder().requestUrl(ENV.hubUrl()).build();
  private final HttpClient sandbox = new HttpClientBuilder().requestUrl(ENV.sandboxUrl()).build();

  @Test
  @CitrusTest
  void shouldListExactlyTheRoadmapServicesWhenTheCatalogIsRead(@CitrusResource TestCaseRunner t) {
    t.$(http().client(hub).send().get("/api/v1/services").queryParam("size", "5"));
    t.$(
        http()
            .client(hub)
            .receive()
            .response(HttpStatus.OK)
            .message()
            .type(MessageType.JSON)
            .validate(
                jsonPath()
                    .expression("$.total", 260)
                    .expression("$.items.size()", 5)
                    .expression("$.items[0].id", "1-001")
                    .expression("$.items[0].agency.code", "dcy")
                    .expression("$.language", "th")));
  }

  @Test
  @CitrusTest
  void shouldFindAServiceWhenSearchedInThai(@CitrusResource TestCaseRunner t) {
    t.$(
        http()
            .client(hub)
            .send()
            .get("/api/v1/services")
            .queryParam("q", encoded("ต่ออายุใบอนุญาตขับรถ")));
    t.$(
        http()
            .client(hub)
            .receive()
            .response(HttpStatus.OK)
            .message()
            .type(MessageType.JSON)
            .validate(
                jsonPath()
                    .expression("$.items[0].id", DRIVING_LICENCE)
                    .expression("$.items[0].model", 2)
                    .expression("$.items[0].connector", "dlt-driving-licence-renewal")));
  }

  @Test
  @CitrusTest
  void shouldAnswerInEnglishWhenSearchedInEnglish(@CitrusResource TestCaseRunner t) {
    t.$(
        http()
            .client(hub)
            .send()
            .get("/api/v1/services")
            .queryParam("q", encoded("driving licence renewal"))
            .message()
            .header("Accept-Language", "en-GB,en;q=0.9"));
    t.$(
        http()
            .client(hub)
            .receive()
            .response(HttpStatus.OK)
            .message()
            .type(MessageType.JSON)
            .validate(
                jsonPath()
                    .expression("$.language", "en")
                    .expression("$.items[0].id", DRIVING_LICENCE)
                    .expression("$.items[0].agency.name", "Department of Land Transport")));
  }

  @Test
  @CitrusTest
  void shouldFilterByAgencyPhaseAndModelWhenAsked(@CitrusResource TestCaseRunner t) {
    t.$(
        http()
            .client(hub)
            .send()
            .get("/api/v1/services")
            .queryParam("agency", "dcy")
            .queryParam("phase", "1")
            .queryParam("model", "3"));
    t.$(
        http()
            .client(hub)
            .receive()
            .response(HttpStatus.OK)
            .message()
            .type(MessageType.JSON)
            .validate(jsonPath().expression("$.total", 1).expression("$.items[0].id", "1-001")));
  }

  @Test
  @CitrusTest
  void shouldShowDocumentsFeeAndWhatCanBeDoneOnlineWhenAServiceIsOpened(
      @CitrusResource TestCaseRunner t) {
    t.$(
        http()
            .client(hub)
            .send()
            .get("/api/v1/services/" + DRIVING_LICENCE)
            .message()
            .header("Accept-Language", "en"));
    t.$(
        http()
            .client(hub)
            .receive()
            .response(HttpStatus.OK)
            .message()
            .type(MessageType.JSON)
            .validate(
                jsonPath()
                    .expression("$.model", 2)
                    .expression("$.fee.amount", "505.00")
                    .expression("$.slaWorkingDays", 1)
                    .expression("$.documentsRequired[0]", "Thai national ID card")
                    .expression("$.online[2].action", "sign_in_with_digital_id")));
  }

  @Test
  @CitrusTest
  void shouldAnswerServiceNotFoundWhenTheIdIsUnknown(@CitrusResource TestCaseRunner t) {
    t.$(http().client(hub).send().get("/api/v1/services/9-999"));
    t.$(
        http()
            .client(hub)
            .receive()
            .response(HttpStatus.NOT_FOUND)
            .message()
            .type(MessageType.JSON)
            .validate(jsonPath().expression("$.code", "service_not_found")));
  }

  @Test
  @CitrusTest
  void shouldFollowTheLinkOutToTheAgencyEServiceWhenTheCitizenClicks(
      @CitrusResource TestCaseRunner t) throws Exception {
    // given: the link and its target
    JsonNode link = JSON.readTree(get("/api/v1/services/" + DRIVING_LICENCE + "/link").body());
    assertThat(link.path("url").asText()).isEqualTo(ENV.sandboxUrl() + "/agencies/dlt/e-learning");
    // when: the citizen clicks (the hub counts it and redirects)
    HttpResponse<String> go = get("/api/v1/services/" + DRIVING_LICENCE + "/go");
    // then
    assertThat(go.statusCode()).isEqualTo(302);
    assertThat(go.headers().firstValue("Location")).contains(link.path("url").asText());
    t.$(http().client(sandbox).send().get("/agencies/dlt/e-learning"));
    t.$(http().client(sandbox).receive().response(HttpStatus.OK));
  }

  @Test
  @CitrusTest
  void shouldLogInToTheAgencyAsThePersonaAndRefuseTheReplayWhenSsoLinkIsUsedTwice(
      @CitrusResource TestCaseRunner t) {
    // given: an SSO link minted for citizen-somchai
    t.$(
        http()
            .client(hub)
            .send()
            .post("/api/v1/services/" + DRIVING_LICENCE + "/sso-link")
            .message()
            .header("Authorization", "Bearer " + token("citizen-somchai")));
    t.$(
        http()
            .client(hub)
            .receive()
            .response(HttpStatus.OK)
            .message()
            .type(MessageType.JSON)
            .extract(jsonPath().expression("$.form.fields.assertion", "assertion")));
    // when: the browser posts it to the agency e-service
    t.$(
        http()
            .client(sandbox)
            .send()
            .post("/agencies/dlt/sso/callback")
            .message()
            .contentType("application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body("assertion=${assertion}"));
    // then: the agency verified it through the hub's JWKS and shows who logged in
    t.$(
        http()
            .client(sandbox)
            .receive()
            .response(HttpStatus.OK)
            .message()
            .type(MessageType.JSON)
            .validate(
                jsonPath()
                    .expression("$.loggedIn", true)
                    .expression("$.claims.citizen_id", "3101200456789")
                    .expression("$.claims.given_name", "สมชาย")));
    // and the same assertion again is refused
    t.$(
        http()
            .client(sandbox)
            .send()
            .post("/agencies/dlt/sso/callback")
            .message()
            .contentType("application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body("assertion=${assertion}"));
    t.$(
        http()
            .client(sandbox)
            .receive()
            .response(HttpStatus.UNAUTHORIZED)
            .message()
            .type(MessageType.JSON)
            .validate(jsonPath().expression("$.error", "replayed")));
  }

  /** Citrus sends query values as given: the test encodes them as a browser would. */
  private static String encoded(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void shouldRefuseWithInsufficientAssuranceNamingTheLevelWhenIalIsTooLow() throws Exception {
    // when: citizen-wichai has IAL 1.2; the service needs 2.3
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/services/" + DRIVING_LICENCE + "/sso-link"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "citizen-wichai");
    // then
    // (403 before issue 19; RFC 9470 makes it 401 with the step-up challenge)
    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("code").asText()).isEqualTo("insufficient_assurance");
    assertThat(problem.path("requiredIal").asText()).isEqualTo("2.3");
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"identity"
                + " assurance level 2.3 or higher is required\","
                + " acr_values=\"urn:saphan:ial:2.3 urn:saphan:ial:3\"");
  }

  @Test
  void shouldReleaseOnlyTheClaimsTheCardListsWhenMintingTheAssertion() throws Exception {
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/services/" + DRIVING_LICENCE + "/sso-link"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "citizen-somchai");
    // then
    String assertion = JSON.readTree(response.body()).at("/form/fields/assertion").asText();
    var claims = com.nimbusds.jwt.SignedJWT.parse(assertion).getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly("dlt-driving-licence-renewal");
    assertThat(claims.getClaims().keySet())
        .containsExactlyInAnyOrder(
            "iss",
            "sub",
            "aud",
            "iat",
            "nbf",
            "exp",
            "jti",
            "citizen_id",
            "given_name",
            "family_name");
    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
        .isLessThanOrEqualTo(120_000);
  }
}
