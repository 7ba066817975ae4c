package org.saphan.hub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.Catalog;
import org.saphan.hub.backoffice.WorkflowEngine.TaskView;
import org.saphan.hub.backoffice.WorkflowEngine.Transition;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.support.SampleCatalog;

class WorkflowEngineTest {

  final WorkflowEngine engine = new WorkflowEngine();

  static Workflow.Step step(String id, String role, int stage, Outcome... outcomes) {
    return new Workflow.Step(id, id, id, role, 3, EnumSet.copyOf(List.of(outcomes)), stage, stage);
  }

  /** review → [check ‖ fee] → issue. */
  static Workflow parallel() {
    return Workflow.of(
        "dsd-test",
        "dsd",
        List.of(
            List.of(
                step(
                    "review",
                    "document_checker",
                    0,
                    Outcome.APPROVED,
                    Outcome.REJECTED,
                    Outcome.CORRECTION_REQUESTED)),
            List.of(
                step("check", "assessor", 1, Outcome.APPROVED, Outcome.REJECTED),
                step("fee", "finance_officer", 1, Outcome.PAYMENT_REQUIRED, Outcome.APPROVED)),
            List.of(step("issue", "approver", 2, Outcome.COMPLETED, Outcome.REJECTED))));
  }

  /** review → inspect → approve. */
  static Workflow sequential() {
    return Workflow.of(
        "dld-test",
        "dld",
        List.of(
            List.of(step("review", "document_checker", 0, Outcome.APPROVED, Outcome.REJECTED)),
            List.of(step("inspect", "inspector", 1, Outcome.APPROVED, Outcome.REJECTED)),
            List.of(step("approve", "approver", 2, Outcome.COMPLETED, Outcome.REJECTED))));
  }

  static TaskView claimed(String step) {
    return new TaskView(step, TaskState.CLAIMED, null);
  }

  @Test
  void shouldStartWithTheFirstStageWhenACaseOpens() {
    // when
    Transition start = engine.start(sequential());
    // then
    assertThat(start.nextStage()).isZero();
    assertThat(start.caseState()).isEqualTo(CaseState.OPEN);
  }

  @Test
  void shouldMoveStepByStepToCompletionWhenStepsAreSequential() {
    // given
    Workflow workflow = sequential();
    // when
    Transition first =
        engine.decide(workflow, 0, List.of(claimed("review")), "review", Outcome.APPROVED);
    Transition second =
        engine.decide(workflow, 1, List.of(claimed("inspect")), "inspect", Outcome.APPROVED);
    Transition last =
        engine.decide(workflow, 2, List.of(claimed("approve")), "approve", Outcome.COMPLETED);
    // then
    assertThat(first.nextStage()).isEqualTo(1);
    assertThat(first.taskState()).isEqualTo(TaskState.DONE);
    assertThat(second.nextStage()).isEqualTo(2);
    assertThat(last.nextStage()).isNull();
    assertThat(last.caseState()).isEqualTo(CaseState.COMPLETED);
  }

  @Test
  void shouldWaitForTheOtherBranchWhenOneParallelStepIsApproved() {
    // given: both branches of stage 1 claimed
    Workflow workflow = parallel();
    List<TaskView> stage = List.of(claimed("check"), claimed("fee"));
    // when
    Transition check = engine.decide(workflow, 1, stage, "check", Outcome.APPROVED);
    // then: the stage is not done while the fee branch is open
    assertThat(check.taskState()).isEqualTo(TaskState.DONE);
    assertThat(check.nextStage()).isNull();
    assertThat(check.caseState()).isEqualTo(CaseState.OPEN);
  }

  @Test
  void shouldStartTheNextStageWhenTheLastParallelBranchCompletes() {
    // given: the check branch is done, the fee branch waits for payment
    Workflow workflow = parallel();
    List<TaskView> stage =
        List.of(
            new TaskView("check", TaskState.DONE, Outcome.APPROVED),
            new TaskView("fee", TaskState.AWAITING_PAYMENT, Outcome.PAYMENT_REQUIRED));
    // when: the fee is paid
    Transition paid = engine.paid(workflow, 1, stage, "fee");
    // then
    assertThat(paid.taskOutcome()).isEqualTo(Outcome.PAID);
    assertThat(paid.nextStage()).isEqualTo(2);
  }

