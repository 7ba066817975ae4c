package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.hub.backoffice.CaseEngine;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.backoffice.CaseViews;
import org.saphan.hub.backoffice.Licences;
import org.saphan.hub.backoffice.Notifications;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The officers' back office (model 4), for people authenticated by Digital ID whose agency role
 * assignments allow it: the task queue with SLA due dates, claim / release, the case with its
 * application (consent-gated), correction requests, approve / reject with a reason, the fee, and
 * completion; notifications. Every action is audited; an officer sees only their agency's work (the
 * agency admins' part is {@link BackOfficeAgencyController}).
 *
 * <p>Actions on a task take the {@code version} the officer last read (optimistic locking): a stale
 * one is refused with {@code stale_update}.
 */
@RestController
@RequestMapping(path = "/backoffice/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Back office: tasks and cases",
    description =
        "Agency officers work model-4 cases here with their Digital ID token and the agency"
            + " roles their agency admin assigned (agency_officer, plus a step role such as"
            + " document_checker). A task is one step of a case: claim it, then approve, reject,"
            + " complete, ask the citizen for a correction or set the fee; each action takes the"
            + " task `version` last read and answers the task as it now is. An officer sees only"
            + " their agencies' work: another agency's task or case answers like a missing one."
            + " Every action, refusals included, is in the agency's audit trail.")
public class BackOfficeController {

  private static final String TASK = "The task's id, as the queue gives it.";

  private final CaseViews views;
  private final CaseEngine cases;
  private final Licences licences;

  public BackOfficeController(CaseViews views, CaseEngine cases, Licences licences) {
    this.views = views;
    this.cases = cases;
    this.licences = licences;
  }

  @GetMapping("/tasks")
  @Operation(
      operationId = "listTasks",
      summary = "The task queue",
      description =
          "Tasks of the officer's agencies, soonest due first, each with its step, role, state,"
              + " assignee (masked), `mayWork` (the officer holds the step's role), the SLA"
              + " (`on_time`, `due_today`, `overdue`, `paused` while the citizen is asked,"
              + " `met`, `late`) and the `version` to send with an action.")
  @ApiErrors({ErrorCode.AGENCY_ROLE_REQUIRED, ErrorCode.VALIDATION_FAILED})
  List<Map<String, Object>> queue(
      @Parameter(description = "One agency the officer works for; default all of them.")
          @RequestParam(name = "agency", required = false)
          String agency,
      @Parameter(
              description =
                  "Comma-separated states: open, claimed, awaiting_correction,"
                      + " awaiting_payment, done, cancelled; default the first four.",
              example = "open,claimed")
          @RequestParam(name = "state", required = false)
          String state,
      @Parameter(description = "One service's connector.", example = "dsd-competency-certificate")
          @RequestParam(name = "connector", required = false)
          String connector,
      @Parameter(description = "One step id.", example = "intake_review")
          @RequestParam(name = "step", required = false)
          String step,
      @Parameter(
              description = "Claimed by the caller, or by nobody.",
              schema = @Schema(allowableValues = {"me", "unassigned"}))
          @RequestParam(name = "assignee", required = false)
          String assignee,
      @Parameter(description = "Only steps whose role the officer holds.")
          @RequestParam(name = "mine", defaultValue = "false")
          boolean mine,
      @Parameter(description = "Only tasks past their due date (not those paused).")
          @RequestParam(name = "overdue", defaultValue = "false")
          boolean overdue,
      @Parameter(description = "Page size, 1 to 500.")
          @RequestParam(name = "limit", defaultValue = "50")
          int limit,
      @Parameter(description = "Page start, at least 0.")
          @RequestParam(name = "offset", defaultValue = "0")
          int offset,
      Caller caller) {
    List<String> states =
        state == null ? null : Arrays.stream(state.split(",")).map(String::strip).toList();
    return views.queue(
        caller,
        new CaseViews.QueueQuery(
            agency, states, connector, step, assignee, mine, overdue, limit, offset));
  }

  @GetMapping("/tasks/{taskId}")
  @Operation(
      operationId = "getTask",
      summary = "A task",
      description = "As in the queue; a task waiting for a payment that arrived moves on first.")
  @ApiErrors({
    ErrorCode.AGENCY_ROLE_REQUIRED,
    ErrorCode.TASK_NOT_FOUND,
    ErrorCode.VALIDATION_FAILED
  })
  Map<String, Object> task(
      @Parameter(description = TASK) @PathVariable("taskId") UUID taskId, Caller caller) {
    return views.task(caller, taskId);
  }

