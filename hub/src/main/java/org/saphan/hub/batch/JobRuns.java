package org.saphan.hub.batch;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;

/** What the hub's restartable Spring Batch jobs share about their runs. */
public final class JobRuns {

  private JobRuns() {}

  /**
   * Marks an execution that nobody runs any more (its node died: the caller holds the job's cluster
   * lock) as failed, with its unfinished steps, so that Spring Batch restarts it.
   */
  public static void abandon(JobRepository jobRepository, JobExecution execution, Clock clock) {
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.systemDefault());
    ExitStatus abandoned =
        ExitStatus.FAILED.addExitDescription("abandoned: the node running it stopped");
    for (StepExecution step : execution.getStepExecutions()) {
      if (step.getStatus().isRunning()) {
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(abandoned);
        step.setEndTime(now);
        jobRepository.update(step);
      }
    }
    execution.setStatus(BatchStatus.FAILED);
    execution.setExitStatus(abandoned);
    execution.setEndTime(now);
    jobRepository.update(execution);
  }
}
