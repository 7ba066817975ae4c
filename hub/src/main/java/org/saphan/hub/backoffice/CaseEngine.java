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
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.backoffice.CaseStore.CaseRecord;
import org.saphan.hub.backoffice.CaseStore.Letter;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.backoffice.WorkflowEngine.Transition;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.platform.Json;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The back-office case engine: opens a case per model-4 application, and applies every officer
 * action, citizen answer and payment to the case's state machine ({@link WorkflowEngine}) in
 * PostgreSQL, under a lock on the case row and optimistic versions on tasks. Each change puts the
 * step's outcome on the citizen's timeline (with the signed portal event, through {@link
 * StatusRecorder}), queues the route's work (notifications, licence issuance) and is audited.
 *
 * <p>Payments: setting a fee records {@code payment_required} with {@code detail.amount}; the
 * e-Payment side records {@code paid} on the timeline and calls {@link #onApplicationPaid}; a
 * scheduled scan ({@link #syncPayments}) and every officer action on the case check the timeline as
 * well, so a missed call only delays the case.
 */
public class CaseEngine {

  private static final Logger log = LoggerFactory.getLogger(CaseEngine.class);
  private static final ObjectMapper JSON = Json.strict();
  private static final int MAX_TEXT = 4000;
  private static final BigDecimal MAX_FEE = new BigDecimal("1000000.00");

  private final CaseStore store;
  private final WorkflowEngine engine;
  private final Workflows workflows;
  private final WorkingDayCalendar calendar;
  private final ApplicationStore applications;
  private final StatusRecorder statuses;
  private final WorkEvents events;
  private final BackOfficeAudit audit;
  private final FormValidator forms;
  private final Catalog catalog;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Clock clock;

  public CaseEngine(
      CaseStore store,
      WorkflowEngine engine,
      Workflows workflows,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      StatusRecorder statuses,
      WorkEvents events,
      BackOfficeAudit audit,
      FormValidator forms,
      Catalog catalog,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock) {
    this.store = store;
    this.engine = engine;
    this.workflows = workflows;
    this.calendar = calendar;
    this.applications = applications;
    this.statuses = statuses;
    this.events = events;
    this.audit = audit;
    this.forms = forms;
    this.catalog = catalog;
    this.transactions = transactions;
    this.meters = meters;
    this.clock = clock;
  }

  // --- intake ---

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
              Instant now = now();
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
              List<TaskRecord> tasks = activateStage(created, workflow, 0, now);
              ObjectNode detail = JSON.createObjectNode();
              ArrayNode steps = detail.putArray("steps");
              tasks.forEach(t -> steps.add(t.stepId()));
              statuses.record(
                  app,
                  CanonicalStatus.RECEIVED,
                  "backoffice",
                  null,
                  after(app, now),
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

  // --- officer actions ---

  /** Claims an open task (double claims are refused with {@code task_already_claimed}). */
  public TaskRecord claim(Caller caller, UUID taskId, Integer version) {
    TaskRecord before = store.findTask(taskId).orElse(null);
    return audit.run(
        caller,
        subject("officer", "task.claim", before, taskId),
        () -> {
          TaskRecord task = Officers.visibleTask(store, caller, taskId);
          Officers.requireStepRole(caller, task);
          if (version != null && version != task.version()) {
            throw stale(task);
          }
          if (task.state() == TaskState.CLAIMED) {
            if (caller.citizenId().equals(task.assignee())) {
              return task;
            }
            throw alreadyClaimed(task);
          }
          if (task.state() != TaskState.OPEN) {
            throw notActionable(task);
          }
          Instant now = now();
          if (!store.claim(taskId, task.version(), caller.citizenId(), now)) {
            TaskRecord current = store.findTask(taskId).orElseThrow();
            if (current.state() == TaskState.CLAIMED
                && !caller.citizenId().equals(current.assignee())) {
              throw alreadyClaimed(current);
            }
            throw stale(current);
          }
          Application app = applications.get(task.applicationId());
          if (app.status() == CanonicalStatus.RECEIVED) {
            Workflow.Step step = workflows.of(task.connector()).step(task.stepId()).orElseThrow();
            statuses.record(
                app,
                CanonicalStatus.IN_REVIEW,
                "officer",
                null,
                after(app, now),
                "bo:" + taskId + ":claimed",
                step.displayName() + ": in review",
                stepDetail(step, null, null));
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
            throw stale(task);
          }
          if (task.state() != TaskState.CLAIMED) {
            throw notActionable(task);
          }
          if (!admin && !caller.citizenId().equals(task.assignee())) {
            throw notClaimed(task);
          }
          if (!store.updateTask(
              taskId, version, TaskState.OPEN, null, null, null, null, null, null, null)) {
            throw stale(task);
          }
          notifyRole(task, "task_available", "task " + task.stepId() + " is back in the queue");
          return store.findTask(taskId).orElseThrow();
        });
  }

  /** Approves the step. */
  public TaskRecord approve(Caller caller, UUID taskId, int version, String reason) {
    return decide(
        caller, taskId, version, "task.approve", Outcome.APPROVED, optional(reason), null);
  }

  /** Completes the step (at the last stage: the case, with its licence where the card says so). */
  public TaskRecord complete(Caller caller, UUID taskId, int version, String reason) {
    return decide(
        caller, taskId, version, "task.complete", Outcome.COMPLETED, optional(reason), null);
  }

  /** Rejects the application at this step; the case ends. A reason is required. */
  public TaskRecord reject(Caller caller, UUID taskId, int version, String reason) {
    return decide(
        caller, taskId, version, "task.reject", Outcome.REJECTED, required(reason, "reason"), null);
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
            required(message, "message"),
            strings(fields, "fields"),
            strings(documents, "documents"),
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
    BigDecimal fee = fee(amount);
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
          settlePayment(locked);
          CaseRecord c = store.findCase(visible.applicationId()).orElseThrow();
          TaskRecord task = store.findTask(taskId).orElseThrow();
          if (version != task.version()) {
            throw stale(task);
          }
          if (c.state() != CaseState.OPEN) {
            throw SaphanException.business(
                ErrorCode.CASE_CLOSED,
                "case " + c.applicationId() + " is " + c.state().wire(),
                Map.of("caseState", c.state().wire()));
          }
          if (!caller.citizenId().equals(task.assignee())) {
            throw notClaimed(task);
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

  /** Applies a transition to the database, the timeline and the route's work. */
  private void apply(
      CaseRecord c,
      Workflow workflow,
      TaskRecord task,
      Transition t,
      String actor,
      String reason,
      Extras extras,
      String source) {
    Instant now = now();
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
      throw stale(task);
    }
    store.cancelActive(c.applicationId(), t.cancelled(), now);
    Application app = applications.get(c.applicationId());
    String tag = "bo:" + task.id() + ":" + (task.version() + 1);
    ObjectNode detail = stepDetail(step, t.taskOutcome(), reason);
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
            after(app, now),
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
            after(app, now),
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
            after(app, now),
            tag,
            step.displayName() + ": rejected: " + reason,
            detail);
        log.info("Back-office case {} rejected at step {}", c.applicationId(), step.id());
      }
      default -> {
        if (t.caseState() == CaseState.COMPLETED) {
          closeCompleted(c, workflow, app, step, detail, source, tag, now);
        } else {
          String note = step.displayName() + ": " + t.taskOutcome().wire();
          if (t.nextStage() != null) {
            List<TaskRecord> next = activateStage(c, workflow, t.nextStage(), now);
            note +=
                "; next: "
                    + String.join(
                        ", ",
                        next.stream()
                            .map(n -> workflow.step(n.stepId()).orElseThrow().displayName())
                            .toList());
          }
          recordProgress(app, c.applicationId(), source, tag, note, detail, now);
        }
      }
    }
  }

  private void closeCompleted(
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
  private void recordProgress(
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

  // --- the citizen's side ---

  /**
   * The citizen answers the open correction request(s): a letter from the citizen, the corrected
   * form (validated against the card's form schema) and documents; the waiting steps resume with
   * their officers, their SLA clocks restarted.
   */
  public Letter answerCorrection(
      Caller caller, String applicationId, String message, JsonNode form, JsonNode documents) {
    Application app = Officers.ownApplication(applications, caller, applicationId);
    String text = required(message, "message");
    ArrayNode docs = documents(documents);
    return audit.run(
        caller,
        new Subject("citizen", "correspondence.reply", app.agency(), app.id(), null, null),
        () -> {
          CaseRecord c =
              store
                  .lockCase(app.id())
                  .orElseThrow(
                      () ->
                          SaphanException.business(
                              ErrorCode.NO_CORRECTION_REQUESTED,
                              "application " + app.id() + " has no back-office case",
                              Map.of()));
          if (c.state() != CaseState.OPEN) {
            throw SaphanException.business(
                ErrorCode.CASE_CLOSED,
                "case " + c.applicationId() + " is " + c.state().wire(),
                Map.of("caseState", c.state().wire()));
          }
          List<Letter> requests = store.openRequests(app.id());
          List<TaskRecord> waiting =
              store.tasksOfStage(app.id(), c.stage()).stream()
                  .filter(t -> t.state() == TaskState.AWAITING_CORRECTION)
                  .toList();
          if (requests.isEmpty() || waiting.isEmpty()) {
            throw SaphanException.business(
                ErrorCode.NO_CORRECTION_REQUESTED,
                "the agency has not asked for a correction of " + app.id(),
                Map.of());
          }
          Instant now = now();
          JsonNode merged = null;
          if (form != null && form.isObject()) {
            JsonNode base = c.currentForm() != null ? c.currentForm() : app.body().path("form");
            merged = merge(base, form);
            forms.validate(catalog.get(app.connector()), merged);
            store.setCurrentForm(app.id(), merged);
          } else if (form != null && !form.isNull() && !form.isMissingNode()) {
            throw SaphanException.validation(
                ErrorCode.FORM_INVALID, "form must be a JSON object of the fields to change");
          }
          Letter reply =
              new Letter(
                  UUID.randomUUID(),
                  app.id(),
                  requests.get(requests.size() - 1).taskId(),
                  "from_citizen",
                  caller.maskedCitizenId(),
                  text,
                  null,
                  docs,
                  form != null && form.isObject() ? form : null,
                  requests.get(requests.size() - 1).id(),
                  now,
                  null);
          store.insertLetter(reply);
          requests.forEach(r -> store.markAnswered(r.id(), now));
          Workflow workflow = workflows.of(app.connector());
          List<TaskRecord> stage = store.tasksOfStage(app.id(), c.stage());
          for (TaskRecord task : waiting) {
            Transition t =
                engine.correctionAnswered(
                    workflow,
                    c.stage(),
                    stage.stream().map(TaskRecord::view).toList(),
                    task.stepId(),
                    task.assignee() != null);
            if (!store.resume(
                task.id(),
                task.version(),
                t.taskState(),
                now,
                calendar.dueAt(now, task.slaWorkingDays()))) {
              throw stale(task);
            }
            if (task.assignee() != null) {
              events.enqueue(
                  app.id(),
                  app.connector(),
                  WorkEvents.NOTIFY,
                  notice(
                      task,
                      task.assignee(),
                      null,
                      "correction_answered",
                      "the citizen answered the correction request of case " + app.id()));
            } else {
              notifyRole(task, "task_available", "task " + task.stepId() + " is back in the queue");
            }
          }
          ObjectNode detail = JSON.createObjectNode();
          detail.put("letterId", reply.id().toString());
          detail.put("inReplyTo", reply.inReplyTo().toString());
          if (merged != null) {
            detail.put("formChanged", true);
          }
          if (docs != null) {
            detail.set("documents", docs);
          }
          recordProgress(
              app,
              app.id(),
              "citizen",
              "bo:reply:" + reply.id(),
              "correction sent by the citizen: " + text,
              detail,
              now);
          return reply;
        });
  }

  // --- payments ---

  /**
   * The hook of the e-Payment side: the application's fee was paid (its timeline shows {@code paid}
   * after the latest {@code payment_required}). Resumes the case: the step waiting for the payment
   * is done. Safe to call more than once or early.
   *
   * @return whether a waiting step was completed
   */
  public boolean onApplicationPaid(String applicationId) {
    Optional<CaseRecord> c = store.findCase(applicationId);
    if (c.isEmpty()
        || c.get().state() != CaseState.OPEN
        || !"required".equals(c.get().feeState())) {
      return false;
    }
    Boolean resumed =
        transactions.execute(
            tx -> {
              CaseRecord locked = store.lockCase(applicationId).orElseThrow();
              return settlePayment(locked);
            });
    return Boolean.TRUE.equals(resumed);
  }

  /**
   * The fallback of {@link #onApplicationPaid}: checks every case waiting for a payment (run once
   * per cluster on a schedule).
   *
   * @return how many cases resumed
   */
  public int syncPayments() {
    int resumed = 0;
    for (TaskRecord task : store.awaitingPayment(200)) {
      if (onApplicationPaid(task.applicationId())) {
        resumed++;
      }
    }
    return resumed;
  }

  /** Inside a transaction holding the case lock: completes the steps whose fee is paid. */
  private boolean settlePayment(CaseRecord c) {
    if (c.state() != CaseState.OPEN
        || !"required".equals(c.feeState())
        || !paidOnTimeline(c.applicationId())) {
      return false;
    }
    Workflow workflow = workflows.of(c.connector());
    List<TaskRecord> stage = store.tasksOfStage(c.applicationId(), c.stage());
    List<TaskRecord> waiting =
        stage.stream().filter(t -> t.state() == TaskState.AWAITING_PAYMENT).toList();
    store.setFee(c.applicationId(), c.feeAmount(), c.feeCurrency(), "paid");
    boolean any = false;
    for (TaskRecord task : waiting) {
      List<TaskRecord> current = store.tasksOfStage(c.applicationId(), c.stage());
      Transition t =
          engine.paid(
              workflow, c.stage(), current.stream().map(TaskRecord::view).toList(), task.stepId());
      CaseRecord fresh = store.findCase(c.applicationId()).orElseThrow();
      applyPaid(fresh, workflow, store.findTask(task.id()).orElseThrow(), t);
      audit.system(
          new Subject("system", "payment.received", c.agency(), c.applicationId(), task.id(), null),
          Map.of("amount", c.feeAmount().toPlainString()));
      if (task.assignee() != null) {
        events.enqueue(
            c.applicationId(),
            c.connector(),
            WorkEvents.NOTIFY,
            notice(
                task,
                task.assignee(),
                null,
                "payment_received",
                "the fee of case " + c.applicationId() + " was paid"));
      }
      any = true;
    }
    if (any) {
      log.info("Back-office case {} resumed: fee paid", c.applicationId());
    }
    return any;
  }

  private void applyPaid(CaseRecord c, Workflow workflow, TaskRecord task, Transition t) {
    Instant now = now();
    Workflow.Step step = workflow.step(task.stepId()).orElseThrow();
    if (!store.updateTask(
        task.id(),
        task.version(),
        TaskState.DONE,
        task.assignee(),
        Outcome.PAID,
        null,
        task.claimedAt(),
        null,
        now,
        null)) {
      throw stale(task);
    }
    Application app = applications.get(c.applicationId());
    ObjectNode detail = stepDetail(step, Outcome.PAID, null);
    String tag = "bo:" + task.id() + ":paid";
    if (t.caseState() == CaseState.COMPLETED) {
      closeCompleted(c, workflow, app, step, detail, "hub", tag, now);
    } else if (t.nextStage() != null) {
      List<TaskRecord> next = activateStage(c, workflow, t.nextStage(), now);
      statuses.record(
          app,
          CanonicalStatus.IN_REVIEW,
          "hub",
          null,
          after(app, now),
          tag,
          step.displayName()
              + ": fee paid; next: "
              + String.join(
                  ", ",
                  next.stream()
                      .map(n -> workflow.step(n.stepId()).orElseThrow().displayName())
                      .toList()),
          detail);
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

  // --- stages and work ---

  private List<TaskRecord> activateStage(CaseRecord c, Workflow workflow, int stage, Instant now) {
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

  private void notifyRole(TaskRecord task, String kind, String message) {
    events.enqueue(
        task.applicationId(),
        task.connector(),
        WorkEvents.NOTIFY,
        notice(task, null, task.role(), kind, message));
  }

  private static Map<String, Object> notice(
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

  // --- helpers ---

  private static ObjectNode stepDetail(Workflow.Step step, Outcome outcome, String reason) {
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

  static SaphanException stale(TaskRecord task) {
    return SaphanException.business(
        ErrorCode.STALE_UPDATE,
        "task " + task.id() + " changed since you read it: it is at version " + task.version(),
        Map.of("currentVersion", task.version(), "state", task.state().wire()));
  }

  private static SaphanException alreadyClaimed(TaskRecord task) {
    return SaphanException.business(
        ErrorCode.TASK_ALREADY_CLAIMED,
        "task " + task.id() + " is already claimed by another officer",
        Map.of(
            "claimedBy",
            task.assignee() == null ? "" : ThaiCitizenId.mask(task.assignee()),
            "currentVersion",
            task.version()));
  }

  private static SaphanException notClaimed(TaskRecord task) {
    return SaphanException.business(
        ErrorCode.TASK_NOT_CLAIMED,
        "claim task " + task.id() + " before acting on it",
        Map.of("state", task.state().wire()));
  }

  private static SaphanException notActionable(TaskRecord task) {
    return SaphanException.business(
        ErrorCode.TASK_NOT_ACTIONABLE,
        "task " + task.id() + " is " + task.state().wire(),
        Map.of("state", task.state().wire()));
  }

  /** {@code now}, or the application's last status time when that is later (clock skew). */
  private static Instant after(Application app, Instant now) {
    return app.lastStatusAt() != null && now.isBefore(app.lastStatusAt())
        ? app.lastStatusAt()
        : now;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String optional(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_TEXT) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "at most " + MAX_TEXT + " characters");
    }
    return text.strip();
  }

  private static String required(String text, String name) {
    String value = optional(text);
    if (value == null) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, name + " is required");
    }
    return value;
  }

  private static ArrayNode strings(JsonNode node, String name) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isArray() || node.size() > 50) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, name + " must be a list of at most 50 texts");
    }
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > 200) {
        throw SaphanException.validation(
            ErrorCode.VALIDATION_FAILED, name + " must hold texts of 1 to 200 characters");
      }
      out.add(item.asText());
    }
    return out;
  }

  private static ArrayNode documents(JsonNode given) {
    if (given == null || given.isNull() || given.isMissingNode()) {
      return null;
    }
    if (!given.isArray()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "documents must be a list of at most 20");
    }
    return ApplicationIntake.documentsOf(given);
  }

  private static BigDecimal fee(String amount) {
    BigDecimal fee;
    try {
      fee = amount == null ? null : new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      fee = null;
    }
    if (fee == null || fee.signum() <= 0 || fee.scale() > 2 || fee.compareTo(MAX_FEE) > 0) {
      throw SaphanException.validation(
          ErrorCode.PAYMENT_AMOUNT_INVALID,
          "amount must be a positive amount in baht with at most 2 decimals, e.g. \"100.00\"");
    }
    return fee.setScale(2);
  }

  /** The form with the citizen's changes: objects merged field by field, the rest replaced. */
  static JsonNode merge(JsonNode base, JsonNode changes) {
    ObjectNode merged =
        base != null && base.isObject() ? ((ObjectNode) base).deepCopy() : JSON.createObjectNode();
    changes
        .fields()
        .forEachRemaining(
            change -> {
              JsonNode current = merged.get(change.getKey());
              if (current != null && current.isObject() && change.getValue().isObject()) {
                merged.set(change.getKey(), merge(current, change.getValue()));
              } else if (change.getValue().isNull()) {
                merged.remove(change.getKey());
              } else {
                merged.set(change.getKey(), change.getValue());
              }
            });
    return merged;
  }
}
