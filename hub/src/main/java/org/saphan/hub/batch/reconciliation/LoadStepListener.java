package org.saphan.hub.batch.reconciliation;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.SkipListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;

/**
 * The load step's bookkeeping: before it runs, deletes what an earlier (crashed) attempt of this
 * run staged; records every skipped bad line with its number; afterwards records the counts.
 */
public class LoadStepListener
    implements StepExecutionListener, SkipListener<StagingBlock, StagingBlock> {

  private final ReconciliationRuns runs;
  private final StagingCopyWriter writer;
  private final long runId;

  public LoadStepListener(ReconciliationRuns runs, StagingCopyWriter writer, long runId) {
    this.runs = runs;
    this.writer = writer;
    this.runId = runId;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    runs.clearLoad(runId);
  }

  @Override
  public void onSkipInRead(Throwable t) {
    if (t instanceof BadSettlementLineException bad) {
      runs.recordBadLine(runId, bad.badLine());
    }
  }

  @Override
  public ExitStatus afterStep(StepExecution stepExecution) {
    if (stepExecution.getStatus().isUnsuccessful()) {
      return stepExecution.getExitStatus();
    }
    runs.recordLoad(runId, writer.staged(), writer.billers());
    return stepExecution.getExitStatus();
  }
}
