package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.backoffice.CaseStore.CaseRecord;
import org.saphan.hub.backoffice.CaseStore.Letter;
import org.saphan.hub.backoffice.CaseStore.QueueFilter;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.sla.WorkingDayCalendar;

/**
 * What officers and citizens read of the back office: the task queue with SLA due dates, a task, a
 * case with its application (consent-gated and audited: an officer viewing the citizen's data is a
 * use of it), the correspondence, the notifications.
 */
public class CaseViews {

  /** The active states, the queue's default. */
  static final List<String> ACTIVE =
      List.of(
          TaskState.OPEN.wire(),
          TaskState.CLAIMED.wire(),
          TaskState.AWAITING_CORRECTION.wire(),
          TaskState.AWAITING_PAYMENT.wire());

  /**
   * The queue's filters as the API takes them.
   *
   * @param agency one agency, or {@code null} for every agency the officer works for
   * @param states task states, or {@code null} for the active ones
   * @param connector one service's card
   * @param step one step id
   * @param assignee {@code me}, {@code unassigned}, or {@code null} for anyone
   * @param mine only steps whose role the officer holds
   * @param overdue only tasks past their due date
   * @param limit page size
   * @param offset page start
   */
  public record QueueQuery(
      String agency,
      List<String> states,
      String connector,
      String step,
      String assignee,
      boolean mine,
      boolean overdue,
      int limit,
      int offset) {}

  private final CaseStore store;
  private final CaseFees fees;
  private final Workflows workflows;
  private final WorkingDayCalendar calendar;
  private final ApplicationStore applications;
  private final ConsentGate gate;
  private final Catalog catalog;
  private final BackOfficeAudit audit;
  private final Notifications notifications;
  private final Clock clock;

  public CaseViews(
      CaseStore store,
      CaseFees fees,
      Workflows workflows,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      ConsentGate gate,
      Catalog catalog,
      BackOfficeAudit audit,
      Notifications notifications,
      Clock clock) {
    this.store = store;
    this.fees = fees;
    this.workflows = workflows;
    this.calendar = calendar;
    this.applications = applications;
    this.gate = gate;
    this.catalog = catalog;
    this.audit = audit;
    this.notifications = notifications;
    this.clock = clock;
  }