  @PostMapping("/tasks/{taskId}/claim")
  @Operation(
      operationId = "claimTask",
      summary = "Claim a task",
      description =
          "Takes an open task for the caller, who must hold its step's role; claiming one's own"
              + " claimed task again answers it unchanged (safe to retry). The first claim of a"
              + " case puts `in_review` on the citizen's timeline. The body and its version are"
              + " optional.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = false,
      content = @Content(schema = @Schema(implementation = BackOfficeBodies.TaskClaim.class)))
  @ApiErrors({
    ErrorCode.AGENCY_ROLE_REQUIRED,
    ErrorCode.TASK_NOT_FOUND,
    ErrorCode.STEP_ROLE_REQUIRED,
    ErrorCode.STALE_UPDATE,
    ErrorCode.TASK_ALREADY_CLAIMED,
    ErrorCode.TASK_NOT_ACTIONABLE,
    ErrorCode.VALIDATION_FAILED
  })
  Map<String, Object> claim(
      @Parameter(description = TASK) @PathVariable("taskId") UUID taskId,
      @RequestBody(required = false) JsonNode body,
      Caller caller) {
    JsonNode version = body == null ? null : body.path("version");
    Integer expected = version != null && version.isIntegralNumber() ? version.asInt() : null;
    return view(caller, cases.claim(caller, taskId, expected));
  }

