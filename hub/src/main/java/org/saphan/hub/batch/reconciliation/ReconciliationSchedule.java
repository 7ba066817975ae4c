package org.saphan.hub.batch.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.saphan.catalog.JobSchedule;
import org.saphan.hub.error.SafeErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly reconciliation's run, fired by the job scheduler on the schedule of {@code
 * batch/schedules.yaml} ({@code jobs.reconciliation}: cron, zone, settlementDay), once per cluster:
 * the launcher holds the cluster lock, so every node may fire and only one works.
 */
public class ReconciliationSchedule {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

  private final Reconciliations reconciliations;
  private final ZoneId zone;
  private final int dayOffset;
  private final Clock clock;

  public ReconciliationSchedule(
      Reconciliations reconciliations, JobSchedule schedule, Clock clock) {
    this.reconciliations = reconciliations;
    this.zone = schedule.zone();
    // previous = yesterday: banks publish a day's file after midnight (the check allows no other).
    this.dayOffset = "same".equals(schedule.settings().get("settlementDay")) ? 0 : -1;
    this.clock = clock;
  }

  /** One scheduled run: the settlement day's files, and any run a crash left. */
  void nightly() {
    LocalDate day = LocalDate.now(clock.withZone(zone)).plusDays(dayOffset);
    try {
      reconciliations.day(day).forEach(outcome -> log.info("Reconciliation {}: {}", day, outcome));
    } catch (RuntimeException e) {
      log.error("Nightly reconciliation of {} failed: {}", day, SafeErrors.describe(e));
    }
  }
}
