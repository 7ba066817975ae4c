package org.saphan.hub.backoffice;

import java.util.Map;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.backoffice.CaseStore.CaseRecord;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/** The business refusals of the back office's case commands, each with its stable error code. */
final class CaseRefusals {

  private CaseRefusals() {}

  static SaphanException stale(TaskRecord task) {
    return SaphanException.business(
        ErrorCode.STALE_UPDATE,
        "task " + task.id() + " changed since you read it: it is at version " + task.version(),
        Map.of("currentVersion", task.version(), "state", task.state().wire()));
  }

  static SaphanException alreadyClaimed(TaskRecord task) {
    return SaphanException.business(
        ErrorCode.TASK_ALREADY_CLAIMED,
        "task " + task.id() + " is already claimed by another officer",
        Map.of(
            "claimedBy",
            task.assignee() == null ? "" : ThaiCitizenId.mask(task.assignee()),
            "currentVersion",
            task.version()));
  }

  static SaphanException notClaimed(TaskRecord task) {
    return SaphanException.business(
        ErrorCode.TASK_NOT_CLAIMED,
        "claim task " + task.id() + " before acting on it",
        Map.of("state", task.state().wire()));
  }

  static SaphanException notActionable(TaskRecord task) {
    return SaphanException.business(
        ErrorCode.TASK_NOT_ACTIONABLE,
        "task " + task.id() + " is " + task.state().wire(),
        Map.of("state", task.state().wire()));
  }

  /** The case is no longer open: nothing more happens to it. */
  static SaphanException closed(CaseRecord c) {
    return SaphanException.business(
        ErrorCode.CASE_CLOSED,
        "case " + c.applicationId() + " is " + c.state().wire(),
        Map.of("caseState", c.state().wire()));
  }
}
