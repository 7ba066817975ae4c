package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Model 3 over files end to end (issue 18): an application for the sandbox's DOAE batch agency is
 * queued, an operator runs the card's export, and the sandbox's inbox accepts the signed file (it
 * checks the manifest, the SHA-256s and the hub's signature by the hub's published keys); DOAE
 * answers with a signed result file, which the hub's import applies once, and a duplicate of it is
 * refused whole.
 */
class BatchExportIT extends Model3TestSupport {

  private static final String CARD = "doae-farmer-registration";
  private static final String DOAE_SERVICE = "2-022";

  @Test
  void shouldQueueAnApplicationAndExportItAsAFileTheAgencyAccepts() throws Exception {
    // given: a farmer who consented applies
    grant("citizen-somchai", CARD);
    Instant start = Instant.now();
    String id = applyForRegistration();
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

    // when: DOAE has answered (all approved, its default) and an operator runs the import now
    int sequence = file.path("sequence").asInt();
    awaitResultFile(sequence);
    JsonNode imported = importNow();

    // then: the application is approved with DOAE's farmer number, the export answered
    assertThat(imported.path("status").asText()).as(imported.toString()).isEqualTo("completed");
    awaitStatus(id, "approved");
    JsonNode answered = export(sequence);
    assertThat(answered.path("resultState").asText()).as(answered.toString()).isEqualTo("received");
  }

  @Test
  void shouldApplyDoaesDecisionsOnceAndRefuseTheDuplicateFileWhole() throws Exception {
    // given: two applications, and DOAE set to reject the second and to send its file twice
    grant("citizen-somchai", CARD);
    String approved = applyForRegistration();
    String rejected = applyForRegistration();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(evidenceOf(rejected).findValuesAsText("kind")).contains("batch_queued"));
    HttpResponse<String> plan =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(ENV.sandboxUrl() + "/sandbox/v1/agencies/doae/results-plan"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"reject\": [\"" + rejected + "\"], \"fault\": \"duplicate\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);

    // when: exported, answered, imported twice
    HttpResponse<String> run =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/connectors/" + CARD + "/batch-export"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    int sequence = export(approved, rejected);
    awaitResultFile(sequence);
    importNow();
    importNow();

    // then: each decision applied once, with DOAE's reason
    awaitStatus(approved, "approved");
    awaitStatus(rejected, "rejected");
    JsonNode timeline =
        JSON.readTree(get("/api/v1/applications/" + rejected, "citizen-somchai").body());
    assertThat(timeline.toString()).contains("ไม่พบเอกสารสิทธิ์ในที่ดิน");
    // and the duplicate refused whole, visibly
    JsonNode imports =
        JSON.readTree(get("/ops/v1/batch/imports?connector=" + CARD, "operator").body());
    List<String> codes = new ArrayList<>();
    for (JsonNode one : imports) {
      if (one.path("forSequence").asInt() == sequence || one.path("forSequence").isNull()) {
        codes.add(one.path("state").asText() + ":" + one.path("refusalCode").asText());
      }
    }
    assertThat(codes)
        .as(imports.toString())
        .contains("applied:null", "refused:batch_import_duplicate");
    // and an unknown result file is a 404, a bad filter a 400
    assertProblem(get("/ops/v1/batch/imports/999999/lines", "operator"), 404, "not_found");
    assertProblem(
        get("/ops/v1/batch/imports/1/lines?outcome=lost", "operator"), 400, "validation_failed");
  }

  private String applyForRegistration() throws Exception {
    HttpResponse<String> accepted =
        apply(
            "citizen-somchai",
            UUID.randomUUID().toString(),
            "{\"serviceId\":\""
                + DOAE_SERVICE
                + "\",\"form\":{\"farmAreaRai\":3.5},\"applicant\":{\"phone\":\"0800000000\","
                + "\"address\":{\"province\":\"เชียงใหม่\",\"postcode\":\"50000\"}}}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return JSON.readTree(accepted.body()).path("applicationId").asText();
  }

  /** The export file of this sequence, as listed. */
  private JsonNode export(int sequence) throws Exception {
    for (JsonNode one :
        JSON.readTree(get("/ops/v1/batch/exports?connector=" + CARD, "operator").body())) {
      if (one.path("sequence").asInt() == sequence) {
        return one;
      }
    }
    throw new AssertionError("no export " + sequence);
  }

  /** The sequence of the export file holding both applications (they are delivered in it). */
  private int export(String first, String second) throws Exception {
    awaitStatus(first, "delivered");
    awaitStatus(second, "delivered");
    return JSON.readTree(get("/ops/v1/batch/exports?connector=" + CARD, "operator").body())
        .get(0)
        .path("sequence")
        .asInt();
  }

  /** Waits until the sandbox agency has published its answer to export {@code sequence}. */
  private void awaitResultFile(int sequence) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              boolean published = false;
              for (JsonNode one : sandbox("/sandbox/v1/agencies/doae/results")) {
                published |=
                    one.path("forSequence").asInt() == sequence
                        && "published".equals(one.path("state").asText());
              }
              assertThat(published).as("DOAE's answer to export " + sequence).isTrue();
            });
  }

  private JsonNode importNow() throws Exception {
    HttpResponse<String> run =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/connectors/" + CARD + "/batch-import"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    return JSON.readTree(run.body());
  }

  private JsonNode evidenceOf(String id) throws Exception {
    return JSON.readTree(get("/ops/v1/evidence?applicationId=" + id, "operator").body());
  }
}
