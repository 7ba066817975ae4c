package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.catalog.Catalog;
import org.saphan.hub.applications.Application;
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
import org.saphan.hub.sla.WorkingDayCalendar;

/**
 * The citizen's side of a back-office case: the answer to the agency's correction request (a
 * letter, the corrected form validated against the card's form schema, documents), after which the
 * waiting steps resume with their officers, their SLA clocks restarted.
 */
public class CaseCorrections {

  private static final ObjectMapper JSON = Json.strict();

  private final CaseStore store;
  private final WorkflowEngine engine;
  private final Workflows workflows;
  private final WorkingDayCalendar calendar;
  private final ApplicationStore applications;
  private final WorkEvents events;
  private final BackOfficeAudit audit;
  private final FormValidator forms;
  private final Catalog catalog;
  private final CaseProgress progress;

  CaseCorrections(
      CaseStore store,
      WorkflowEngine engine,
      Workflows workflows,
      WorkingDayCalendar calendar,
      ApplicationStore applications,
      WorkEvents events,
      BackOfficeAudit audit,
      FormValidator forms,
      Catalog catalog,
      CaseProgress progress) {
    this.store = store;
    this.engine = engine;
    this.workflows = workflows;
    this.calendar = calendar;
    this.applications = applications;
    this.events = events;
    this.audit = audit;
    this.forms = forms;
    this.catalog = catalog;
    this.progress = progress;
  }

  /**
   * The citizen answers the open correction request(s): a letter from the citizen, the corrected
   * form (validated against the card's form schema) and documents; the waiting steps resume with
   * their officers, their SLA clocks restarted.
   */
  public Letter answerCorrection(
      Caller caller, String applicationId, String message, JsonNode form, JsonNode documents) {
    Application app = Officers.ownApplication(applications, caller, applicationId);
    String text = CaseInputs.required(message, "message");
    ArrayNode docs = CaseInputs.documents(documents);
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
            throw CaseRefusals.closed(c);
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
          Instant now = progress.now();
          JsonNode merged = null;
          if (form != null && form.isObject()) {
            JsonNode base = c.currentForm() != null ? c.currentForm() : app.body().path("form");
            merged = CaseInputs.merge(base, form);
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
              throw CaseRefusals.stale(task);
            }
            if (task.assignee() != null) {
              events.enqueue(
                  app.id(),
                  app.connector(),
                  WorkEvents.NOTIFY,
                  CaseProgress.notice(
                      task,
                      task.assignee(),
                      null,
                      "correction_answered",
                      "the citizen answered the correction request of case " + app.id()));
            } else {
              progress.notifyRole(
                  task, "task_available", "task " + task.stepId() + " is back in the queue");
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
          progress.recordProgress(
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
}
