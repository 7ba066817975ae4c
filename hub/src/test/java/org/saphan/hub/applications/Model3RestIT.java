package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * Model 3 end to end with the sandbox's REST agency (DCY newborn grant): apply → delivered → agency
 * callback → timeline → portal event, signed and verified; idempotency; consent.
 */
class Model3RestIT extends HubIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SERVICE = "1-001";
  static final String FORM =
      "{\"child\":{\"citizenId\":\"1101700000010\",\"givenName\":\"ด.ญ. ใจดี\",\"birthDate\":\"2025-02-01\"},"
          + "\"bankAccount\":{\"bankCode\":\"006\",\"accountNo\":\"1234567890\"},"
          + "\"householdIncomePerYear\":85000}";

  private static boolean consented;

  @BeforeEach
  void consent() throws Exception {
    // Once, but after the shared context (and so the hub) has started.
    if (!consented) {
      grant("citizen-somchai", "dcy-newborn-grant");
      consented = true;
    }
  }

  @Test
  void shouldDeliverRecordCallbackAndNotifyThePortalWhenACitizenApplies() throws Exception {
    // when: the citizen applies
    HttpResponse<String> accepted = apply("citizen-somchai", UUID.randomUUID().toString(), body());
    // then: accepted at once
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = JSON.readTree(accepted.body()).path("applicationId").asText();

    // and delivered to the agency, which acknowledged it (status 10 = received)
    JsonNode received = awaitStatus(id, "received");
    String reference = received.path("agencyReference").asText();
    assertThat(reference).startsWith("DCY-");
    JsonNode receipts = sandbox("/sandbox/v1/agencies/dcy/receipts");
    assertThat(receipts.toString()).contains(id);

    // when: the agency approves and calls back (signed with its key)
    sandboxPost(
        "/sandbox/v1/agencies/dcy/applications/" + reference + "/status",
        "{\"statusCode\":\"40\"}");

    // then: the timeline shows it, in order
    JsonNode approved = awaitStatus(id, "approved");
    assertThat(approved.path("timeline").findValuesAsText("status"))
        .containsSubsequence("submitted", "delivered", "received", "approved");

    // and the portal received a signed event for it (the sandbox portal checks the hub's JWKS)
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(sandbox("/sandbox/v1/portal/events?applicationId=" + id).toString())
                    .contains("\"status\":\"approved\"")
                    .contains("\"kid\""));
  }

  @Test
  void shouldAnswerTheSameWhenTheSameKeyAndBodyComeAgain() throws Exception {
    // given
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first = apply("citizen-somchai", key, body());
    // when
    HttpResponse<String> again = apply("citizen-somchai", key, body());
    // then
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(again.body()).path("applicationId").asText())
        .isEqualTo(JSON.readTree(first.body()).path("applicationId").asText());
    assertThat(again.headers().firstValue("Idempotency-Replayed")).contains("true");
  }

  @Test
  void shouldRefuseWithIdempotencyKeyReusedWhenTheBodyDiffers() throws Exception {
    String key = UUID.randomUUID().toString();
    apply("citizen-somchai", key, body());
    HttpResponse<String> other = apply("citizen-somchai", key, body().replace("85000", "90000"));
    assertProblem(other, 422, "idempotency_key_reused");
  }

  @Test
  void shouldRefuseWithMissingHeaderWhenNoIdempotencyKeyIsSent() throws Exception {
    assertProblem(apply("citizen-somchai", null, body()), 400, "missing_header");
  }

  @Test
  void shouldRefuseWithFormInvalidListingEveryProblemWhenTheFormDoesNotFit() throws Exception {
    HttpResponse<String> response =
        apply(
            "citizen-somchai",
            UUID.randomUUID().toString(),
            "{\"serviceId\":\"" + SERVICE + "\",\"form\":{\"child\":{\"citizenId\":\"12\"}}}");
    assertProblem(response, 400, "form_invalid");
    assertThat(JSON.readTree(response.body()).path("errors").size()).isGreaterThan(1);
  }

  @Test
  void shouldShowTheApplicationOnlyToItsCitizenAndTheAgencysOfficers() throws Exception {
    // given
    String id =
        JSON.readTree(apply("citizen-somchai", UUID.randomUUID().toString(), body()).body())
            .path("applicationId")
            .asText();
    // then
    assertThat(get("/api/v1/applications/" + id, "citizen-somchai").statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/applications/" + id, "officer-dcy").statusCode()).isEqualTo(200);
    assertProblem(get("/api/v1/applications/" + id, "citizen-malee"), 404, "application_not_found");
    assertProblem(get("/api/v1/applications/" + id, "officer-dsd-1"), 404, "application_not_found");
  }

  // --- helpers shared by the model-3 tests ---

  static String body() {
    return "{\"serviceId\":\""
        + SERVICE
        + "\",\"form\":"
        + FORM
        + ",\"applicant\":{\"phone\":\"0800000000\",\"address\":{\"postcode\":\"10500\"}}}";
  }

  HttpResponse<String> apply(String persona, String key, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/v1/applications"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return send(request, persona);
  }

  JsonNode awaitStatus(String id, String status) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              last[0] = JSON.readTree(get("/api/v1/applications/" + id, "citizen-somchai").body());
              assertThat(last[0].path("status").asText()).isEqualTo(status);
            });
    return last[0];
  }

  static void grant(String persona, String agreement) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(ENV.hubUrl() + "/api/v1/consents"))
                .header("Authorization", "Bearer " + token(persona))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"agreementId\":\"" + agreement + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  static JsonNode sandbox(String path) throws Exception {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(ENV.sandboxUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  static HttpResponse<String> sandboxPost(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(ENV.sandboxUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertProblem(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo(code);
  }
}