  @Test
  void shouldNotCompleteTheStageWhenTheOtherBranchStillWaitsForPayment() {
    // given
    Workflow workflow = parallel();
    List<TaskView> stage =
        List.of(
            claimed("check"),
            new TaskView("fee", TaskState.AWAITING_PAYMENT, Outcome.PAYMENT_REQUIRED));
    // when
    Transition check = engine.decide(workflow, 1, stage, "check", Outcome.APPROVED);
    // then
    assertThat(check.nextStage()).isNull();
  }

  @Test
  void shouldRejectTheCaseAndCancelTheOtherBranchWhenOneParallelBranchRejects() {
    // given
    Workflow workflow = parallel();
    List<TaskView> stage =
        List.of(
            claimed("check"),
            new TaskView("fee", TaskState.AWAITING_PAYMENT, Outcome.PAYMENT_REQUIRED));
    // when
    Transition rejected = engine.decide(workflow, 1, stage, "check", Outcome.REJECTED);
    // then
    assertThat(rejected.caseState()).isEqualTo(CaseState.REJECTED);
    assertThat(rejected.closesCase()).isTrue();
    assertThat(rejected.cancelled()).containsExactly("fee");
    assertThat(rejected.nextStage()).isNull();
  }

  @Test
  void shouldWaitForTheCitizenAndResumeWithTheOfficerWhenACorrectionIsAnswered() {
    // given
    Workflow workflow = parallel();
    // when
    Transition requested =
        engine.decide(
            workflow, 0, List.of(claimed("review")), "review", Outcome.CORRECTION_REQUESTED);
    Transition answered =
        engine.correctionAnswered(
            workflow,
            0,
            List.of(new TaskView("review", TaskState.AWAITING_CORRECTION, null)),
            "review",
            true);
    Transition approved =
        engine.decide(workflow, 0, List.of(claimed("review")), "review", Outcome.APPROVED);
    // then
    assertThat(requested.taskState()).isEqualTo(TaskState.AWAITING_CORRECTION);
    assertThat(requested.caseState()).isEqualTo(CaseState.OPEN);
    assertThat(answered.taskState()).isEqualTo(TaskState.CLAIMED);
    assertThat(approved.nextStage()).isEqualTo(1);
  }

  @Test
  void shouldReturnTheTaskToTheQueueWhenNobodyHeldItAndTheCitizenAnswers() {
    Transition answered =
        engine.correctionAnswered(
            parallel(),
            0,
            List.of(new TaskView("review", TaskState.AWAITING_CORRECTION, null)),
            "review",
            false);
    assertThat(answered.taskState()).isEqualTo(TaskState.OPEN);
  }

  @Test
  void shouldRefuseWithOutcomeNotAllowedWhenTheStepDoesNotListTheOutcome() {
    assertThatThrownBy(
            () ->
                engine.decide(
                    parallel(), 1, List.of(claimed("check")), "check", Outcome.PAYMENT_REQUIRED))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_NOT_ALLOWED));
  }

  @Test
  void shouldRefuseWithTaskNotActionableWhenTheStepIsNotInTheCurrentStage() {
    assertThatThrownBy(
            () ->
                engine.decide(
                    parallel(), 0, List.of(claimed("review")), "issue", Outcome.COMPLETED))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_NOT_ACTIONABLE));
  }

  @Test
  void shouldRefuseWithTaskNotActionableWhenTheTaskWaitsForTheCitizen() {
    assertThatThrownBy(
            () ->
                engine.decide(
                    parallel(),
                    0,
                    List.of(new TaskView("review", TaskState.AWAITING_CORRECTION, null)),
                    "review",
                    Outcome.APPROVED))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_NOT_ACTIONABLE));
  }

  @Test
  void shouldGroupNeighbouringParallelStepsIntoOneStageWhenReadFromTheCard() {
    // given
    Catalog catalog = SampleCatalog.get();
    // when
    Workflow dsd = Workflow.of(catalog.get("dsd-competency-certificate"));
    Workflow dld = Workflow.of(catalog.get("dld-livestock-farmer-registration"));
    // then
    assertThat(dsd.stages())
        .extracting(s -> s.stream().map(Workflow.Step::id).toList())
        .containsExactly(
            List.of("intake_review"),
            List.of("qualification_check", "fee_assessment"),
            List.of("issue_certificate"));
    assertThat(dsd.licence().issue()).isTrue();
    assertThat(dsd.licence().validityDays()).isEqualTo(1825);
    assertThat(dld.stages()).hasSize(3).allMatch(s -> s.size() == 1);
    assertThat(dld.roles()).containsExactly("approver", "document_checker", "inspector");
  }
}
