package org.saphan.hub.batch.export;

import java.time.Clock;
import java.util.List;
import org.saphan.hub.batch.JobRuns;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Launches a batch agency's export job; called from the card's route {@code
 * <connector>-batch-export} (job {@code batch-export} of {@code batch/schedules.yaml}, or an
 * operator's run-now), which holds the route's cluster lock. The connector's last run, when it did
 * not complete (a failed upload, or a crash left it STARTED: holding the lock proves nobody runs
 * it), is restarted instead of starting a new one, so its stored file is uploaded as stored.
 */
public class BatchExportLauncher {

  /**
   * One run's outcome.
   *
   * @param runId the job instance id
   * @param status completed or failed
   * @param restarted whether this run restarted an earlier one
   * @param written applications written into a new file
   * @param failure why it failed, or null
   */
  public record Launched(
      String connector,
      long runId,
      String status,
      boolean restarted,
      long written,
      String failure) {}

  private static final Logger log = LoggerFactory.getLogger(BatchExportLauncher.class);

  private final JobLauncher jobLauncher;
  private final JobExplorer jobExplorer;
  private final JobRepository jobRepository;
  private final Job job;
  private final Clock clock;

  public BatchExportLauncher(
      JobLauncher jobLauncher,
      JobExplorer jobExplorer,
      JobRepository jobRepository,
      Job job,
      Clock clock) {
    this.jobLauncher = jobLauncher;
    this.jobExplorer = jobExplorer;
    this.jobRepository = jobRepository;
    this.job = job;
    this.clock = clock;
  }

  /** Runs the connector's export now (restarting its unfinished run, if any). */
  public Launched run(String connector) {
    JobExecution unfinished = unfinished(connector);
    if (unfinished != null) {
      if (unfinished.getStatus().isRunning()) {
        abandon(unfinished);
      }
      log.warn(
          "Batch export of {}: run {} did not complete ({}); restarting it",
          connector,
          unfinished.getJobInstance().getInstanceId(),
          unfinished.getExitStatus().getExitDescription());
      return launch(connector, unfinished.getJobParameters(), true);
    }
    JobParameters parameters =
        new JobParametersBuilder()
            .addString(BatchExportJobConfiguration.CONNECTOR, connector, true)
            .addString(BatchExportJobConfiguration.RUN, clock.instant().toString(), true)
            .toJobParameters();
    return launch(connector, parameters, false);
  }

  /** The connector's latest run, when it did not complete. */
  private JobExecution unfinished(String connector) {
    List<JobInstance> instances =
        jobExplorer.getJobInstances(BatchExportJobConfiguration.JOB_NAME, 0, 100);
    for (JobInstance instance : instances) {
      JobExecution last = jobExplorer.getLastJobExecution(instance);
      if (last == null
          || !connector.equals(
              last.getJobParameters().getString(BatchExportJobConfiguration.CONNECTOR))) {
        continue;
      }
      return last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED
          ? null
          : jobExplorer.getJobExecution(last.getId());
    }
    return null;
  }

  private Launched launch(String connector, JobParameters parameters, boolean restarted) {
    JobExecution execution;
    try {
      execution = jobLauncher.run(job, parameters);
    } catch (JobExecutionException e) {
      throw SaphanException.system(
          ErrorCode.BATCH_EXPORT_FAILED,
          "batch export of " + connector + " could not start: " + e.getMessage(),
          e);
    }
    long runId = execution.getJobInstance().getInstanceId();
    long written =
        execution.getStepExecutions().stream()
            .filter(s -> s.getStepName().equals("batchExportWriteStep"))
            .mapToLong(StepExecution::getWriteCount)
            .sum();
    if (execution.getStatus() == BatchStatus.COMPLETED) {
      log.info("Batch export run {} of {} completed", runId, connector);
      return new Launched(connector, runId, "completed", restarted, written, null);
    }
    String failure =
        execution.getAllFailureExceptions().stream()
            .map(Throwable::getMessage)
            .findFirst()
            .orElse(execution.getExitStatus().getExitDescription());
    log.error("Batch export run {} of {} failed: {}", runId, connector, failure);
    return new Launched(connector, runId, "failed", restarted, written, failure);
  }

  private void abandon(JobExecution execution) {
    JobRuns.abandon(jobRepository, execution, clock);
  }
}
