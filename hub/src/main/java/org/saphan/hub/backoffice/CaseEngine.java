package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
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
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The back-office case engine: opens a case per model-4 application, and applies every officer
 * command to the case's state machine ({@link WorkflowEngine}) in PostgreSQL, under a lock on the
 * case row and optimistic versions on tasks. Each change puts the step's outcome on the citizen's
 * timeline (with the signed portal event, through {@link StatusRecorder}), queues the route's work
 * (notifications, licence issuance) and is audited. The citizen's answers are {@link
 * CaseCorrections}', payments {@link CaseFees}'; setting a fee records {@code payment_required}
 * with {@code detail.amount}.
 */
public class CaseEngine {

  private static final Logger log = LoggerFactory.getLogger(CaseEngine.class);
  private static final ObjectMapper JSON = Json.strict();

  private final CaseStore store;
  private final WorkflowEngine engine;
  private final Workflows workflows;
  private final WorkingDayCalendar calendar;
  private final ApplicationStore applications;
  private final StatusRecorder statuses;
  private final WorkEvents events;
  private final BackOfficeAudit audit;
  private final Catalog catalog;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final CaseFees fees;
  private final CaseProgress progress;

  CaseEngine(
      CaseStore store,
      WorkflowEngine engine,
      Workflows workflows,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      StatusRecorder statuses,
      WorkEvents events,
      BackOfficeAudit audit,
      Catalog catalog,
      TransactionTemplate transactions,
      MeterRegistry meters,
      CaseFees fees,
      CaseProgress progress) {
    this.store = store;
    this.engine = engine;
    this.workflows = workflows;
    this.calendar = calendar;
    this.applications = applications;
    this.statuses = statuses;
    this.events = events;
    this.audit = audit;
    this.catalog = catalog;
    this.transactions = transactions;
    this.meters = meters;
    this.fees = fees;
    this.progress = progress;
  }

  /**
   * Opens the case of a model-4 application (the route calls this for the intake message);
   * idempotent by application and message id.
   *
   * @return false when the case was already open, or the application is not a model-4 one
   */
  public boolean openCase(String applicationId, String messageId) {
    Optional<Application> found = applications.find(applicationId);
    if (found.isEmpty() || found.get().model() != 4) {
      log.warn("No model-4 application {} to open a case for; message dropped", applicationId);
      return false;
    }
    Application app = found.get();
    Workflow workflow = workflows.of(app.connector());
    Boolean opened =
        transactions.execute(
            tx -> {
              Instant now = progress.now();
              if (!store.insertCase(
                  app.id(),
                  messageId,
                  app.connector(),
                  app.agency(),
                  app.citizenId(),
                  now,
                  calendar.dueAt(now, workflow.serviceSlaWorkingDays()))) {
                return false;
              }
              CaseRecord created = store.findCase(app.id()).orElseThrow();
              List<TaskRecord> tasks = progress.activateStage(created, workflow, 0, now);
              ObjectNode detail = JSON.createObjectNode();
              ArrayNode steps = detail.putArray("steps");
              tasks.forEach(t -> steps.add(t.stepId()));
              statuses.record(
                  app,
                  CanonicalStatus.RECEIVED,
                  "backoffice",
                  null,
                  CaseProgress.after(app, now),
                  "bo:received:" + app.id(),
                  "received by the back office of " + agencyName(app.connector()),
                  detail);
              audit.system(
                  new Subject("system", "case.open", app.agency(), app.id(), null, null),
                  Map.of("connector", app.connector()));
              return true;
            });
    if (Boolean.TRUE.equals(opened)) {
      meters.counter("saphan.backoffice.cases.opened", "connector", app.connector()).increment();
      log.info("Back-office case {} opened for {}", app.id(), app.connector());
    }
    return Boolean.TRUE.equals(opened);
  }

  public TaskRecord claim(Caller caller, UUID taskId, Integer version) {
    TaskRecord before = store.findTask(taskId).orElse(null);
    return audit.run(
        caller,
        subject("officer", "task.claim", before, taskId),
        () -> {
          TaskRecord task = Officers.visibleTask(store, caller, taskId);
          Officers.requireStepRole(caller, task);
          if (version != null && version != task.version()) {
            throw CaseRefusals.stale(task);
          }
          if (task.state() == TaskState.CLAIMED) {
            if (caller.citizenId().equals(task.assignee())) {
              return task;
            }
            throw CaseRefusals.alreadyClaimed(task);
          }
          if (task.state() != TaskState.OPEN) {
            throw CaseRefusals.notActionable(task);
          }
          Instant now = progress.now();
          if (!store.claim(taskId, task.version(), caller.citizenId(), now)) {
            TaskRecord current = store.findTask(taskId).orElseThrow();
            if (current.state() == TaskState.CLAIMED
                && !caller.citizenId().equals(current.assignee())) {
              throw CaseRefusals.alreadyClaimed(current);
            }
            throw CaseRefusals.stale(current);
          }
          Application app = applications.get(task.applicationId());
          if (app.status() == CanonicalStatus.RECEIVED) {
            Workflow.Step step = workflows.of(task.connector()).step(task.stepId()).orElseThrow();
            statuses.record(
                app,
                CanonicalStatus.IN_REVIEW,
                "officer",
                null,
                CaseProgress.after(app, now),
                "bo:" + taskId + ":claimed",
                step.displayName() + ": in review",
                CaseProgress.stepDetail(step, null, null));
          }
          return store.findTask(taskId).orElseThrow();
        });
  }

