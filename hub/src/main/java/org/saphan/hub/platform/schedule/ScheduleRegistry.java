package org.saphan.hub.platform.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.saphan.catalog.Finding;
import org.saphan.catalog.JobSchedule;
import org.saphan.catalog.RecurringJob;
import org.saphan.catalog.ScheduleRules;
import org.saphan.hub.platform.StartupRefusedException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The schedules of {@code batch/schedules.yaml}, read at start-up through the same checks as {@code
 * ./saphan validate}; a job's hub property (such as {@code saphan.outbox.poll-interval}), when set,
 * replaces the file's fixed delay, so tests and drills keep their fast cadences.
 */
public class ScheduleRegistry {

  private final Map<RecurringJob, JobSchedule> schedules = new EnumMap<>(RecurringJob.class);

  /**
   * Reads {@code file}, shown in messages as {@code shown}.
   *
   * @throws StartupRefusedException listing every finding when the file is wrong
   */
  public ScheduleRegistry(Path file, Path shown, Environment environment) {
    ScheduleRules.Result result = ScheduleRules.read(file, shown);
    if (!result.valid()) {
      throw new StartupRefusedException(
          "the registry of recurring jobs is wrong:\n  "
              + result.findings().stream()
                  .map(Finding::toString)
                  .collect(Collectors.joining("\n  ")),
          "Fix "
              + shown
              + " (./saphan validate lists the same), or point saphan.schedules.file"
              + " at a good copy.");
    }
    Binder binder = Binder.get(environment);
    for (JobSchedule schedule : result.jobs()) {
      JobSchedule effective = schedule;
      if (schedule.fixedDelay() != null && schedule.job().property().isPresent()) {
        effective =
            binder
                .bind(schedule.job().property().get(), Duration.class)
                .map(schedule::withFixedDelay)
                .orElse(schedule);
      }
      schedules.put(schedule.job(), effective);
    }
  }

  /** The schedule of {@code job}. */
  public JobSchedule schedule(RecurringJob job) {
    return schedules.get(job);
  }

  /** Every job's schedule, in the order of {@link RecurringJob}. */
  public Collection<JobSchedule> all() {
    return schedules.values();
  }
}
