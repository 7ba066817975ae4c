package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.hub.backoffice.BackOfficeAudit;
import org.saphan.hub.backoffice.CaseEngine;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.backoffice.CaseViews;
import org.saphan.hub.backoffice.Licences;
import org.saphan.hub.backoffice.Notifications;
import org.saphan.hub.backoffice.Officers;
import org.saphan.hub.backoffice.RoleAdministration;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.sla.SlaMonitor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * completion; notifications and statistics; for agency admins, their agency's role assignments and
 * audit trail. Every action is audited; an officer sees only their agency's work.
 *
 * <p>Actions on a task take the {@code version} the officer last read (optimistic locking): a stale
 * one is refused with {@code stale_update}.
 */
@RestController
@RequestMapping(path = "/backoffice/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class BackOfficeController {

  private final CaseViews views;
  private final CaseEngine cases;
  private final RoleAdministration roles;
  private final SlaMonitor sla;
  private final BackOfficeAudit audit;
  private final Licences licences;
  private final Clock clock;

  public BackOfficeController(
      CaseViews views,
      CaseEngine cases,
      RoleAdministration roles,
      SlaMonitor sla,
      BackOfficeAudit audit,
      Licences licences,
      Clock clock) {
    this.views = views;
    this.cases = cases;
    this.roles = roles;
    this.sla = sla;
    this.audit = audit;
    this.licences = licences;
    this.clock = clock;
  }

  /**
   * The queue: tasks of the officer's agencies, soonest due first.
   *
   * @param state comma-separated task states; default the active ones
   * @param assignee {@code me} or {@code unassigned}
   * @param mine only steps whose role the officer holds
   * @param overdue only tasks past their due date
   */
  @GetMapping("/tasks")
  List<Map<String, Object>> queue(
      @RequestParam(name = "agency", required = false) String agency,
      @RequestParam(name = "state", required = false) String state,
      @RequestParam(name = "connector", required = false) String connector,
      @RequestParam(name = "step", required = false) String step,
      @RequestParam(name = "assignee", required = false) String assignee,
      @RequestParam(name = "mine", defaultValue = "false") boolean mine,
      @RequestParam(name = "overdue", defaultValue = "false") boolean overdue,
      @RequestParam(name = "limit", defaultValue = "50") int limit,
      @RequestParam(name = "offset", defaultValue = "0") int offset,
      Caller caller) {
    List<String> states =
        state == null ? null : Arrays.stream(state.split(",")).map(String::strip).toList();
    return views.queue(
        caller,
        new CaseViews.QueueQuery(
            agency, states, connector, step, assignee, mine, overdue, limit, offset));
  }

  @GetMapping("/tasks/{taskId}")
  Map<String, Object> task(@PathVariable("taskId") UUID taskId, Caller caller) {
    return views.task(caller, taskId);
  }

  /** Claims a task; {@code version} is optional here (a claim only succeeds on an open task). */
  @PostMapping("/tasks/{taskId}/claim")
  Map<String, Object> claim(
      @PathVariable("taskId") UUID taskId,
      @RequestBody(required = false) JsonNode body,
      Caller caller) {
    JsonNode version = body == null ? null : body.path("version");
    Integer expected = version != null && version.isIntegralNumber() ? version.asInt() : null;
    return view(caller, cases.claim(caller, taskId, expected));
  }

  @PostMapping(path = "/tasks/{taskId}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> release(
      @PathVariable("taskId") UUID taskId, @RequestBody JsonNode body, Caller caller) {
    return view(caller, cases.release(caller, taskId, version(body)));
  }

  @PostMapping(path = "/tasks/{taskId}/approve", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> approve(
      @PathVariable("taskId") UUID taskId, @RequestBody JsonNode body, Caller caller) {
    return view(caller, cases.approve(caller, taskId, version(body), text(body, "reason")));
  }

  @PostMapping(path = "/tasks/{taskId}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> reject(
      @PathVariable("taskId") UUID taskId, @RequestBody JsonNode body, Caller caller) {
    return view(caller, cases.reject(caller, taskId, version(body), text(body, "reason")));
  }

  @PostMapping(path = "/tasks/{taskId}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> complete(
      @PathVariable("taskId") UUID taskId, @RequestBody JsonNode body, Caller caller) {
    return view(caller, cases.complete(caller, taskId, version(body), text(body, "reason")));
  }

  /** Asks the citizen to correct the application: {@code {version, message, fields, documents}}. */
  @PostMapping(path = "/tasks/{taskId}/correction", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> correction(
      @PathVariable("taskId") UUID taskId, @RequestBody JsonNode body, Caller caller) {
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

  /** Sets the fee, opening the e-Payment flow: {@code {version, amount: "100.00", currency}}. */
  @PostMapping(path = "/tasks/{taskId}/fee", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> fee(
      @PathVariable("taskId") UUID taskId, @RequestBody JsonNode body, Caller caller) {
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

  /** A case with its application, tasks, correspondence and timeline (consent-gated, audited). */
  @GetMapping("/cases/{applicationId}")
  Map<String, Object> caseView(@PathVariable("applicationId") String applicationId, Caller caller) {
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
  List<Notifications.Notification> notifications(
      @RequestParam(name = "unread", defaultValue = "false") boolean unread,
      @RequestParam(name = "limit", defaultValue = "50") int limit,
      Caller caller) {
    return views.notifications(caller, unread, limit);
  }

  @PostMapping("/notifications/{id}/read")
  Map<String, Object> read(@PathVariable("id") long id, Caller caller) {
    views.markRead(caller, id);
    return Map.of("id", id, "read", true);
  }

  /** Statistics of the agency: received, completed, median time, breaches (default 30 days). */
  @GetMapping("/agencies/{agency}/statistics")
  Map<String, Object> statistics(
      @PathVariable("agency") String agency,
      @RequestParam(name = "from", required = false) Instant from,
      @RequestParam(name = "to", required = false) Instant to,
      Caller caller) {
    Officers.requireWorksFor(caller, agency);
    Instant end = to != null ? to : clock.instant();
    return sla.statistics(agency, from != null ? from : end.minus(Duration.ofDays(30)), end);
  }

  /** The agency's SLA breaches (officers and admins of the agency). */
  @GetMapping("/agencies/{agency}/breaches")
  List<SlaMonitor.Breach> breaches(
      @PathVariable("agency") String agency,
      @RequestParam(name = "open", defaultValue = "true") boolean open,
      @RequestParam(name = "limit", defaultValue = "100") int limit,
      Caller caller) {
    Officers.requireWorksFor(caller, agency);
    return sla.breaches(agency, null, open, limit);
  }

  @GetMapping("/agencies/{agency}/roles")
  Map<String, Object> roles(@PathVariable("agency") String agency, Caller caller) {
    return roles.list(caller, agency);
  }

  /** Assigns a role: {@code {citizenId, role}} (agency admins). */
  @PostMapping(path = "/agencies/{agency}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> assign(
      @PathVariable("agency") String agency, @RequestBody JsonNode body, Caller caller) {
    return roles.assign(caller, agency, text(body, "citizenId"), text(body, "role"));
  }

  @DeleteMapping("/agencies/{agency}/roles/{citizenId}/{role}")
  Map<String, Object> revoke(
      @PathVariable("agency") String agency,
      @PathVariable("citizenId") String citizenId,
      @PathVariable("role") String role,
      Caller caller) {
    return roles.revoke(caller, agency, citizenId, role);
  }

  /** The agency's audit trail (agency admins). */
  @GetMapping("/agencies/{agency}/audit")
  List<BackOfficeAudit.Entry> audit(
      @PathVariable("agency") String agency,
      @RequestParam(name = "applicationId", required = false) String applicationId,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "limit", defaultValue = "100") int limit,
      Caller caller) {
    Officers.requireAdmin(caller, agency);
    if (limit < 1 || limit > 1000) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 1000");
    }
    return audit.list(new BackOfficeAudit.Filter(agency, applicationId, action, limit));
  }

  /** Revokes a licence of the agency: {@code {reason}} (agency admins). */
  @PostMapping(path = "/licences/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> revokeLicence(
      @PathVariable("id") String id, @RequestBody JsonNode body, Caller caller) {
    return Licences.publicView(licences.revoke(caller, id, text(body, "reason")));
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

  private static String text(JsonNode body, String name) {
    JsonNode value = body == null ? null : body.get(name);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