  /**
   * Gives a claimed task back to the queue: by its officer, or by an agency admin for an officer
   * who is away.
   */
  public TaskRecord release(Caller caller, UUID taskId, int version) {
    TaskRecord before = store.findTask(taskId).orElse(null);
    return audit.run(
        caller,
        subject("officer", "task.release", before, taskId),
        () -> {
          TaskRecord task = Officers.visibleTask(store, caller, taskId);
          boolean admin = caller.hasAgencyRole(task.agency(), Caller.AGENCY_ADMIN);
          if (!admin) {
            Officers.requireStepRole(caller, task);
          }
          if (version != task.version()) {
            throw CaseRefusals.stale(task);
          }
          if (task.state() != TaskState.CLAIMED) {
            throw CaseRefusals.notActionable(task);
          }
          if (!admin && !caller.citizenId().equals(task.assignee())) {
            throw CaseRefusals.notClaimed(task);
          }
          if (!store.updateTask(
              taskId, version, TaskState.OPEN, null, null, null, null, null, null, null)) {
            throw CaseRefusals.stale(task);
          }
          progress.notifyRole(
              task, "task_available", "task " + task.stepId() + " is back in the queue");
          return store.findTask(taskId).orElseThrow();
        });
  }

  public TaskRecord approve(Caller caller, UUID taskId, int version, String reason) {
    return decide(
        caller,
        taskId,
        version,
        "task.approve",
        Outcome.APPROVED,
        CaseInputs.optional(reason),
        null);
  }

  public TaskRecord complete(Caller caller, UUID taskId, int version, String reason) {
    return decide(
        caller,
        taskId,
        version,
        "task.complete",
        Outcome.COMPLETED,
        CaseInputs.optional(reason),
        null);
  }

  public TaskRecord reject(Caller caller, UUID taskId, int version, String reason) {
    return decide(
        caller,
        taskId,
        version,
        "task.reject",
        Outcome.REJECTED,
        CaseInputs.required(reason, "reason"),
        null);
  }

  /**
   * Asks the citizen to correct the application: a letter to the citizen, shown on the timeline;
   * the step waits until the citizen answers.
   *
   * @param fields the form fields to correct (JSON pointers or names), or {@code null}
   * @param documents the document types asked for, or {@code null}
   */
  public TaskRecord requestCorrection(
      Caller caller,
      UUID taskId,
      int version,
      String message,
      JsonNode fields,
      JsonNode documents) {
    Extras extras =
        new Extras(
            CaseInputs.required(message, "message"),
            CaseInputs.strings(fields, "fields"),
            CaseInputs.strings(documents, "documents"),
            null);
    return decide(
        caller,
        taskId,
        version,
        "task.request_correction",
        Outcome.CORRECTION_REQUESTED,
        extras.message(),
        extras);
  }

