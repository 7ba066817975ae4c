package org.saphan.hub.batch.reconciliation;

import java.time.Clock;
import java.time.Duration;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.schedule.JobScheduler;
import org.saphan.hub.platform.schedule.ScheduleRegistry;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciliation's runs, sources, launcher and schedule (the job: {@link
 * ReconciliationJobConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationConfiguration.class);

  @Bean
  FixedWidthLayout settlementLayout(SaphanProperties saphan, ReconciliationProperties properties) {
    return FixedWidthLayout.load(saphan.getHome().resolve(properties.getLayout()));
  }

  @Bean
  ReconciliationPaths reconciliationPaths(SaphanProperties saphan) {
    return ReconciliationPaths.under(saphan.getDataDir());
  }

  @Bean
  ReconciliationRuns reconciliationRuns(JdbcClient jdbc, Clock clock) {
    return new ReconciliationRuns(jdbc, clock);
  }

  @Bean
  SettlementSources settlementSources(
      ReconciliationProperties properties, Environment environment, ReconciliationPaths paths) {
    return new SettlementSources(properties, environment, paths.inbox().resolveSibling("work"));
  }

  @Bean
  ReconciliationLauncher reconciliationLauncher(
      JobLauncher jobLauncher,
      JobExplorer jobExplorer,
      JobRepository jobRepository,
      Job reconciliationJob,
      ReconciliationRuns runs,
      ClusterLock lock,
      ReconciliationPaths paths,
      Clock clock) {
    return new ReconciliationLauncher(
        jobLauncher, jobExplorer, jobRepository, reconciliationJob, runs, lock, paths, clock);
  }

  @Bean
  Reconciliations reconciliations(
      ReconciliationLauncher launcher, SettlementSources sources, Catalog catalog) {
    return new Reconciliations(launcher, sources, catalog);
  }

  /**
   * The nightly run of {@code jobs.reconciliation}; the launcher takes the cluster lock
   * (reconciliation) itself, shared with operators' runs.
   */
  @Bean
  ScheduledWork reconciliationWork(
      Reconciliations reconciliations, ScheduleRegistry jobs, Clock clock) {
    ReconciliationSchedule nightly =
        new ReconciliationSchedule(
            reconciliations, jobs.schedule(RecurringJob.RECONCILIATION), clock);
    return ScheduledWork.locksItself(RecurringJob.RECONCILIATION, nightly::nightly);
  }

  /** Restarts, shortly after start-up, any run a crash left STARTED (once per cluster). */
  @Configuration(proxyBeanMethods = false)
  static class StartupRecovery {
    private final ReconciliationLauncher launcher;
    private final JobScheduler scheduler;
    private final Duration delay;

    StartupRecovery(
        ReconciliationLauncher launcher,
        JobScheduler scheduler,
        @Value("${saphan.reconciliation.recover-delay:60s}") Duration delay) {
      this.launcher = launcher;
      this.scheduler = scheduler;
      this.delay = delay;
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleRecovery() {
      scheduler.once(
          delay,
          () -> {
            try {
              launcher.recoverAbandoned();
            } catch (RuntimeException e) {
              log.warn("Reconciliation recovery at start-up skipped: {}", SafeErrors.describe(e));
            }
          });
    }
  }
}
