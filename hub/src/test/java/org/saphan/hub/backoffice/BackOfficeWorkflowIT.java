package org.saphan.hub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The workflows of both model-4 cards end to end: DSD's parallel stage completes only when both
 * branches are done and stops the case when one rejects; DLD's steps run one after the other; a
 * payment nobody reported through the hook is found by the fallback scan.
 */
class BackOfficeWorkflowIT extends BackOfficeSupport {

  @Autowired StatusRecorder statuses;
  @Autowired ApplicationStore applications;
  @Autowired Clock clock;

  @Test
  void shouldRejectTheCaseAndCancelTheOtherBranchWhenOneParallelBranchRejects() throws Exception {
    // given: the review is approved; the fee is set and waits for payment
    String id = parallelStage();
    JsonNode fee = claim("officer-dsd-2", task("officer-dsd-2", id, "fee_assessment"));
    ok(action("officer-dsd-2", fee, "fee", version(fee) + ",\"amount\":\"100.00\"}"));
    JsonNode check = claim("officer-dsd-1", task("officer-dsd-1", id, "qualification_check"));
    // when: the qualification check rejects
    JsonNode rejected =
        ok(
            action(
                "officer-dsd-1",
                check,
                "reject",
                version(check) + ",\"reason\":\"ผลการทดสอบไม่ผ่านเกณฑ์\"}"));
    // then: the case stops, the fee branch is cancelled, nothing is issued
    assertThat(rejected.path("outcome").asText()).isEqualTo("rejected");
    JsonNode application = awaitStatus("citizen-somchai", id, "rejected");
    assertThat(application.path("timeline").findValuesAsText("note"))
        .anyMatch(n -> n.contains("ผลการทดสอบไม่ผ่านเกณฑ์"));
    JsonNode view = ok(get("/backoffice/v1/cases/" + id, "officer-dsd-1"));
    assertThat(view.path("caseState").asText()).isEqualTo("rejected");
    assertThat(stateOf(view, "fee_assessment")).isEqualTo("cancelled");
    assertThat(stateOf(view, "issue_certificate")).isNull();
    JsonNode cancelled = task("officer-dsd-2", id, "fee_assessment");
    assertProblem(
        action("officer-dsd-2", cancelled, "approve", version(cancelled) + "}"),
        409,
        "case_closed");
  }

  @Test
  void shouldStartIssuanceOnlyWhenBothBranchesAreDoneAndFindThePaymentByTheFallbackScan()
      throws Exception {
    // given: the qualification is approved while the fee is still to be set
    String id = parallelStage();
    JsonNode check = claim("officer-dsd-1", task("officer-dsd-1", id, "qualification_check"));
    ok(action("officer-dsd-1", check, "approve", version(check) + "}"));
    JsonNode view = ok(get("/backoffice/v1/cases/" + id, "officer-dsd-1"));
    assertThat(stateOf(view, "issue_certificate")).isNull();
    JsonNode fee = claim("officer-dsd-2", task("officer-dsd-2", id, "fee_assessment"));
    ok(action("officer-dsd-2", fee, "fee", version(fee) + ",\"amount\":\"250.50\"}"));
    // when: the payment is recorded without calling the hook, and the scheduled scan runs
    statuses.record(
        applications.get(id),
        CanonicalStatus.PAID,
        "epayment",
        null,
        clock.instant(),
        "test-payment-" + UUID.randomUUID(),
        "paid",
        JSON.createObjectNode().put("amount", "250.50"));
    JsonNode sync = ok(post("/ops/v1/backoffice/payment-sync", "operator", "{}"));
    // then
    assertThat(sync.path("resumed").asInt()).isGreaterThanOrEqualTo(1);
    view = ok(get("/backoffice/v1/cases/" + id, "officer-dsd-1"));
    assertThat(stateOf(view, "fee_assessment")).isEqualTo("done");
    assertThat(view.path("fee").path("state").asText()).isEqualTo("paid");
    assertThat(view.path("fee").path("amount").asText()).isEqualTo("250.50");
    assertThat(stateOf(view, "issue_certificate")).isEqualTo("open");
    awaitStatus("citizen-somchai", id, "in_review");
  }

  @Test
  void shouldRunTheStepsOneAfterTheOtherWhenTheCardIsSequential() throws Exception {
    // given
    String id = applyAndAwaitCase("citizen-malee", DLD_SERVICE, DLD_FORM);
    JsonNode review = claim("officer-dld", task("officer-dld", id, "document_review"));
    JsonNode before = ok(get("/backoffice/v1/cases/" + id, "officer-dld"));
    assertThat(before.path("tasks")).hasSize(1);
    // when: each step is approved in turn
    ok(action("officer-dld", review, "approve", version(review) + "}"));
    JsonNode inspection = claim("officer-dld", task("officer-dld", id, "farm_inspection"));
    assertThat(ok(get("/backoffice/v1/cases/" + id, "officer-dld")).path("tasks")).hasSize(2);
    ok(
        action(
            "officer-dld",
            inspection,
            "approve",
            version(inspection) + ",\"reason\":\"ตรวจฟาร์มแล้ว ผ่าน\"}"));
    JsonNode approval = claim("officer-dld", task("officer-dld", id, "registration_approval"));
    ok(action("officer-dld", approval, "complete", version(approval) + "}"));
    // then: the case completes with DLD's registration certificate
    JsonNode done = awaitStatus("citizen-malee", id, "completed");
    assertThat(done.path("timeline").findValuesAsText("note"))
        .containsSubsequence(
            "Application and document review: approved; next: Farm inspection",
            "Farm inspection: approved; next: Registration approval",
            "Registration approval: completed");
    JsonNode licences = ok(get("/api/v1/licences", "citizen-malee"));
    assertThat(licences.findValuesAsText("serviceId")).contains(DLD_SERVICE);
  }

  private String parallelStage() throws Exception {
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    JsonNode review = claim("officer-dsd-1", task("officer-dsd-1", id, "intake_review"));
    ok(action("officer-dsd-1", review, "approve", version(review) + "}"));
    return id;
  }

  private static String stateOf(JsonNode caseView, String step) {
    for (JsonNode t : caseView.path("tasks")) {
      if (t.path("stepId").asText().equals(step)) {
        return t.path("state").asText();
      }
    }
    return null;
  }
}
