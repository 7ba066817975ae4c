package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
}
