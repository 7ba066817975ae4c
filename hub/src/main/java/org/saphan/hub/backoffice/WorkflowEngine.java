package org.saphan.hub.backoffice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * The back-office state machine, without storage: given a workflow and the tasks of the stage being
 * worked, what a decision, a payment or a citizen's answer changes. {@link CaseEngine} applies the
 * transitions to PostgreSQL under a lock on the case.
 *
 * <ul>
 *   <li>{@code approved} / {@code completed} / paid: the task is done; when every task of the stage
 *       is done, the next stage starts, or after the last stage the case is complete;
 *   <li>{@code rejected}: the task is done and the case ends, rejected; the other tasks of a
 *       parallel stage are cancelled;
 *   <li>{@code correction_requested} / {@code payment_required}: the task waits for the citizen.
 * </ul>
 */
public final class WorkflowEngine {

  /** A task as the engine sees it. */
  public record TaskView(String stepId, TaskState state, Outcome outcome) {}

  /**
   * What changes.
   *
   * @param stepId the task that changed, or {@code null} when the case starts
   * @param taskState its new state
   * @param taskOutcome its outcome, when done or waiting
   * @param cancelled steps of the stage whose tasks are cancelled
   * @param nextStage the stage to start, or {@code null}
   * @param caseState the case's state afterwards
   */
  public record Transition(
      String stepId,
      TaskState taskState,
      Outcome taskOutcome,
      List<String> cancelled,
      Integer nextStage,
      CaseState caseState) {

    /** Whether the case ends with this transition. */
    public boolean closesCase() {
      return caseState != CaseState.OPEN;
    }
  }

  /** The first transition of a case: its first stage starts. */
  public Transition start(Workflow workflow) {
    if (workflow.stages().isEmpty()) {
      throw new IllegalStateException(workflow.connector() + " declares no back-office steps");
    }
    return new Transition(null, null, null, List.of(), 0, CaseState.OPEN);
  }

  /**
   * An officer decides a claimed task of the current stage.
   *
   * @param tasks the tasks of the current stage
   */
  public Transition decide(
      Workflow workflow, int stage, List<TaskView> tasks, String stepId, Outcome outcome) {
    Workflow.Step step = stepOf(workflow, stage, stepId);
    if (!outcome.decidable() || !step.allows(outcome)) {
      throw SaphanException.business(
          ErrorCode.OUTCOME_NOT_ALLOWED,
          "step "
              + step.id()
              + " allows "
              + step.outcomes().stream().map(Outcome::wire).sorted().toList()
              + ", not "
              + outcome.wire(),
          Map.of(
              "step",
              step.id(),
              "allowedOutcomes",
              step.outcomes().stream().map(Outcome::wire).sorted().toList()));
    }
    requireState(tasks, stepId, TaskState.CLAIMED);
    return switch (outcome) {
      case CORRECTION_REQUESTED ->
          new Transition(
              stepId, TaskState.AWAITING_CORRECTION, outcome, List.of(), null, CaseState.OPEN);
      case PAYMENT_REQUIRED ->
          new Transition(
              stepId, TaskState.AWAITING_PAYMENT, outcome, List.of(), null, CaseState.OPEN);
      case REJECTED -> reject(tasks, stepId);
      default -> done(workflow, stage, tasks, stepId, outcome);
    };
  }

  /** The fee of a task waiting for payment was paid: the task is done. */
  public Transition paid(Workflow workflow, int stage, List<TaskView> tasks, String stepId) {
    stepOf(workflow, stage, stepId);
    requireState(tasks, stepId, TaskState.AWAITING_PAYMENT);
    return done(workflow, stage, tasks, stepId, Outcome.PAID);
  }

  /**
   * The citizen answered a correction request: the task goes back to its officer (or to the queue
   * when nobody holds it).
   */
  public Transition correctionAnswered(
      Workflow workflow, int stage, List<TaskView> tasks, String stepId, boolean assigned) {
    stepOf(workflow, stage, stepId);
    requireState(tasks, stepId, TaskState.AWAITING_CORRECTION);
    return new Transition(
        stepId,
        assigned ? TaskState.CLAIMED : TaskState.OPEN,
        null,
        List.of(),
        null,
        CaseState.OPEN);
  }

  private static Transition reject(List<TaskView> tasks, String stepId) {
    List<String> cancelled = new ArrayList<>();
    for (TaskView task : tasks) {
      if (!task.stepId().equals(stepId) && task.state().active()) {
        cancelled.add(task.stepId());
      }
    }
    return new Transition(
        stepId, TaskState.DONE, Outcome.REJECTED, cancelled, null, CaseState.REJECTED);
  }

  private static Transition done(
      Workflow workflow, int stage, List<TaskView> tasks, String stepId, Outcome outcome) {
    boolean stageDone = true;
    for (TaskView task : tasks) {
      if (task.stepId().equals(stepId)) {
        continue;
      }
      if (task.state() != TaskState.DONE || task.outcome() == null || !task.outcome().positive()) {
        stageDone = false;
      }
    }
    if (!stageDone) {
      return new Transition(stepId, TaskState.DONE, outcome, List.of(), null, CaseState.OPEN);
    }
    if (workflow.isLastStage(stage)) {
      return new Transition(stepId, TaskState.DONE, outcome, List.of(), null, CaseState.COMPLETED);
    }
    return new Transition(stepId, TaskState.DONE, outcome, List.of(), stage + 1, CaseState.OPEN);
  }

  private static Workflow.Step stepOf(Workflow workflow, int stage, String stepId) {
    Workflow.Step step =
        workflow
            .step(stepId)
            .orElseThrow(
                () ->
                    SaphanException.business(
                        ErrorCode.TASK_NOT_ACTIONABLE,
                        "step " + stepId + " is not in the workflow of " + workflow.connector(),
                        Map.of("step", stepId)));
    if (step.stage() != stage) {
      throw SaphanException.business(
          ErrorCode.TASK_NOT_ACTIONABLE,
          "step " + stepId + " is not in the stage being worked",
          Map.of("step", stepId));
    }
    return step;
  }

  private static void requireState(List<TaskView> tasks, String stepId, TaskState expected) {
    TaskView task =
        tasks.stream()
            .filter(t -> t.stepId().equals(stepId))
            .findFirst()
            .orElseThrow(
                () ->
                    SaphanException.business(
                        ErrorCode.TASK_NOT_ACTIONABLE,
                        "step " + stepId + " has no task in this stage",
                        Map.of("step", stepId)));
    if (task.state() != expected) {
      throw SaphanException.business(
          ErrorCode.TASK_NOT_ACTIONABLE,
          "the task of step " + stepId + " is " + task.state().wire() + ", not " + expected.wire(),
          Map.of("step", stepId, "state", task.state().wire()));
    }
  }
}
