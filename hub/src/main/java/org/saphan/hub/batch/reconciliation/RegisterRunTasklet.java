package org.saphan.hub.batch.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * The first step: checks that the file is still the one the job instance is named after (its
 * SHA-256), and registers the run (or marks a restarted one running again).
 */
public class RegisterRunTasklet implements Tasklet {

  /** {@code BILLPAY_<billerId>_<yyyyMMdd>.txt}: the bank names the biller in the file name. */
  static final Pattern FILE_NAME = Pattern.compile("BILLPAY_([0-9]{15})_([0-9]{8})\\.txt");

  private final ReconciliationRuns runs;
  private final Path file;
  private final String sha256;
  private final String fileName;
  private final String source;

  public RegisterRunTasklet(
      ReconciliationRuns runs, Path file, String sha256, String fileName, String source) {
    this.runs = runs;
    this.file = file;
    this.sha256 = sha256;
    this.fileName = fileName;
    this.source = source;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    if (!Files.isRegularFile(file)) {
      throw SaphanException.validation(
          ErrorCode.SETTLEMENT_FILE_NOT_FOUND, "settlement file " + fileName + " is gone");
    }
    String actual = sha256(file);
    if (!actual.equals(sha256)) {
      throw SaphanException.system(
          ErrorCode.RECONCILIATION_FAILED,
          "settlement file " + fileName + " changed: its SHA-256 is no longer the run's",
          null);
    }
    Matcher name = FILE_NAME.matcher(fileName);
    var stepExecution = chunkContext.getStepContext().getStepExecution();
    runs.register(
        stepExecution.getJobExecution().getJobInstance().getInstanceId(),
        sha256,
        fileName,
        source,
        name.matches() ? name.group(1) : null,
        stepExecution.getJobExecution().getId());
    return RepeatStatus.FINISHED;
  }

  /** SHA-256 of a file, streamed. */
  public static String sha256(Path file) {
    try {
      return Digests.sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.getFileName(), e);
    }
  }
}
