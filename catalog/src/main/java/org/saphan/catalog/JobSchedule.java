package org.saphan.catalog;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * One job's entry of {@code batch/schedules.yaml}, checked.
 *
 * @param job the job
 * @param description what it does, for operators
 * @param cron Spring's six-field cron, or null for a job run at a fixed delay or per connector
 * @param zone the zone the cron is read in; null without a cron
 * @param fixedDelay the pause between the end of one run and the start of the next; null for a cron
 *     job and a per-connector job (the card gives its cadence)
 * @param initialDelay the pause before the first run after start-up; null when it equals the fixed
 *     delay
 * @param scope cluster or node, as the file says (the check refuses one the hub does not run)
 * @param settings the job's own settings, such as the reconciliation's {@code settlementDay}
 */
public record JobSchedule(
    RecurringJob job,
    String description,
    String cron,
    ZoneId zone,
    Duration fixedDelay,
    Duration initialDelay,
    JobScope scope,
    Map<String, String> settings) {

  public JobSchedule {
    settings = Map.copyOf(settings);
  }

  /** This schedule with another fixed delay (a hub property overriding the file). */
  public JobSchedule withFixedDelay(Duration delay) {
    return new JobSchedule(job, description, cron, zone, delay, initialDelay, scope, settings);
  }

  /** The pause before the first run: the initial delay, else the fixed delay, else none. */
  public Duration firstDelay() {
    if (initialDelay != null) {
      return initialDelay;
    }
    return fixedDelay != null ? fixedDelay : Duration.ZERO;
  }
}
