package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.common.Digests;

/**
 * Model 3 when things go wrong, in the shared context: hostile and repeated status callbacks, an
 * agency that answers garbage (dead letter, then replay with the same message id), and an agency
 * that is down for a while (nothing drained into the dead letters).
 */
class Model3ReliabilityIT extends Model3TestSupport {

  @AfterEach
  void clearFaults() throws Exception {
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
    sandboxPost("/sandbox/v1/portal/faults", "{\"mode\":\"none\"}");
  }

  // --- the portal webhook: retried, in order per application, with its attempt history ---

  @Test
  void shouldRetryPortalEventsWhileThePortalIsDownThenDeliverThemInOrder() throws Exception {
    // given: the portal is down while an application goes through
    sandboxPost("/sandbox/v1/portal/faults", "{\"mode\":\"down\"}");
    Delivered app = delivered();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        JSON.readTree(
                                get("/ops/v1/portal-events?applicationId=" + app.id(), "operator")
                                    .body())
                            .get(0)
                            .path("attempts"))
                    .as("failed attempts are recorded")
                    .isNotEmpty());

    // when: it comes back
    sandboxPost("/sandbox/v1/portal/faults", "{\"mode\":\"none\"}");

    // then: every event arrives, signed, in the order of the timeline (the portal itself made the
    // submission, so it is told from delivery on)
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        sandbox("/sandbox/v1/portal/events?applicationId=" + app.id())
                            .findValuesAsText("status"))
                    .containsExactly("delivered", "received"));
    JsonNode events =
        JSON.readTree(get("/ops/v1/portal-events?applicationId=" + app.id(), "operator").body());
    assertThat(events.findValuesAsText("state")).containsOnly("delivered");
    JsonNode first = events.get(0).path("attempts");
    assertThat(first.size()).isGreaterThan(1);
    assertThat(first.get(0).path("http_status").asInt()).isEqualTo(503);
    assertThat(first.get(first.size() - 1).path("http_status").asInt()).isEqualTo(200);
    // and every webhook attempt is in the message log: the same signed bytes each time
    List<JsonNode> webhooks = new ArrayList<>();
    for (JsonNode item :
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + app.id(), "operator").body())) {
      if (item.path("kind").asText().equals("portal_webhook")
          && item.path("messageId").asText().equals(events.get(0).path("event_id").asText())) {
        webhooks.add(item);
      }
    }
    assertThat(webhooks).hasSize(first.size());
    assertThat(webhooks.get(0).path("outcome").asText()).isEqualTo("http_503");
    assertThat(webhooks.get(webhooks.size() - 1).path("outcome").asText()).isEqualTo("http_200");
    assertThat(webhooks)
        .extracting(i -> i.path("payloadSha256").asText())
        .containsOnly(webhooks.get(0).path("payloadSha256").asText());
    assertThat(webhooks.get(0).path("payloadSha256").asText()).matches("[0-9a-f]{64}");
    assertThat(webhooks).extracting(i -> i.path("direction").asText()).containsOnly("out");
    assertThat(webhooks.get(0).path("signatureKid").asText()).isNotBlank();
  }

  // --- status callbacks: refusals with exact codes, nothing stored ---

  @Test
  void shouldRefuseWithSignatureMissingWhenACallbackIsUnsigned() throws Exception {
    Delivered app = delivered();
    HttpResponse<String> response =
        callback(app.id(), status(app, "40", "25690101", "090000"), null);
    assertProblem(response, 401, "signature_missing");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenTheSignedBodyIsTampered() throws Exception {
    Delivered app = delivered();
    byte[] body = status(app, "40", "25690101", "090000");
    String signature = AgencySigner.party("agency-rest").sign(body);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("\"40\"", "\"50\"")
            .getBytes(StandardCharsets.UTF_8);
    assertProblem(callback(app.id(), tampered, signature), 401, "signature_invalid");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithReplayDetectedWhenTheSameSignedCallbackComesAgain() throws Exception {
    Delivered app = delivered();
    byte[] body = status(app, "20", "25690101", "090000");
    String signature = AgencySigner.party("agency-rest").sign(body);
    assertThat(callback(app.id(), body, signature).statusCode()).isEqualTo(200);
    assertProblem(callback(app.id(), body, signature), 409, "replay_detected");
  }

  @Test
  void shouldRefuseWithForbiddenWhenAnotherAgencyReportsOnTheApplication() throws Exception {
    Delivered app = delivered();
    byte[] body = status(app, "40", "25690101", "090000");
    String soapAgency = AgencySigner.party("agency-soap").sign(body);
    assertProblem(callback(app.id(), body, soapAgency), 403, "forbidden");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithStatusUnknownWhenTheCodeIsNotInTheCardsTable() throws Exception {
    Delivered app = delivered();
    byte[] body = status(app, "99", "25690101", "090000");
    assertProblem(
        callback(app.id(), body, AgencySigner.party("agency-rest").sign(body)),
        422,
        "status_unknown");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithPayloadTooLargeWhenTheCallbackIsOversized() throws Exception {
    Delivered app = delivered();
    byte[] huge =
        ("{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertProblem(callback(app.id(), huge, "a..b"), 413, "payload_too_large");
  }

  @Test
  void shouldRecordOnceWhenTheSameStatusMessageArrivesTwice() throws Exception {
    // given: one status message (one messageId), sent twice with fresh signatures (agency retry)
    Delivered app = delivered();
    byte[] body = status(app, "20", "25690101", "090000");
    AgencySigner agency = AgencySigner.party("agency-rest");
    // when
    String firstSignature = agency.sign(body);
    String secondSignature = agency.sign(body);
    HttpResponse<String> first = callback(app.id(), body, firstSignature);
    HttpResponse<String> second = callback(app.id(), body, secondSignature);
    // then
    assertThat(JSON.readTree(first.body()).path("recorded").asBoolean()).isTrue();
    assertThat(JSON.readTree(second.body()).path("duplicate").asBoolean()).isTrue();
    assertThat(statuses(app.id())).filteredOn("in_review"::equals).hasSize(1);
    // and the message log holds both messages as received: the SHA-256 of the exact body, the
    // detached JWS and its kid, the connector and the lawful basis of its card
    List<JsonNode> logged = new ArrayList<>();
    for (JsonNode item :
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + app.id(), "operator").body())) {
      if (item.path("kind").asText().equals("status_callback")) {
        logged.add(item);
      }
    }
    assertThat(logged).hasSize(2);
    assertThat(logged)
        .extracting(i -> i.path("outcome").asText())
        .containsExactly("recorded", "duplicate");
    assertThat(logged)
        .extracting(i -> i.path("signature").asText())
        .containsExactly(firstSignature, secondSignature);
    for (JsonNode item : logged) {
      assertThat(item.path("exchange").asText()).isEqualTo("status_callback");
      assertThat(item.path("direction").asText()).isEqualTo("in");
      assertThat(item.path("payloadSha256").asText()).isEqualTo(Digests.sha256(body));
      assertThat(item.path("signatureKid").asText()).isNotBlank();
      assertThat(item.path("recordSha256").asText()).matches("[0-9a-f]{64}");
      assertThat(item.path("connector").asText()).isNotBlank();
    }
    // and an operator finds them by connector and time, without the application id
    String connector = logged.get(0).path("connector").asText();
    Instant at = Instant.parse(logged.get(0).path("at").asText());
    JsonNode window =
        JSON.readTree(
            get(
                    "/ops/v1/evidence?connector="
                        + connector
                        + "&from="
                        + at.minusSeconds(1)
                        + "&to="
                        + at.plusSeconds(60),
                    "operator")
                .body());
    assertThat(window.findValuesAsText("id"))
        .contains(logged.get(0).path("id").asText(), logged.get(1).path("id").asText());
  }

  @Test
  void shouldRefuseWithValidationFailedWhenTheMessageLogIsAskedForAConnectorWithoutAWindow()
      throws Exception {
    // when
    HttpResponse<String> open = get("/ops/v1/evidence?connector=dcy-newborn-grant", "operator");
    HttpResponse<String> backwards =
        get(
            "/ops/v1/evidence?connector=dcy-newborn-grant&from=2026-12-07T10:00:00Z"
                + "&to=2026-12-07T09:00:00Z",
            "operator");
    // then
    assertProblem(open, 400, "validation_failed");
    assertProblem(backwards, 400, "validation_failed");
  }

  // --- deliveries that fail ---

  @Test
  void shouldDeadLetterWithTheCauseAndReplayWithTheSameMessageIdWhenTheAgencyAnswersGarbage()
      throws Exception {
    // given: DCY answers 200 with a body that is not JSON
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"malformed\"}");
    String id = applied();
    // then: after the card's 4 attempts it is a dead letter with the cause
    JsonNode letter = awaitDeadLetter(id);
    assertThat(letter.path("causeCode").asText()).isEqualTo("malformed_response");
    assertThat(letter.path("attempts").asInt()).isEqualTo(4);
    assertThat(letter.path("citizen").asText()).matches("\\d-\\d{4}-xxxxx-xx-\\d");
    assertThat(statusOf(id)).isEqualTo("failed");

    // when: the fault is cleared and an operator replays it
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
    HttpResponse<String> replay =
        send(
            HttpRequest.newBuilder(
                    uri("/ops/v1/dead-letters/" + letter.path("id").asLong() + "/replay"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);

    // then: delivered, with the same message id the agency already saw
    awaitStatus(id, "received");
    String messageId = letter.path("messageId").asText();
    JsonNode receipts = sandbox("/sandbox/v1/agencies/dcy/receipts");
    JsonNode receipt = null;
    for (JsonNode r : receipts) {
      if (r.path("messageId").asText().equals(messageId)) {
        receipt = r;
      }
    }
    assertThat(receipt).as("agency receipt of " + messageId).isNotNull();
    JsonNode evidence =
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + id, "operator").body());
    List<String> attempts = new ArrayList<>();
    for (JsonNode item : evidence) {
      if (item.path("kind").asText().equals("delivery_attempt")) {
        attempts.add(item.path("messageId").asText());
      }
    }
    assertThat(attempts).hasSize(5).containsOnly(messageId);
    // and a second replay of the same letter is refused
    HttpResponse<String> again =
        send(
            HttpRequest.newBuilder(
                    uri("/ops/v1/dead-letters/" + letter.path("id").asLong() + "/replay"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    assertProblem(again, 409, "replay_not_open");
  }

  @Test
  void shouldWaitForTheAgencyAndDeadLetterNothingWhenItIsDownForAWhile() throws Exception {
    // given: DCY is down
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"down\"}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(applied());
    }
    // the deliveries fail and wait (the circuit opens after repeated failures)
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(management("/actuator/prometheus").body())
                    .containsPattern(
                        "saphan_deliveries_total\\{[^}]*cause=\"agency_unavailable\"[^}]*outcome=\"retried\"[^}]*\\} [1-9]"));
    // when: the agency comes back
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
    // then: everything is delivered and nothing went to the dead letters
    for (String id : ids) {
      awaitStatus(id, "received", Duration.ofSeconds(90));
    }
    JsonNode letters =
        JSON.readTree(get("/ops/v1/dead-letters?connector=dcy-newborn-grant", "operator").body());
    for (String id : ids) {
      assertThat(letters.toString()).doesNotContain(id);
    }
  }
}
