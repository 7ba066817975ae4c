package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.saphan.hub.support.HubIntegrationTest;

/** What the model-3 tests share: applying, awaiting a status, the sandbox's control API. */
abstract class Model3TestSupport extends HubIntegrationTest {

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
    return awaitStatus(id, status, Duration.ofSeconds(30));
  }

  JsonNode awaitStatus(String id, String status, Duration atMost) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(atMost)
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

  /** The {@code payloadSha256} of the last delivery attempt in the ops evidence list. */
  static String lastAttemptSha256(JsonNode evidence) {
    String hash = null;
    for (JsonNode item : evidence) {
      if ("delivery_attempt".equals(item.path("kind").asText())) {
        hash = item.path("payloadSha256").asText();
      }
    }
    assertThat(hash).as("a delivery_attempt in " + evidence).isNotNull();
    return hash;
  }

  /** SHA-256 of the bytes the sandbox agency received last for an application's delivery. */
  static String lastReceivedSha256(String agency, String applicationId) throws Exception {
    for (JsonNode receipt : sandbox("/sandbox/v1/agencies/" + agency + "/receipts")) {
      if (applicationId.equals(receipt.path("requestRef").asText())) {
        JsonNode hashes = receipt.path("bodySha256");
        assertThat(hashes.size()).as(receipt.toString()).isPositive();
        return hashes.get(hashes.size() - 1).asText();
      }
    }
    throw new AssertionError("no " + agency + " receipt for " + applicationId);
  }

  // --- status callbacks and their outcome (StatusRulesIT, Model3ReliabilityIT) ---

  record Delivered(String id, String reference, int timelineSize) {}

  Delivered delivered() throws Exception {
    String id = applied();
    JsonNode received = awaitStatus(id, "received");
    return new Delivered(
        id, received.path("agencyReference").asText(), received.path("timeline").size());
  }

  String applied() throws Exception {
    HttpResponse<String> accepted = apply("citizen-somchai", UUID.randomUUID().toString(), body());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return JSON.readTree(accepted.body()).path("applicationId").asText();
  }

  static byte[] status(Delivered app, String code, String beDate, String time) {
    return ("{\"refNo\":\""
            + app.reference()
            + "\",\"requestRef\":\""
            + app.id()
            + "\",\"statusCode\":\""
            + code
            + "\",\"statusDesc\":\"ทดสอบ\",\"updateDate\":\""
            + beDate
            + "\",\"updateTime\":\""
            + time
            + "\",\"messageId\":\""
            + UUID.randomUUID()
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  HttpResponse<String> callback(String id, byte[] body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/agency/v1/applications/" + id + "/status"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-JWS-Signature", signature);
    }
    return send(request);
  }

  void assertTimelineUnchanged(Delivered app) throws Exception {
    assertThat(
            JSON.readTree(get("/api/v1/applications/" + app.id(), "citizen-somchai").body())
                .path("timeline")
                .size())
        .isEqualTo(app.timelineSize());
  }

  List<String> statuses(String id) throws Exception {
    return JSON.readTree(get("/api/v1/applications/" + id, "citizen-somchai").body())
        .path("timeline")
        .findValuesAsText("status");
  }

  String statusOf(String id) throws Exception {
    return JSON.readTree(get("/api/v1/applications/" + id, "citizen-somchai").body())
        .path("status")
        .asText();
  }

  JsonNode awaitDeadLetter(String id) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              JsonNode letters =
                  JSON.readTree(
                      get("/ops/v1/dead-letters?connector=dcy-newborn-grant", "operator").body());
              found[0] = null;
              for (JsonNode letter : letters) {
                if (letter.path("applicationId").asText().equals(id)) {
                  found[0] = letter;
                }
              }
              assertThat(found[0]).isNotNull();
            });
    return found[0];
  }
}
