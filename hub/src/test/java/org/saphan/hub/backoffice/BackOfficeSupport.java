package org.saphan.hub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * Helpers of the back-office integration tests (no configuration of its own: the shared context):
 * personas apply, officers find and work tasks over HTTP.
 */
abstract class BackOfficeSupport extends HubIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** DSD certificate of knowledge and ability: review → [qualification ‖ fee] → issuance. */
  static final String DSD_SERVICE = "1-046";

  static final String DSD = "dsd-competency-certificate";

  /** DLD livestock farmer registration: review → inspection → approval. */
  static final String DLD_SERVICE = "3-038";

  static final String DLD = "dld-livestock-farmer-registration";

  static final String DSD_FORM =
      "{\"occupation\":{\"nameTh\":\"ช่างเดินสายไฟฟ้าภายในอาคาร\"},"
          + "\"basis\":\"skill_standard_test\",\"skillStandardCertificateNo\":\"67-0001234\"}";

  static final String DLD_FORM =
      "{\"farm\":{\"subdistrict\":\"บ้านใหม่\",\"district\":\"เมืองนครราชสีมา\","
          + "\"province\":\"นครราชสีมา\"},\"animals\":[{\"species\":\"cattle\",\"headCount\":12}]}";

  private static final Set<String> GRANTED = new HashSet<>();

  @BeforeEach
  void consents() throws Exception {
    // Once per JVM, after the shared context (and so the hub) has started.
    synchronized (GRANTED) {
      for (String persona : new String[] {"citizen-somchai", "citizen-malee"}) {
        for (String agreement : new String[] {DSD, DLD}) {
          if (GRANTED.add(persona + "/" + agreement)) {
            HttpResponse<String> response =
                send(
                    HttpRequest.newBuilder(uri("/api/v1/consents"))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"agreementId\":\"" + agreement + "\"}")),
                    persona);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
          }
        }
      }
    }
  }

  /** A persona applies; returns the application id once the back office has received it. */
  String applyAndAwaitCase(String persona, String serviceId, String form) throws Exception {
    HttpResponse<String> accepted =
        apply(
            persona,
            "{\"serviceId\":\""
                + serviceId
                + "\",\"form\":"
                + form
                + ",\"documents\":[{\"id\":\"doc-1\",\"type\":\"id_card\"}],"
                + "\"applicant\":{\"phone\":\"0800000000\"}}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = json(accepted).path("applicationId").asText();
    awaitStatus(persona, id, "received");
    return id;
  }

  /** {@code POST /api/v1/applications} as a persona, with a fresh Idempotency-Key. */
  HttpResponse<String> apply(String persona, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/api/v1/applications"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        persona);
  }

  JsonNode awaitStatus(String persona, String applicationId, String status) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              last[0] = json(get("/api/v1/applications/" + applicationId, persona));
              assertThat(last[0].path("status").asText()).as(last[0].toString()).isEqualTo(status);
            });
    return last[0];
  }

  /** The task of a step of a case, as an officer sees it in the queue. */
  JsonNode task(String officer, String applicationId, String step) throws Exception {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              JsonNode queue =
                  json(
                      get(
                          "/backoffice/v1/tasks?state=open,claimed,awaiting_correction,"
                              + "awaiting_payment,done,cancelled&step="
                              + step
                              + "&limit=500",
                          officer));
              found[0] = null;
              for (JsonNode t : queue) {
                if (t.path("applicationId").asText().equals(applicationId)) {
                  found[0] = t;
                }
              }
              assertThat(found[0]).as(queue.toString()).isNotNull();
            });
    return found[0];
  }

  HttpResponse<String> post(String path, String persona, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        persona);
  }

  HttpResponse<String> action(String persona, JsonNode task, String action, String body)
      throws Exception {
    return post(
        "/backoffice/v1/tasks/" + task.path("taskId").asText() + "/" + action, persona, body);
  }

  /** Claims and returns the claimed task. */
  JsonNode claim(String persona, JsonNode task) throws Exception {
    HttpResponse<String> claimed = action(persona, task, "claim", "{}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
    return json(claimed);
  }

  JsonNode ok(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  static String version(JsonNode task) {
    return "{\"version\":" + task.path("version").asInt();
  }
}
