package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.backoffice.CaseStore.CaseRecord;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.platform.Json;
import org.saphan.hub.sla.WorkingDayCalendar;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every case change shares: a stage's tasks activated with their SLA clocks, the role's
 * notifications, the step's entry on the citizen's timeline (held at {@code payment_required} while
 * a fee is due), the case closed on completion with its licence queued.
 */
class CaseProgress {

  private static final Logger log = LoggerFactory.getLogger(CaseProgress.class);
  private static final ObjectMapper JSON = Json.strict();

  private final CaseStore store;
  private final WorkingDayCalendar calendar;
  private final ApplicationStore applications;
  private final StatusRecorder statuses;
  private final WorkEvents events;
  private final Clock clock;

  CaseProgress(
      CaseStore store,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      StatusRecorder statuses,
      WorkEvents events,
      Clock clock) {
    this.store = store;
    this.calendar = calendar;
    this.applications = applications;
    this.statuses = statuses;
    this.events = events;
    this.clock = clock;
  }

  List<TaskRecord> activateStage(CaseRecord c, Workflow workflow, int stage, Instant now) {
    List<TaskRecord> created = new ArrayList<>();
    for (Workflow.Step step : workflow.stage(stage)) {
      TaskRecord task =
          new TaskRecord(
              UUID.randomUUID(),
              c.applicationId(),
              c.agency(),
              c.connector(),
              step.id(),
              step.index(),
              stage,
              step.role(),
              TaskState.OPEN,
              null,
              null,
              null,
              step.slaWorkingDays(),
              now,
              now,
              calendar.dueAt(now, step.slaWorkingDays()),
              null,
              null,
              null,
              null,
              0);
      store.insertTask(task);
      created.add(task);
      notifyRole(
          task, "task_available", "new task " + step.id() + " for case " + c.applicationId());
    }
    if (stage != c.stage()) {
      store.setStage(c.applicationId(), stage);
    }
    return created;
  }

  void notifyRole(TaskRecord task, String kind, String message) {
    events.enqueue(
        task.applicationId(),
        task.connector(),
        WorkEvents.NOTIFY,
        notice(task, null, task.role(), kind, message));
  }

  static Map<String, Object> notice(
      TaskRecord task, String recipient, String role, String kind, String message) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("agency", task.agency());
    if (recipient != null) {
      payload.put("recipient", recipient);
    }
    if (role != null) {
      payload.put("role", role);
    }
    payload.put("kind", kind);
    payload.put("taskId", task.id().toString());
    payload.put("step", task.stepId());
    payload.put("message", message);
    return payload;
  }

  void closeCompleted(
      CaseRecord c,
      Workflow workflow,
      Application app,
      Workflow.Step step,
      ObjectNode detail,
      String source,
      String tag,
      Instant now) {
    store.closeCase(c.applicationId(), CaseState.COMPLETED, now, null);
    statuses.record(
        app,
        CanonicalStatus.APPROVED,
        source,
        null,
        after(app, now),
        tag + ":approved",
        step.displayName() + ": " + detail.path("outcome").asText(),
        detail);
    if (workflow.licence().issue()) {
      events.enqueue(c.applicationId(), c.connector(), WorkEvents.LICENCE, Map.of());
    } else {
      statuses.record(
          app,
          CanonicalStatus.COMPLETED,
          "backoffice",
          null,
          after(app, now),
          tag + ":completed",
          "completed",
          null);
    }
    log.info("Back-office case {} completed", c.applicationId());
  }

  /**
   * Puts a step's outcome on the timeline. While a fee is due, the entry stays {@code
   * payment_required} (with the amount), so the payment can still be made from the latest such
   * entry; otherwise {@code in_review}.
   */
  void recordProgress(
      Application app,
      String applicationId,
      String source,
      String tag,
      String note,
      ObjectNode detail,
      Instant now) {
    CaseRecord c = store.findCase(applicationId).orElseThrow();
    if ("required".equals(c.feeState()) && !paidOnTimeline(applicationId)) {
      detail.put("amount", c.feeAmount().toPlainString());
      detail.put("currency", c.feeCurrency());
      statuses.record(
          app,
          CanonicalStatus.PAYMENT_REQUIRED,
          source,
          null,
          after(app, now),
          tag,
          note + "; the fee is still due",
          detail);
    } else {
      statuses.record(
          app, CanonicalStatus.IN_REVIEW, source, null, after(app, now), tag, note, detail);
    }
  }

  /**
   * Whether the latest fee entry on the timeline is {@code paid}. The "fee still due" progress
   * entries ({@code payment_required}) are only written while this is false, so they never hide a
   * payment.
   */
  boolean paidOnTimeline(String applicationId) {
    CanonicalStatus last = null;
    for (var entry : applications.timeline(applicationId)) {
      if (entry.status() == CanonicalStatus.PAID
          || entry.status() == CanonicalStatus.PAYMENT_REQUIRED) {
        last = entry.status();
      }
    }
    return last == CanonicalStatus.PAID;
  }

  static ObjectNode stepDetail(Workflow.Step step, Outcome outcome, String reason) {
    ObjectNode detail = JSON.createObjectNode();
    detail.put("step", step.id());
    detail.put("stepName", step.nameTh());
    if (step.nameEn() != null) {
      detail.put("stepNameEn", step.nameEn());
    }
    if (outcome != null) {
      detail.put("outcome", outcome.wire());
    }
    if (reason != null) {
      detail.put("reason", reason);
    }
    return detail;
  }

  static Instant after(Application app, Instant now) {
    return app.lastStatusAt() != null && now.isBefore(app.lastStatusAt())
        ? app.lastStatusAt()
        : now;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
