package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Model 3 over files end to end (issue 18): an application for the sandbox's DOAE batch agency is
 * queued, an operator runs the card's export, and the sandbox's inbox accepts the signed file (it
 * checks the manifest, the SHA-256s and the hub's signature by the hub's published keys).
 */
class BatchExportIT extends Model3TestSupport {

  private static final String CARD = "doae-farmer-registration";
  private static final String DOAE_SERVICE = "2-022";

  @Test
  void shouldQueueAnApplicationAndExportItAsAFileTheAgencyAccepts() throws Exception {
    // given: a farmer who consented applies
    grant("citizen-somchai", CARD);
    Instant start = Instant.now();
    HttpResponse<String> accepted =
        apply(
            "citizen-somchai",
            UUID.randomUUID().toString(),
            "{\"serviceId\":\""
                + DOAE_SERVICE
                + "\",\"form\":{\"farmAreaRai\":12.5},\"applicant\":{\"phone\":\"0800000000\","
                + "\"address\":{\"province\":\"เชียงใหม่\",\"postcode\":\"50000\"}}}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = JSON.readTree(accepted.body()).path("applicationId").asText();
    // and the delivery queues it for the next file (no call to the agency): still submitted
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> assertThat(evidenceOf(id).findValuesAsText("kind")).contains("batch_queued"));
    assertThat(
            JSON.readTree(get("/api/v1/applications/" + id, "citizen-somchai").body())
                .path("status")
                .asText())
        .isEqualTo("submitted");

    // when: an operator runs the card's export now
    HttpResponse<String> run =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/connectors/" + CARD + "/batch-export"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");

    // then: the file is uploaded and listed
    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    JsonNode exports =
        JSON.readTree(get("/ops/v1/batch/exports?connector=" + CARD, "operator").body());
    JsonNode file = exports.get(0);
    assertThat(file.path("state").asText()).as(exports.toString()).isEqualTo("uploaded");
    String name = file.path("uploadName").asText();
    // and the application is delivered
    awaitStatus(id, "delivered");
    // and the sandbox agency checked the file and accepted it
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              JsonNode received = null;
              for (JsonNode one : sandbox("/sandbox/v1/agencies/doae/files")) {
                if (name.equals(one.path("file").asText())) {
                  received = one;
                }
              }
              assertThat(received).as(name).isNotNull();
              assertThat(received.path("accepted").asBoolean()).as(received.toString()).isTrue();
            });
    // and the message log holds the file sent
    JsonNode log =
        JSON.readTree(
            get(
                    "/ops/v1/evidence?connector="
                        + CARD
                        + "&from="
                        + start.minusSeconds(5)
                        + "&to="
                        + Instant.now().plusSeconds(60),
                    "operator")
                .body());
    assertThat(log.toString()).contains("\"batch_file\"").contains(name);
  }

  private JsonNode evidenceOf(String id) throws Exception {
    return JSON.readTree(get("/ops/v1/evidence?applicationId=" + id, "operator").body());
  }
}
