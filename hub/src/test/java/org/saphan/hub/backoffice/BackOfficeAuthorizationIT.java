package org.saphan.hub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Who may do what in the back office: agencies are walled off from each other, citizens stay out,
 * step roles decide who works a step, admins administer their own agency only, and concurrent or
 * stale updates are refused with exact codes. Every refusal is audited.
 */
class BackOfficeAuthorizationIT extends BackOfficeSupport {

  @Test
  void shouldHideAnotherAgencysTasksWhenAnOfficerLooksOrActs() throws Exception {
    // given: a DLD case, and an officer of DSD
    String id = applyAndAwaitCase("citizen-somchai", DLD_SERVICE, DLD_FORM);
    JsonNode dldTask = task("officer-dld", id, "document_review");
    String taskId = dldTask.path("taskId").asText();
    // when / then: the DSD officer neither sees nor acts on it
    assertProblem(get("/backoffice/v1/tasks/" + taskId, "officer-dsd-1"), 404, "task_not_found");
    assertProblem(action("officer-dsd-1", dldTask, "claim", "{}"), 404, "task_not_found");
    assertProblem(
        action("officer-dsd-1", dldTask, "approve", "{\"version\":0}"), 404, "task_not_found");
    assertProblem(get("/backoffice/v1/cases/" + id, "officer-dsd-1"), 404, "case_not_found");
    assertProblem(
        get("/backoffice/v1/tasks?agency=dld", "officer-dsd-1"), 403, "agency_role_required");
    JsonNode queue = ok(get("/backoffice/v1/tasks?limit=500", "officer-dsd-1"));
    assertThat(queue.findValuesAsText("agency")).containsOnly("dsd");
    assertThat(queue.findValuesAsText("applicationId")).doesNotContain(id);
    // and the DLD officer does
    assertThat(get("/backoffice/v1/tasks/" + taskId, "officer-dld").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseACitizenWhenTheyCallOfficerEndpoints() throws Exception {
    // given
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    JsonNode review = task("officer-dsd-1", id, "intake_review");
    // when / then
    assertProblem(get("/backoffice/v1/tasks", "citizen-somchai"), 403, "agency_role_required");
    assertProblem(action("citizen-somchai", review, "claim", "{}"), 403, "agency_role_required");
    assertProblem(
        get("/backoffice/v1/tasks/" + review.path("taskId").asText(), "citizen-somchai"),
        403,
        "agency_role_required");
    assertProblem(get("/backoffice/v1/cases/" + id, "citizen-somchai"), 404, "case_not_found");
    assertProblem(
        get("/backoffice/v1/notifications", "citizen-somchai"), 403, "agency_role_required");
    assertProblem(get("/backoffice/v1/tasks"), 401, "token_missing");
  }

  @Test
  void shouldRefuseWithStepRoleRequiredWhenTheOfficerDoesNotHoldTheStepsRole() throws Exception {
    // given: officer-dsd-2 is an approver and finance officer, not a document checker
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    JsonNode review = task("officer-dsd-2", id, "intake_review");
    // when
    HttpResponse<String> claim = action("officer-dsd-2", review, "claim", "{}");
    // then
    assertProblem(claim, 403, "step_role_required");
    assertThat(review.path("mayWork").asBoolean()).isFalse();
    assertThat(
            ok(get("/backoffice/v1/tasks?mine=true&limit=500", "officer-dsd-2"))
                .findValuesAsText("role"))
        .doesNotContain("document_checker");
    // and the refusal is in the agency's audit trail
    JsonNode trail = ok(get("/backoffice/v1/agencies/dsd/audit?applicationId=" + id, "admin-dsd"));
    assertThat(trail.toString()).contains("\"errorCode\":\"step_role_required\"", "task.claim");
  }

  @Test
  void shouldRefuseTheSecondClaimWithTaskAlreadyClaimedWhenTwoOfficersClaim() throws Exception {
    // given: admin-dsd makes officer-dsd-2 a document checker too
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    JsonNode review = task("officer-dsd-1", id, "intake_review");
    ok(
        post(
            "/backoffice/v1/agencies/dsd/roles",
            "admin-dsd",
            "{\"citizenId\":\"1101400765436\",\"role\":\"document_checker\"}"));
    try {
      // when
      claim("officer-dsd-1", review);
      HttpResponse<String> second = action("officer-dsd-2", review, "claim", "{}");
      // then
      assertProblem(second, 409, "task_already_claimed");
      assertThat(json(second).path("claimedBy").asText()).isEqualTo("5-1001-xxxxx-xx-6");
    } finally {
      ok(
          send(
              HttpRequest.newBuilder(
                      uri("/backoffice/v1/agencies/dsd/roles/1101400765436/document_checker"))
                  .DELETE(),
              "admin-dsd"));
    }
    // and without the role again, officer-dsd-2 cannot work reviews
    assertProblem(action("officer-dsd-2", review, "claim", "{}"), 403, "step_role_required");
  }

  @Test
  void shouldRefuseWithStaleUpdateWhenTheVersionIsNotTheLatest() throws Exception {
    // given: the task moved to version 1 when it was claimed
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    JsonNode open = task("officer-dsd-1", id, "intake_review");
    JsonNode claimed = claim("officer-dsd-1", open);
    // when: an approval based on the version read before the claim
    HttpResponse<String> stale = action("officer-dsd-1", open, "approve", version(open) + "}");
    // then
    assertProblem(stale, 409, "stale_update");
    assertThat(json(stale).path("currentVersion").asInt())
        .isEqualTo(claimed.path("version").asInt());
    assertThat(
            ok(action("officer-dsd-1", claimed, "approve", version(claimed) + "}"))
                .path("state")
                .asText())
        .isEqualTo("done");
  }

  @Test
  void shouldRefuseWithTaskNotClaimedWhenTheOfficerDecidesAnOpenTask() throws Exception {
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    JsonNode open = task("officer-dsd-1", id, "intake_review");
    assertProblem(
        action("officer-dsd-1", open, "approve", version(open) + "}"), 409, "task_not_claimed");
  }

  @Test
  void shouldRefuseWithOutcomeNotAllowedWhenTheStepDoesNotOfferIt() throws Exception {
    // given: the review offers approved, rejected, correction_requested
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    JsonNode review = claim("officer-dsd-1", task("officer-dsd-1", id, "intake_review"));
    // when / then
    assertProblem(
        action("officer-dsd-1", review, "fee", version(review) + ",\"amount\":\"100.00\"}"),
        422,
        "outcome_not_allowed");
    assertProblem(
        action("officer-dsd-1", review, "reject", version(review) + "}"), 400, "validation_failed");
  }

  @Test
  void shouldRefuseWithAgencyRoleRequiredWhenAnAdminAssignsInAnotherAgency() throws Exception {
    // when
    HttpResponse<String> other =
        post(
            "/backoffice/v1/agencies/dld/roles",
            "admin-dsd",
            "{\"citizenId\":\"1101400765436\",\"role\":\"inspector\"}");
    // then
    assertProblem(other, 403, "agency_role_required");
    assertProblem(
        get("/backoffice/v1/agencies/dld/roles", "admin-dsd"), 403, "agency_role_required");
    assertProblem(
        post(
            "/backoffice/v1/agencies/dsd/roles",
            "officer-dsd-1",
            "{\"citizenId\":\"1101400765436\",\"role\":\"assessor\"}"),
        403,
        "agency_role_required");
    assertProblem(
        post(
            "/backoffice/v1/agencies/dsd/roles",
            "admin-dsd",
            "{\"citizenId\":\"1101400765436\",\"role\":\"agency_admin\"}"),
        422,
        "role_not_assignable");
    JsonNode roles = ok(get("/backoffice/v1/agencies/dsd/roles", "admin-dsd"));
    assertThat(roles.path("assignableRoles").toString())
        .contains("document_checker", "assessor", "finance_officer", "approver", "agency_officer");
  }

  @Test
  void shouldRefuseTheCitizenWhenTheyAnswerWithoutACorrectionRequest() throws Exception {
    // given
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    String answer = "{\"message\":\"ส่งเอกสารเพิ่ม\"}";
    // when / then
    assertProblem(
        post("/api/v1/applications/" + id + "/correspondence", "citizen-somchai", answer),
        409,
        "no_correction_requested");
    assertProblem(
        post("/api/v1/applications/" + id + "/correspondence", "citizen-malee", answer),
        404,
        "application_not_found");
  }
}
