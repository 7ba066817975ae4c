package org.saphan.hub.batch.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.saphan.catalog.common.Zones;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.platform.Json;
import org.saphan.hub.platform.StartupRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs the nightly reconciliation on the schedule of {@code batch/schedules.yaml} ({@code
 * jobs.reconciliation}: cron, zone, settlementDay), once per cluster: the launcher holds the
 * cluster lock, so every node may fire and only one works.
 */
public class ReconciliationSchedule implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

  /** One job's schedule. */
  public record Entry(String cron, ZoneId zone, int dayOffset) {}

  private final Reconciliations reconciliations;
  private final Entry entry;
  private final Clock clock;

  public ReconciliationSchedule(Reconciliations reconciliations, Path schedules, Clock clock) {
    this.reconciliations = reconciliations;
    this.entry = read(schedules);
    this.clock = clock;
  }

  /** The schedule read from the file. */
  public Entry entry() {
    return entry;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addTriggerTask(this::nightly, new CronTrigger(entry.cron(), entry.zone()));
    log.info("Reconciliation scheduled at '{}' ({})", entry.cron(), entry.zone());
  }

  /** One scheduled run: the settlement day's files, and any run a crash left. */
  void nightly() {
    LocalDate day = LocalDate.now(clock.withZone(entry.zone())).plusDays(entry.dayOffset());
    try {
      reconciliations.day(day).forEach(outcome -> log.info("Reconciliation {}: {}", day, outcome));
    } catch (RuntimeException e) {
      log.error("Nightly reconciliation of {} failed: {}", day, SafeErrors.describe(e));
    }
  }

  /**
   * Reads {@code jobs.reconciliation} of the schedules file.
   *
   * @throws StartupRefusedException when it is missing or wrong
   */
  static Entry read(Path file) {
    JsonNode job;
    try {
      job = Json.yaml().readTree(Files.readString(file)).path("jobs").path("reconciliation");
    } catch (IOException e) {
      throw new StartupRefusedException(
          "cannot read the job schedules " + file + ": " + e.getMessage(),
          "Restore batch/schedules.yaml or point saphan.reconciliation.schedules at it.");
    }
    String cron = job.path("cron").asText(null);
    String zone = job.path("zone").asText(Zones.BANGKOK.getId());
    String day = job.path("settlementDay").asText("previous");
    try {
      CronTrigger check = new CronTrigger(cron == null ? "" : cron, ZoneId.of(zone));
      log.debug("schedule {}", check.getExpression());
    } catch (RuntimeException e) {
      throw new StartupRefusedException(
          file + ": jobs.reconciliation: cron '" + cron + "' or zone '" + zone + "' is invalid",
          "Write a six-field Spring cron and a zone id, e.g. \"0 30 2 * * *\" and "
              + Zones.BANGKOK.getId()
              + ".");
    }
    int offset =
        switch (day) {
          case "previous" -> -1;
          case "same" -> 0;
          default ->
              throw new StartupRefusedException(
                  file + ": jobs.reconciliation.settlementDay must be previous or same",
                  "Banks publish a day's file after midnight: use previous.");
        };
    return new Entry(cron, ZoneId.of(zone), offset);
  }
}