  /** The officer's queue: tasks of their agencies, soonest due first, with SLA state. */
  public List<Map<String, Object>> queue(Caller caller, QueueQuery q) {
    List<String> agencies = Officers.agencies(caller);
    if (q.agency() != null) {
      Officers.requireWorksFor(caller, q.agency());
      agencies = List.of(q.agency());
    }
    List<String> states = q.states() == null || q.states().isEmpty() ? ACTIVE : q.states();
    for (String state : states) {
      if (TaskState.fromWire(state).isEmpty()) {
        throw SaphanException.validation(
            ErrorCode.VALIDATION_FAILED,
            "state must be one of open, claimed, awaiting_correction, awaiting_payment, done,"
                + " cancelled");
      }
    }
    if (q.limit() < 1 || q.limit() > 500 || q.offset() < 0) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "limit is 1 to 500 and offset at least 0");
    }
    String assignee = null;
    boolean unassigned = false;
    if ("me".equals(q.assignee())) {
      assignee = caller.citizenId();
    } else if ("unassigned".equals(q.assignee())) {
      unassigned = true;
    } else if (q.assignee() != null) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "assignee is me or unassigned");
    }
    List<String> roles = null;
    if (q.mine()) {
      Set<String> held = new java.util.TreeSet<>();
      agencies.forEach(a -> held.addAll(Officers.rolesIn(caller, a)));
      roles = List.copyOf(held);
    }
    Instant now = clock.instant();
    List<TaskRecord> tasks =
        store.queue(
            new QueueFilter(
                agencies,
                states,
                q.connector(),
                q.step(),
                assignee,
                unassigned,
                roles,
                q.overdue() ? now : null,
                q.limit(),
                q.offset()));
    List<Map<String, Object>> out = new ArrayList<>();
    for (TaskRecord task : tasks) {
      if (q.overdue() && task.state().waitingForCitizen()) {
        continue;
      }
      out.add(taskView(caller, task, now));
    }
    return out;
  }

  /** One task the officer may see. */
  public Map<String, Object> task(Caller caller, UUID taskId) {
    TaskRecord task = Officers.visibleTask(store, caller, taskId);
    if (task.state() == TaskState.AWAITING_PAYMENT) {
      fees.onApplicationPaid(task.applicationId());
      task = store.findTask(taskId).orElseThrow();
    }
    return taskView(caller, task, clock.instant());
  }

  /**
   * A case with its application for an officer of the agency: applicant, form, documents,
   * pre-filled data, tasks, correspondence and timeline. Consent-gated ({@code share_agency}) and
   * audited.
   */
  public Map<String, Object> caseView(Caller caller, String applicationId) {
    CaseRecord found = store.findCase(applicationId).orElse(null);
    return audit.run(
        caller,
        new Subject(
            "officer",
            "case.view",
            found == null ? null : found.agency(),
            applicationId,
            null,
            null),
        () -> {
          if (found == null || !Officers.worksFor(caller, found.agency())) {
            throw SaphanException.validation(ErrorCode.CASE_NOT_FOUND, "no case " + applicationId);
          }
          if ("required".equals(found.feeState())) {
            fees.onApplicationPaid(applicationId);
          }
          CaseRecord c = store.findCase(applicationId).orElseThrow();
          Application app = applications.get(applicationId);
          ConnectorCard card = catalog.get(app.connector());
          List<String> shared =
              new ArrayList<>(
                  card.consent()
                      .map(consent -> consent.dataCategories().shared())
                      .orElse(List.of()));
          gate.require(app.citizenId(), card, ConsentGate.Use.SHARE_WITH_AGENCY, shared);
          Instant now = clock.instant();
          Map<String, Object> view = new LinkedHashMap<>();
          view.put("applicationId", app.id());
          view.put("serviceId", app.serviceId());
          view.put("connector", app.connector());
          view.put("agency", app.agency());
          view.put("status", app.status().wire());
          view.put("caseState", c.state().wire());
          view.put("stage", c.stage());
          view.put("openedAt", c.openedAt());
          view.put("dueAt", c.dueAt());
          view.put("closedAt", c.closedAt());
          view.put("closingReason", c.closingReason());
          if (c.feeAmount() != null) {
            view.put(
                "fee",
                Map.of(
                    "amount",
                    c.feeAmount().toPlainString(),
                    "currency",
                    c.feeCurrency(),
                    "state",
                    c.feeState()));
          }
          view.put("applicant", app.body().path("applicant"));
          view.put("form", c.currentForm() != null ? c.currentForm() : app.body().path("form"));
          if (c.currentForm() != null) {
            view.put("originalForm", app.body().path("form"));
          }
          view.put("documents", documents(app, store.letters(applicationId)));
          view.put("prefill", app.prefill());
          view.put(
              "tasks",
              store.tasksOf(applicationId).stream().map(t -> taskView(caller, t, now)).toList());
          view.put(
              "correspondence",
              store.letters(applicationId).stream().map(CaseViews::letterView).toList());
          view.put("timeline", timeline(applicationId));
          return view;
        });
  }

  /** The correspondence of the citizen's own application. */
  public List<Map<String, Object>> correspondence(Caller caller, String applicationId) {
    Application app = Officers.ownApplication(applications, caller, applicationId);
    return store.letters(app.id()).stream().map(CaseViews::letterView).toList();
  }

  /** The officer's notifications (to them, or to a role they hold). */
  public List<Notifications.Notification> notifications(
      Caller caller, boolean unreadOnly, int limit) {
    List<String> agencies = Officers.agencies(caller);
    Map<String, Set<String>> roles = new LinkedHashMap<>();
    agencies.forEach(a -> roles.put(a, Officers.rolesIn(caller, a)));
    if (limit < 1 || limit > 500) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 500");
    }
    return notifications.of(caller.citizenId(), roles, unreadOnly, limit);
  }

  /**
   * Marks one of the officer's notifications read.
   *
   * @throws SaphanException {@code not_found} when it is not theirs
   */
  public void markRead(Caller caller, long notificationId) {
    Map<String, Set<String>> roles = new LinkedHashMap<>();
    Officers.agencies(caller).forEach(a -> roles.put(a, Officers.rolesIn(caller, a)));
    if (!notifications.markRead(notificationId, caller.citizenId(), roles)) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "no notification " + notificationId);
    }
  }

  Map<String, Object> taskView(Caller caller, TaskRecord task, Instant now) {
    Workflow.Step step =
        workflows.find(task.connector()).flatMap(w -> w.step(task.stepId())).orElse(null);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("taskId", task.id());
    view.put("applicationId", task.applicationId());
    view.put("agency", task.agency());
    view.put("connector", task.connector());
    view.put("stepId", task.stepId());
    if (step != null) {
      Map<String, Object> name = new LinkedHashMap<>();
      name.put("th", step.nameTh());
      name.put("en", step.nameEn());
      view.put("stepName", name);
      view.put("allowedOutcomes", step.outcomes().stream().map(Outcome::wire).sorted().toList());
    }
    view.put("stage", task.stage());
    view.put("role", task.role());
    view.put("state", task.state().wire());
    view.put("outcome", task.outcome() == null ? null : task.outcome().wire());
    view.put("reason", task.reason());
    view.put("assignee", task.assignee() == null ? null : ThaiCitizenId.mask(task.assignee()));
    view.put(
        "claimedByMe", caller.citizenId() != null && caller.citizenId().equals(task.assignee()));
    view.put(
        "mayWork",
        caller.hasAgencyRole(task.agency(), Caller.AGENCY_OFFICER)
            && caller.hasAgencyRole(task.agency(), task.role()));
    view.put("activatedAt", task.activatedAt());
    view.put("clockStartedAt", task.clockStartedAt());
    view.put("dueAt", task.dueAt());
    view.put("decidedAt", task.decidedAt());
    view.put("sla", sla(task, now));
    view.put("version", task.version());
    return view;
  }

  private Map<String, Object> sla(TaskRecord task, Instant now) {
    Map<String, Object> sla = new LinkedHashMap<>();
    sla.put("workingDays", task.slaWorkingDays());
    String state;
    if (!task.state().active()) {
      state = task.decidedAt() != null && task.decidedAt().isAfter(task.dueAt()) ? "late" : "met";
    } else if (task.state().waitingForCitizen()) {
      state = "paused";
    } else if (!now.isBefore(task.dueAt())) {
      state = "overdue";
    } else {
      int left = calendar.workingDaysLeft(now, task.dueAt());
      sla.put("workingDaysLeft", left);
      state = left == 0 ? "due_today" : "on_time";
    }
    sla.put("state", state);
    return sla;
  }

  private List<Map<String, Object>> timeline(String applicationId) {
    return applications.timeline(applicationId).stream()
        .map(
            e -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("status", e.status().wire());
              entry.put("source", e.source());
              entry.put("occurredAt", e.occurredAt());
              entry.put("note", e.note());
              entry.put("detail", e.detail());
              return entry;
            })
        .toList();
  }

  private static List<JsonNode> documents(Application app, List<Letter> letters) {
    List<JsonNode> documents = new ArrayList<>();
    app.body().path("documents").forEach(documents::add);
    for (Letter letter : letters) {
      if ("from_citizen".equals(letter.direction()) && letter.documents() != null) {
        letter.documents().forEach(documents::add);
      }
    }
    return documents;
  }

  /** The JSON view of a letter. */
  public static Map<String, Object> letterView(Letter letter) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", letter.id());
    view.put("direction", letter.direction());
    view.put("from", "to_citizen".equals(letter.direction()) ? "agency" : "citizen");
    view.put("author", letter.authorMasked());
    view.put("message", letter.message());
    view.put("fields", letter.fields());
    view.put("documents", letter.documents());
    view.put("form", letter.form());
    view.put("taskId", letter.taskId());
    view.put("inReplyTo", letter.inReplyTo());
    view.put("createdAt", letter.createdAt());
    view.put("answeredAt", letter.answeredAt());
    return view;
  }
}
