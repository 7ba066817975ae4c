package org.saphan.hub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A full back-office case as the personas live it: the citizen applies; officer-dsd-1 (document
 * checker, assessor) takes the review from the queue, asks for a correction and the citizen
 * answers; the review is approved; the parallel stage runs (officer-dsd-1 checks the qualification,
 * officer-dsd-2 as finance officer sets the fee); the fee is paid; officer-dsd-2 as approver
 * completes the case; the licence is issued, downloaded and verified by anyone.
 *
 * <p>The payment is simulated the way the e-Payment side reports it: {@code paid} recorded on the
 * timeline through {@link StatusRecorder}, then the hook {@link CaseFees#onApplicationPaid}.
 */
class BackOfficeWalkIT extends BackOfficeSupport {

  @Autowired StatusRecorder statuses;
  @Autowired ApplicationStore applications;
  @Autowired CaseFees fees;
  @Autowired Clock clock;

  @Test
  void shouldWalkACaseFromSubmissionToAVerifiedLicenceWhenEveryoneDoesTheirPart() throws Exception {
    // given: the citizen applied and the back office received it
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);

    // when: officer-dsd-1 finds the review in the queue, with its SLA due date
    JsonNode review = task("officer-dsd-1", id, "intake_review");
    // then
    assertThat(review.path("state").asText()).isEqualTo("open");
    assertThat(review.path("role").asText()).isEqualTo("document_checker");
    assertThat(review.path("dueAt").asText()).isNotBlank();
    assertThat(review.path("sla").path("state").asText()).isIn("on_time", "due_today");

    // when: they claim it and ask for a correction
    review = claim("officer-dsd-1", review);
    assertThat(review.path("state").asText()).isEqualTo("claimed");
    assertThat(review.path("claimedByMe").asBoolean()).isTrue();
    review =
        ok(
            action(
                "officer-dsd-1",
                review,
                "correction",
                version(review)
                    + ",\"message\":\"กรุณาระบุรหัสสาขาอาชีพ\",\"fields\":[\"/occupation/code\"]}"));
    // then: the citizen sees the request on the timeline and in the correspondence
    assertThat(review.path("state").asText()).isEqualTo("awaiting_correction");
    assertThat(review.path("sla").path("state").asText()).isEqualTo("paused");
    awaitStatus("citizen-somchai", id, "correction_requested");
    JsonNode letters =
        json(get("/api/v1/applications/" + id + "/correspondence", "citizen-somchai"));
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).path("from").asText()).isEqualTo("agency");
    assertThat(letters.get(0).path("message").asText()).isEqualTo("กรุณาระบุรหัสสาขาอาชีพ");

    // when: the citizen answers with the corrected form
    HttpResponse<String> reply =
        post(
            "/api/v1/applications/" + id + "/correspondence",
            "citizen-somchai",
            "{\"message\":\"ระบุรหัสแล้วค่ะ\",\"form\":{\"occupation\":{\"code\":\"0716-21\"}},"
                + "\"documents\":[{\"id\":\"doc-2\",\"type\":\"skill_certificate\"}]}");
    // then: the review is back with its officer, its clock restarted
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    review = ok(get("/backoffice/v1/tasks/" + review.path("taskId").asText(), "officer-dsd-1"));
    assertThat(review.path("state").asText()).isEqualTo("claimed");
    assertThat(review.path("claimedByMe").asBoolean()).isTrue();
    JsonNode caseView = ok(get("/backoffice/v1/cases/" + id, "officer-dsd-1"));
    assertThat(caseView.path("form").path("occupation").path("code").asText()).isEqualTo("0716-21");
    assertThat(caseView.path("form").path("occupation").path("nameTh").asText()).isNotBlank();
    assertThat(caseView.path("correspondence")).hasSize(2);
    assertThat(caseView.path("applicant").path("citizenId").asText()).isEqualTo("3101200456789");
    assertThat(caseView.path("documents").toString()).contains("doc-2");

    // when: the review is approved
    review = ok(action("officer-dsd-1", review, "approve", version(review) + "}"));
    assertThat(review.path("state").asText()).isEqualTo("done");
    assertThat(review.path("outcome").asText()).isEqualTo("approved");

    // then: the parallel stage starts; officer-dsd-2 sets the fee, officer-dsd-1 checks
    JsonNode fee = claim("officer-dsd-2", task("officer-dsd-2", id, "fee_assessment"));
    fee = ok(action("officer-dsd-2", fee, "fee", version(fee) + ",\"amount\":\"100.00\"}"));
    assertThat(fee.path("state").asText()).isEqualTo("awaiting_payment");
    awaitStatus("citizen-somchai", id, "payment_required");
    JsonNode check = claim("officer-dsd-1", task("officer-dsd-1", id, "qualification_check"));
    check = ok(action("officer-dsd-1", check, "approve", version(check) + "}"));
    assertThat(check.path("state").asText()).isEqualTo("done");
    // the stage is not done while the fee is unpaid, and the fee is still what the citizen sees
    awaitStatus("citizen-somchai", id, "payment_required");
    assertThat(statusesOf(id, "issue_certificate")).isEmpty();
    JsonNode latestFee = null;
    for (var entry : applications.timeline(id)) {
      if (entry.status() == CanonicalStatus.PAYMENT_REQUIRED) {
        latestFee = entry.detail();
      }
    }
    assertThat(latestFee).isNotNull();
    assertThat(latestFee.path("amount").asText()).isEqualTo("100.00");

    // when: the fee is paid (as the e-Payment side reports it) and the hook is called
    ObjectNode paid = JSON.createObjectNode().put("amount", "100.00");
    statuses.record(
        applications.get(id),
        CanonicalStatus.PAID,
        "epayment",
        null,
        clock.instant(),
        "test-payment-" + UUID.randomUUID(),
        "paid",
        paid);
    assertThat(fees.onApplicationPaid(id)).isTrue();

    // then: the issuance step is open to the approver
    JsonNode issue = claim("officer-dsd-2", task("officer-dsd-2", id, "issue_certificate"));
    issue = ok(action("officer-dsd-2", issue, "complete", version(issue) + "}"));
    assertThat(issue.path("outcome").asText()).isEqualTo("completed");

    // and the licence is issued; the citizen's timeline shows every step
    JsonNode completed = awaitStatus("citizen-somchai", id, "completed");
    assertThat(completed.path("timeline").findValuesAsText("status"))
        .containsSubsequence(
            "submitted",
            "received",
            "in_review",
            "correction_requested",
            "in_review",
            "in_review",
            "payment_required",
            "paid",
            "in_review",
            "approved",
            "completed");
    assertThat(completed.path("timeline").findValuesAsText("note"))
        .anyMatch(n -> n.contains("Application and document review: approved"))
        .anyMatch(n -> n.contains("กรุณาระบุรหัสสาขาอาชีพ"));

    JsonNode mine = json(get("/api/v1/licences", "citizen-somchai"));
    String licenceId = null;
    for (JsonNode l : mine) {
      if (l.path("applicationId").asText().equals(id)) {
        licenceId = l.path("id").asText();
      }
    }
    assertThat(licenceId).startsWith("LIC-DSD-");
    String issued = licenceId;
    JsonNode licence = ok(get("/api/v1/licences/" + licenceId, "citizen-somchai"));
    assertThat(licence.path("holderCitizenId").asText()).isEqualTo("3101200456789");
    assertThat(licence.path("credential").asText().split("\\.")).hasSize(3);
    HttpResponse<String> printable =
        get("/api/v1/licences/" + licenceId + "?format=html", "citizen-somchai");
    assertThat(printable.statusCode()).isEqualTo(200);
    assertThat(printable.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(printable.body())
        .contains("หนังสือรับรองความรู้ความสามารถ")
        .contains(ENV.hubUrl() + "/api/v1/licences/" + licenceId + "/verify");

    // when: anyone verifies it, with the credential they were shown
    String credential = licence.path("credential").asText();
    JsonNode verified =
        json(
            get(
                "/api/v1/licences/"
                    + licenceId
                    + "/verify?credential="
                    + URLEncoder.encode(credential, StandardCharsets.UTF_8)));
    // then
    assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
    assertThat(verified.path("reason").asText()).isEqualTo("valid");
    assertThat(verified.path("licence").path("holderCitizenId").asText()).doesNotContain("4567");

    // when: a tampered copy is presented (the holder's name changed in the signed payload)
    HttpResponse<String> tampered =
        send(
            HttpRequest.newBuilder(uri("/api/v1/licences/" + licenceId + "/verify"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"credential\":\"" + tamper(credential) + "\"}")));
    // then
    JsonNode refused = ok(tampered);
    assertThat(refused.path("valid").asBoolean()).isFalse();
    assertThat(refused.path("reason").asText()).isEqualTo("invalid_signature");

    // and the portal heard of the licence
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(sandbox("/sandbox/v1/portal/events?applicationId=" + id).toString())
                    .contains("licence.issued")
                    .contains(issued));
  }

  private List<JsonNode> statusesOf(String id, String step) throws Exception {
    JsonNode view = ok(get("/backoffice/v1/cases/" + id, "officer-dsd-1"));
    List<JsonNode> out = new java.util.ArrayList<>();
    for (JsonNode t : view.path("tasks")) {
      if (t.path("stepId").asText().equals(step)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The credential with its payload changed, its signature kept. */
  static String tamper(String credential) throws Exception {
    String[] parts = credential.split("\\.");
    ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    ((ObjectNode) payload.path("licence").path("holder")).put("name", "นายปลอม ไม่จริง");
    String forged =
        Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
    return parts[0] + "." + forged + "." + parts[2];
  }
}