  /**
   * Sets the fee, opening the e-Payment flow: {@code payment_required} with {@code detail.amount}
   * on the timeline; the step is done when the application is paid.
   */
  public TaskRecord setFee(
      Caller caller, UUID taskId, int version, String amount, String currency) {
    BigDecimal fee = CaseInputs.fee(amount);
    if (currency != null && !currency.equals("THB")) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "the fee is in THB");
    }
    return decide(
        caller,
        taskId,
        version,
        "task.set_fee",
        Outcome.PAYMENT_REQUIRED,
        null,
        new Extras(null, null, null, fee));
  }

  private record Extras(String message, ArrayNode fields, ArrayNode documents, BigDecimal fee) {}

  private TaskRecord decide(
      Caller caller,
      UUID taskId,
      int version,
      String action,
      Outcome outcome,
      String reason,
      Extras extras) {
    TaskRecord before = store.findTask(taskId).orElse(null);
    return audit.run(
        caller,
        subject("officer", action, before, taskId),
        () -> {
          TaskRecord visible = Officers.visibleTask(store, caller, taskId);
          Officers.requireStepRole(caller, visible);
          CaseRecord locked = store.lockCase(visible.applicationId()).orElseThrow();
          fees.settlePayment(locked);
          CaseRecord c = store.findCase(visible.applicationId()).orElseThrow();
          TaskRecord task = store.findTask(taskId).orElseThrow();
          if (version != task.version()) {
            throw CaseRefusals.stale(task);
          }
          if (c.state() != CaseState.OPEN) {
            throw CaseRefusals.closed(c);
          }
          if (!caller.citizenId().equals(task.assignee())) {
            throw CaseRefusals.notClaimed(task);
          }
          Workflow workflow = workflows.of(task.connector());
          List<TaskRecord> stage = store.tasksOfStage(c.applicationId(), c.stage());
          Transition transition =
              engine.decide(
                  workflow,
                  c.stage(),
                  stage.stream().map(TaskRecord::view).toList(),
                  task.stepId(),
                  outcome);
          apply(c, workflow, task, transition, caller.citizenId(), reason, extras, "officer");
          meters
              .counter(
                  "saphan.backoffice.decisions",
                  "connector",
                  task.connector(),
                  "step",
                  task.stepId(),
                  "outcome",
                  outcome.wire())
              .increment();
          return store.findTask(taskId).orElseThrow();
        },
        t ->
            reason == null
                ? Map.of("outcome", outcome.wire())
                : Map.of("outcome", outcome.wire(), "reason", reason));
  }

  private void apply(
      CaseRecord c,
      Workflow workflow,
      TaskRecord task,
      Transition t,
      String actor,
      String reason,
      Extras extras,
      String source) {
    Instant now = progress.now();
    Workflow.Step step = workflow.step(task.stepId()).orElseThrow();
    boolean done = t.taskState() == TaskState.DONE;
    boolean waiting = t.taskState() != null && t.taskState().waitingForCitizen();
    if (!store.updateTask(
        task.id(),
        task.version(),
        t.taskState(),
        task.assignee(),
        t.taskOutcome(),
        reason,
        task.claimedAt(),
        waiting ? now : null,
        done ? now : null,
        done ? actor : null)) {
      throw CaseRefusals.stale(task);
    }
    store.cancelActive(c.applicationId(), t.cancelled(), now);
    Application app = applications.get(c.applicationId());
    String tag = "bo:" + task.id() + ":" + (task.version() + 1);
    ObjectNode detail = CaseProgress.stepDetail(step, t.taskOutcome(), reason);
    switch (t.taskOutcome()) {
      case CORRECTION_REQUESTED -> {
        UUID letterId = UUID.randomUUID();
        store.insertLetter(
            new Letter(
                letterId,
                c.applicationId(),
                task.id(),
                "to_citizen",
                ThaiCitizenId.mask(actor),
                extras.message(),
                extras.fields(),
                extras.documents(),
                null,
                null,
                now,
                null));
        detail.put("letterId", letterId.toString());
        if (extras.fields() != null) {
          detail.set("fields", extras.fields());
        }
        if (extras.documents() != null) {
          detail.set("documents", extras.documents());
        }
        statuses.record(
            app,
            CanonicalStatus.CORRECTION_REQUESTED,
            source,
            null,
            CaseProgress.after(app, now),
            tag,
            extras.message(),
            detail);
      }
      case PAYMENT_REQUIRED -> {
        store.setFee(c.applicationId(), extras.fee(), "THB", "required");
        detail.put("amount", extras.fee().toPlainString());
        detail.put("currency", "THB");
        detail.put("taskId", task.id().toString());
        statuses.record(
            app,
            CanonicalStatus.PAYMENT_REQUIRED,
            source,
            null,
            CaseProgress.after(app, now),
            tag,
            step.displayName() + ": fee " + extras.fee().toPlainString() + " THB",
            detail);
      }
      case REJECTED -> {
        store.closeCase(c.applicationId(), CaseState.REJECTED, now, reason);
        statuses.record(
            app,
            CanonicalStatus.REJECTED,
            source,
            null,
            CaseProgress.after(app, now),
            tag,
            step.displayName() + ": rejected: " + reason,
            detail);
        log.info("Back-office case {} rejected at step {}", c.applicationId(), step.id());
      }
      default -> {
        if (t.caseState() == CaseState.COMPLETED) {
          progress.closeCompleted(c, workflow, app, step, detail, source, tag, now);
        } else {
          String note = step.displayName() + ": " + t.taskOutcome().wire();
          if (t.nextStage() != null) {
            List<TaskRecord> next = progress.activateStage(c, workflow, t.nextStage(), now);
            note +=
                "; next: "
                    + String.join(
                        ", ",
                        next.stream()
                            .map(n -> workflow.step(n.stepId()).orElseThrow().displayName())
                            .toList());
          }
          progress.recordProgress(app, c.applicationId(), source, tag, note, detail, now);
        }
      }
    }
  }

  private String agencyName(String connector) {
    return catalog.find(connector).map(c -> c.agencyNameEn().orElse(c.agencyNameTh())).orElse("");
  }

  private static Subject subject(String kind, String action, TaskRecord task, UUID taskId) {
    return new Subject(
        kind,
        action,
        task == null ? null : task.agency(),
        task == null ? null : task.applicationId(),
        taskId,
        null);
  }
}
