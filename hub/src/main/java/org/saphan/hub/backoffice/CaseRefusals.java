package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationIntake;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.FormValidator;
import org.saphan.hub.applications.StatusRecorder;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.backoffice.CaseStore.CaseRecord;
import org.saphan.hub.backoffice.CaseStore.Letter;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.backoffice.WorkflowEngine.Transition;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.platform.Json;
import org.saphan.hub.sla.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

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
