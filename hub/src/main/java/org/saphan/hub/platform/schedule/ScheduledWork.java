package org.saphan.hub.platform.schedule;

import org.saphan.catalog.JobScope;
import org.saphan.catalog.RecurringJob;

/**
 * A recurring job's work, declared as a bean next to the code it runs; the {@link JobScheduler}
 * fires it on the job's schedule of {@code batch/schedules.yaml}.
 *
 * @param job which job of the registry this is
 * @param guard how the job runs once per cluster (or that it runs on every node)
 * @param work one run
 */
public record ScheduledWork(RecurringJob job, Guard guard, Runnable work) {

  /** How a job keeps to its scope. */
  public enum Guard {
    /**
     * The scheduler runs the work under the cluster lock named after the job (a PostgreSQL advisory
     * lock; each run recorded in {@code scheduled_run}).
     */
    LOCK,
    /**
     * The work takes the cluster lock named after the job itself: it shares the lock with
     * operators' runs, or skips it when it has nothing to do. Runs are recorded in {@code
     * scheduled_run}.
     */
    OWN_LOCK,
    /**
     * The work does something only on the node leading the job ({@code ClusterLeadership}): no lock
     * round-trip and no row per run, for sub-second jobs; the last run is kept in memory.
     */
    LEADER,
    /** The work runs on every node, for the node's own state; the last run is kept in memory. */
    NONE;

    /** Whether each run leaves a row in {@code scheduled_run}. */
    public boolean recorded() {
      return this == LOCK || this == OWN_LOCK;
    }
  }

  public ScheduledWork {
    if (job.perConnector()) {
      throw new IllegalArgumentException(
          job.jobName() + " runs once per connector: its routes are scheduled by the instantiator");
    }
    if ((guard == Guard.NONE) != (job.scope() == JobScope.NODE)) {
      throw new IllegalArgumentException(
          job.jobName() + " runs " + job.scope().text() + "-wide, not with guard " + guard);
    }
  }

  /** Work the scheduler runs under the job's cluster lock. */
  public static ScheduledWork locked(RecurringJob job, Runnable work) {
    return new ScheduledWork(job, Guard.LOCK, work);
  }

  /** Work that takes the job's cluster lock itself. */
  public static ScheduledWork locksItself(RecurringJob job, Runnable work) {
    return new ScheduledWork(job, Guard.OWN_LOCK, work);
  }

  /** Work that does something on the job's leader only. */
  public static ScheduledWork onLeader(RecurringJob job, Runnable work) {
    return new ScheduledWork(job, Guard.LEADER, work);
  }

  /** Work every node runs. */
  public static ScheduledWork onEveryNode(RecurringJob job, Runnable work) {
    return new ScheduledWork(job, Guard.NONE, work);
  }
}
