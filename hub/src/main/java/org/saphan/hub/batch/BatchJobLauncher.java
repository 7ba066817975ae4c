package org.saphan.hub.batch;

import java.time.Clock;
import java.util.List;
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
 * Launches a batch agency's Spring Batch job (the export, {@code batchExportJob}, or the result
 * import, {@code batchImportJob}); called from the card's route ({@code <connector>-batch-export},
 * {@code <connector>-batch-import}: the job of {@code batch/schedules.yaml}, or an operator's
 * run-now), which holds the route's cluster lock. The connector's last run of the job, when it did
 * not complete (a failure, or a crash left it STARTED: holding the lock proves nobody runs it), is
 * restarted instead of starting a new one, so it goes on from the step that did not complete (the
 * export's stored file uploaded as stored; the import's lines applied after the last recorded).
 * Each job instance is identified by the parameters {@value #CONNECTOR} and {@value #RUN}.
 */
public class BatchJobLauncher {

  /** Job parameter: the connector (identifying). */
  public static final String CONNECTOR = "connector";

  /** Job parameter: the run, its start time or an operator's request (identifying). */
  public static final String RUN = "run";

  /**
   * One run's outcome.
   *
   * @param runId the job instance id
   * @param status completed or failed
   * @param restarted whether this run restarted an earlier one
   * @param written what the job's counted step wrote (the export: applications written into a new
   *     file; the import: result lines recorded)
   * @param failure why it failed, or null
   */
  public record Launched(
      String connector,
      long runId,
      String status,
      boolean restarted,
      long written,
      String failure) {}

  private static final Logger log = LoggerFactory.getLogger(BatchJobLauncher.class);

  private final JobLauncher jobLauncher;
  private final JobExplorer jobExplorer;
  private final JobRepository jobRepository;
  private final Job job;
  private final String countedStep;
  private final ErrorCode failure;
  private final String what;
  private final Clock clock;

  /**
   * @param countedStep the step whose write count is the run's {@code written}
   * @param failure the error when the job cannot start
   * @param what the job in words, for logs ("Batch export")
   */
  public BatchJobLauncher(
      JobLauncher jobLauncher,
      JobExplorer jobExplorer,
      JobRepository jobRepository,
      Job job,
      String countedStep,
      ErrorCode failure,
      String what,
      Clock clock) {
    this.jobLauncher = jobLauncher;
    this.jobExplorer = jobExplorer;
    this.jobRepository = jobRepository;
    this.job = job;
    this.countedStep = countedStep;
    this.failure = failure;
    this.what = what;
    this.clock = clock;
  }

  /** Runs the connector's job now (restarting its unfinished run, if any). */
  public Launched run(String connector) {
    JobExecution unfinished = unfinished(connector);
    if (unfinished != null) {
      if (unfinished.getStatus().isRunning()) {
        abandon(unfinished);
      }
      log.warn(
          "{} of {}: run {} did not complete ({}); restarting it",
          what,
          connector,
          unfinished.getJobInstance().getInstanceId(),
          unfinished.getExitStatus().getExitDescription());
      return launch(connector, unfinished.getJobParameters(), true);
    }
    JobParameters parameters =
        new JobParametersBuilder()
            .addString(CONNECTOR, connector, true)
            .addString(RUN, clock.instant().toString(), true)
            .toJobParameters();
    return launch(connector, parameters, false);
  }

  /** The connector's latest run, when it did not complete. */
  private JobExecution unfinished(String connector) {
    List<JobInstance> instances = jobExplorer.getJobInstances(job.getName(), 0, 100);
    for (JobInstance instance : instances) {
      JobExecution last = jobExplorer.getLastJobExecution(instance);
      if (last == null || !connector.equals(last.getJobParameters().getString(CONNECTOR))) {
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
          failure, what + " of " + connector + " could not start: " + e.getMessage(), e);
    }
    long runId = execution.getJobInstance().getInstanceId();
    long written =
        execution.getStepExecutions().stream()
            .filter(s -> s.getStepName().equals(countedStep))
            .mapToLong(StepExecution::getWriteCount)
            .sum();
    if (execution.getStatus() == BatchStatus.COMPLETED) {
      log.info("{} run {} of {} completed", what, runId, connector);
      return new Launched(connector, runId, "completed", restarted, written, null);
    }
    String cause =
        execution.getAllFailureExceptions().stream()
            .map(Throwable::getMessage)
            .findFirst()
            .orElse(execution.getExitStatus().getExitDescription());
    log.error("{} run {} of {} failed: {}", what, runId, connector, cause);
    return new Launched(connector, runId, "failed", restarted, written, cause);
  }

  private void abandon(JobExecution execution) {
    JobRuns.abandon(jobRepository, execution, clock);
  }
}
