package org.saphan.hub.backoffice;

import java.util.Map;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.sla.BreachEscalation;
import org.saphan.hub.sla.SlaMonitor.Breach;

/**
 * The back office's side of an SLA breach: a step's breach goes to the model-4 route as work; the
 * escalation notifies the agency's admins and the step's officer, and is audited.
 */
class SlaEscalations implements BreachEscalation {

  private final WorkEvents events;
  private final Notifications notifications;
  private final CaseStore store;
  private final BackOfficeAudit audit;

  SlaEscalations(
      WorkEvents events, Notifications notifications, CaseStore store, BackOfficeAudit audit) {
    this.events = events;
    this.notifications = notifications;
    this.store = store;
    this.audit = audit;
  }

  @Override
  public void queue(Breach breach) {
    events.enqueue(
        breach.applicationId(),
        breach.connector(),
        WorkEvents.ESCALATION,
        Map.of("breachId", breach.id()));
  }

  @Override
  public void notify(Breach breach, String message) {
    notifications.add(
        breach.agency(),
        null,
        Caller.AGENCY_ADMIN,
        "sla_breached",
        breach.applicationId(),
        breach.taskId(),
        message);
    if (breach.taskId() != null) {
      store
          .findTask(breach.taskId())
          .map(TaskRecord::assignee)
          .ifPresent(
              assignee ->
                  notifications.add(
                      breach.agency(),
                      assignee,
                      null,
                      "sla_breached",
                      breach.applicationId(),
                      breach.taskId(),
                      message));
    }
    audit.system(
        new Subject(
            "system",
            "sla.escalate",
            breach.agency(),
            breach.applicationId(),
            breach.taskId(),
            null),
        Map.of("breachId", breach.id(), "kind", breach.kind(), "dueAt", breach.dueAt().toString()));
  }
}
