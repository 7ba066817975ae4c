package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.backoffice.CaseStore.CaseRecord;
import org.saphan.hub.backoffice.CaseStore.TaskRecord;
import org.saphan.hub.backoffice.WorkflowEngine.Transition;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fee step of a back-office case: the e-Payment side records {@code paid} on the timeline and
 * calls {@link #onApplicationPaid}; a scheduled scan ({@link #syncPayments}) and every officer
 * action on the case ({@link CaseEngine}) check the timeline as well, so a missed call only delays
 * the case.
 */
public class CaseFees {

  private static final Logger log = LoggerFactory.getLogger(CaseFees.class);

  private final CaseStore store;
  private final WorkflowEngine engine;
  private final Workflows workflows;
  private final ApplicationStore applications;
  private final StatusRecorder statuses;
  private final WorkEvents events;
  private final BackOfficeAudit audit;
  private final TransactionTemplate transactions;
  private final CaseProgress progress;

  CaseFees(
      CaseStore store,
      WorkflowEngine engine,
      Workflows workflows,
      ApplicationStore applications,
      StatusRecorder statuses,
      WorkEvents events,
      BackOfficeAudit audit,
      TransactionTemplate transactions,
      CaseProgress progress) {
    this.store = store;
    this.engine = engine;
    this.workflows = workflows;
    this.applications = applications;
    this.statuses = statuses;
    this.events = events;
    this.audit = audit;
    this.transactions = transactions;
    this.progress = progress;
  }

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

  boolean settlePayment(CaseRecord c) {
    if (c.state() != CaseState.OPEN
        || !"required".equals(c.feeState())
        || !progress.paidOnTimeline(c.applicationId())) {
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
            CaseProgress.notice(
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
    Instant now = progress.now();
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
      throw CaseRefusals.stale(task);
    }
    Application app = applications.get(c.applicationId());
    ObjectNode detail = CaseProgress.stepDetail(step, Outcome.PAID, null);
    String tag = "bo:" + task.id() + ":paid";
    if (t.caseState() == CaseState.COMPLETED) {
      progress.closeCompleted(c, workflow, app, step, detail, "hub", tag, now);
    } else if (t.nextStage() != null) {
      List<TaskRecord> next = progress.activateStage(c, workflow, t.nextStage(), now);
      statuses.record(
          app,
          CanonicalStatus.IN_REVIEW,
          "hub",
          null,
          CaseProgress.after(app, now),
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
}
