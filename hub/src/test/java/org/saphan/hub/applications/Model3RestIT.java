package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Model 3 end to end with the sandbox's REST agency (DCY newborn grant): apply → delivered → agency
 * callback → timeline → portal event, signed and verified; idempotency; consent.
 */
class Model3RestIT extends Model3TestSupport {

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
    // and the attempt's hash in the message log is the SHA-256 of the body DCY received
    JsonNode evidence =
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + id, "operator").body());
    assertThat(lastAttemptSha256(evidence)).isEqualTo(lastReceivedSha256("dcy", id));

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

  @Test
  void shouldServeTheEvidenceBundleOnlyToTheCitizenWhoApplied() throws Exception {
    // given: an application the agency has received (delivery and ack in the message log)
    String id =
        JSON.readTree(apply("citizen-somchai", UUID.randomUUID().toString(), body()).body())
            .path("applicationId")
            .asText();
    awaitStatus(id, "received");
    // when
    HttpResponse<String> own = get("/api/v1/applications/" + id + "/evidence", "citizen-somchai");
    // then: nobody else's, not even the agency's officers (they have the ops endpoints)
    assertProblem(
        get("/api/v1/applications/" + id + "/evidence", "citizen-malee"),
        404,
        "application_not_found");
    assertProblem(
        get("/api/v1/applications/" + id + "/evidence", "officer-dcy"),
        404,
        "application_not_found");
    // and the citizen's own: the signed ZIP once the timestamper sealed a record (every few
    // seconds), evidence_not_sealed until then (EvidenceArchiveTest checks the bundle's content)
    if (own.statusCode() == 409) {
      assertProblem(own, 409, "evidence_not_sealed");
    } else {
      assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
      assertThat(own.headers().firstValue("Content-Type")).hasValue("application/zip");
      assertThat(own.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"evidence-" + id + ".zip\"");
    }
  }
}