  @PostMapping(path = "/tasks/{taskId}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "releaseTask",
      summary = "Give a claimed task back to the queue",
      description =
          "By the officer who claimed it, or by an agency admin for an officer who is away;"
              + " the step's role is told the task is available again.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = BackOfficeBodies.TaskRelease.class)))
  @ApiErrors({
    ErrorCode.AGENCY_ROLE_REQUIRED,
    ErrorCode.TASK_NOT_FOUND,
    ErrorCode.STEP_ROLE_REQUIRED,
    ErrorCode.STALE_UPDATE,
    ErrorCode.TASK_NOT_ACTIONABLE,
    ErrorCode.TASK_NOT_CLAIMED,
    ErrorCode.VALIDATION_FAILED
  })
  Map<String, Object> release(
      @Parameter(description = TASK) @PathVariable("taskId") UUID taskId,
      @RequestBody JsonNode body,
      Caller caller) {
    return view(caller, cases.release(caller, taskId, version(body)));
  }

  /**
   * The refusals of an officer's decision on a claimed task (approve, reject, complete, request a
   * correction): one list, which the API description reads through this meta-annotation.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiErrors({
    ErrorCode.AGENCY_ROLE_REQUIRED,
    ErrorCode.TASK_NOT_FOUND,
    ErrorCode.STEP_ROLE_REQUIRED,
    ErrorCode.STALE_UPDATE,
    ErrorCode.CASE_CLOSED,
    ErrorCode.TASK_NOT_CLAIMED,
    ErrorCode.TASK_NOT_ACTIONABLE,
    ErrorCode.OUTCOME_NOT_ALLOWED,
    ErrorCode.VALIDATION_FAILED
  })
  @interface TaskDecisionErrors {}

  @PostMapping(path = "/tasks/{taskId}/approve", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "approveTask",
      summary = "Approve a claimed task",
      description =
          "The step is done with `approved` on the citizen's timeline; when its stage is done"
              + " the next stage's tasks open (parallel steps each need their officer).")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = BackOfficeBodies.TaskDecision.class)))
  @TaskDecisionErrors
  Map<String, Object> approve(
      @Parameter(description = TASK) @PathVariable("taskId") UUID taskId,
      @RequestBody JsonNode body,
      Caller caller) {
    return view(caller, cases.approve(caller, taskId, version(body), text(body, "reason")));
  }

  @PostMapping(path = "/tasks/{taskId}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "rejectTask",
      summary = "Reject the application at this step",
      description =
          "Closes the case as rejected with the reason, which the citizen sees; the case's"
              + " other active tasks are cancelled.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = BackOfficeBodies.TaskRejection.class)))
  @TaskDecisionErrors
  Map<String, Object> reject(
      @Parameter(description = TASK) @PathVariable("taskId") UUID taskId,
      @RequestBody JsonNode body,
      Caller caller) {
    return view(caller, cases.reject(caller, taskId, version(body), text(body, "reason")));
  }

  @PostMapping(path = "/tasks/{taskId}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "completeTask",
      summary = "Complete a claimed task",
      description =
          "For steps that allow `completed`: on the last stage the case completes and, where"
              + " the card says so, the hub issues the signed licence.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = BackOfficeBodies.TaskDecision.class)))
  @TaskDecisionErrors
  Map<String, Object> complete(
      @Parameter(description = TASK) @PathVariable("taskId") UUID taskId,
      @RequestBody JsonNode body,
      Caller caller) {
    return view(caller, cases.complete(caller, taskId, version(body), text(body, "reason")));
  }

  @PostMapping(path = "/tasks/{taskId}/correction", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "requestCorrection",
      summary = "Ask the citizen to correct the application",
      description =
          "Sends the citizen a letter (their correspondence, and `correction_requested` on"
              + " the timeline); the task waits in `awaiting_correction`, its SLA paused, until"
              + " the citizen answers.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(schema = @Schema(implementation = BackOfficeBodies.CorrectionRequest.class)))
  @TaskDecisionErrors
  Map<String, Object> correction(
      @Parameter(description = TASK) @PathVariable("taskId") UUID taskId,
      @RequestBody JsonNode body,
      Caller caller) {
    return view(
        caller,
        cases.requestCorrection(
            caller,
            taskId,
            version(body),
            text(body, "message"),
            body.get("fields"),
            body.get("documents")));
  }

  @PostMapping(path = "/tasks/{taskId}/fee", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "setTaskFee",
      summary = "Set the fee",
      description =
          "Opens the e-Payment flow: `payment_required` with the amount on the citizen's"
              + " timeline; the task waits in `awaiting_payment` and is done when the fee is paid.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = BackOfficeBodies.TaskFee.class)))
  @ApiErrors({
    ErrorCode.AGENCY_ROLE_REQUIRED,
    ErrorCode.TASK_NOT_FOUND,
    ErrorCode.STEP_ROLE_REQUIRED,
    ErrorCode.STALE_UPDATE,
    ErrorCode.CASE_CLOSED,
    ErrorCode.TASK_NOT_CLAIMED,
    ErrorCode.TASK_NOT_ACTIONABLE,
    ErrorCode.OUTCOME_NOT_ALLOWED,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.PAYMENT_AMOUNT_INVALID
  })
  Map<String, Object> fee(
      @Parameter(description = TASK) @PathVariable("taskId") UUID taskId,
      @RequestBody JsonNode body,
      Caller caller) {
    JsonNode amount = body.path("amount");
    return view(
        caller,
        cases.setFee(
            caller,
            taskId,
            version(body),
            amount.isTextual() || amount.isNumber() ? amount.asText() : null,
            text(body, "currency")));
  }

  @GetMapping("/cases/{applicationId}")
  @Operation(
      operationId = "getCase",
      summary = "A case with its application",
      description =
          "The applicant, the form as corrected (and the original), documents, pre-filled"
              + " data, fee, tasks, correspondence, timeline and, once issued, the licence. Reading"
              + " it is a use of the citizen's data: it needs the citizen's consent to share with"
              + " the agency (consent_required names the missing categories) and is audited.")
  @ApiErrors({ErrorCode.CASE_NOT_FOUND, ErrorCode.CONSENT_REQUIRED})
  Map<String, Object> caseView(
      @Parameter(description = "The hub's application id.", example = "APP-20261124-7KQ2M9XD")
          @PathVariable("applicationId")
          String applicationId,
      Caller caller) {
    Map<String, Object> view = views.caseView(caller, applicationId);
    licences
        .byApplication(applicationId)
        .ifPresent(
            l -> {
              Map<String, Object> licence = new LinkedHashMap<>(Licences.publicView(l));
              licence.putAll(licences.urls(l.id()));
              view.put("licence", licence);
            });
    return view;
  }

  @GetMapping("/notifications")
  @Operation(
      operationId = "listNotifications",
      summary = "The officer's notifications",
      description =
          "Newest first: those addressed to the officer and to a role they hold (a task"
              + " available, a correction answered, a payment received, an SLA escalation).")
  @ApiErrors({ErrorCode.AGENCY_ROLE_REQUIRED, ErrorCode.VALIDATION_FAILED})
  List<Notifications.Notification> notifications(
      @Parameter(description = "Only those not read yet.")
          @RequestParam(name = "unread", defaultValue = "false")
          boolean unread,
      @Parameter(description = "At most this many, 1 to 500.")
          @RequestParam(name = "limit", defaultValue = "50")
          int limit,
      Caller caller) {
    return views.notifications(caller, unread, limit);
  }

  @PostMapping("/notifications/{id}/read")
  @Operation(
      operationId = "markNotificationRead",
      summary = "Mark a notification read",
      description =
          "Only one addressed to the officer or a role they hold; any other answers not_found.")
  @ApiErrors({ErrorCode.AGENCY_ROLE_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> read(
      @Parameter(description = "The notification's id.", example = "31") @PathVariable("id")
          long id,
      Caller caller) {
    views.markRead(caller, id);
    return Map.of("id", id, "read", true);
  }

  private Map<String, Object> view(Caller caller, TaskRecord task) {
    return views.task(caller, task.id());
  }

  private static int version(JsonNode body) {
    JsonNode version = body == null ? null : body.get("version");
    if (version == null || !version.isIntegralNumber()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "version is required: the task version you last read (optimistic locking)");
    }
    return version.asInt();
  }

  static String text(JsonNode body, String name) {
    JsonNode value = body == null ? null : body.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
