package org.saphan.hub.batch.reconciliation;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.platform.FaultInjection;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly e-Payment reconciliation as a Spring Batch job, one job instance per settlement file
 * (job parameter {@code fileSha256}, identifying; {@code path}, {@code fileName} and {@code source}
 * are not):
 *
 * <ol>
 *   <li>{@code reconciliationRegisterStep}: the file is still the instance's (SHA-256); the run is
 *       registered;
 *   <li>{@code reconciliationLoadStep}: blocks of good detail lines COPY'd into {@code
 *       settlement_staging}; bad lines and file problems (trailer totals) skipped and recorded with
 *       their numbers, up to the skip limit; a restart deletes the run's own staging rows first;
 *   <li>{@code reconciliationMatchStep}: set-based SQL classification, one transaction;
 *   <li>{@code reconciliationReportStep}: CSV + JSON report, run completed.
 * </ol>
 *
 * Restartable: a failed or crashed run restarts at the step that did not complete, and reaches the
 * same result.
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationJobConfiguration {

  /** The job's name (and so the job repository's). */
  public static final String JOB_NAME = "reconciliationJob";

  /** Job parameter: the file's SHA-256 (identifying: one job instance per file). */
  public static final String FILE_SHA256 = "fileSha256";

  /** Job parameter: the file in the inbox. */
  public static final String PATH = "path";

  /** Job parameter: the file's name as delivered. */
  public static final String FILE_NAME = "fileName";

  /** Job parameter: sftp, drop or api. */
  public static final String SOURCE = "source";

  @Bean
  Job reconciliationJob(
      JobRepository jobRepository,
      Step reconciliationRegisterStep,
      Step reconciliationLoadStep,
      Step reconciliationMatchStep,
      Step reconciliationReportStep) {
    return new JobBuilder(JOB_NAME, jobRepository)
        .start(reconciliationRegisterStep)
        .next(reconciliationLoadStep)
        .next(reconciliationMatchStep)
        .next(reconciliationReportStep)
        .build();
  }

  @Bean
  Step reconciliationRegisterStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      RegisterRunTasklet registerRunTasklet) {
    return new StepBuilder("reconciliationRegisterStep", jobRepository)
        .tasklet(registerRunTasklet, transactionManager)
        .allowStartIfComplete(true)
        .build();
  }

  @Bean
  Step reconciliationLoadStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      SettlementLineReader settlementLineReader,
      StagingCopyWriter stagingCopyWriter,
      LoadStepListener loadStepListener,
      ReconciliationProperties properties) {
    return new StepBuilder("reconciliationLoadStep", jobRepository)
        // One item is a block of up to chunk-size lines (see SettlementLineReader): one COPY and
        // one commit per block.
        .<StagingBlock, StagingBlock>chunk(1, transactionManager)
        .reader(settlementLineReader)
        .writer(stagingCopyWriter)
        .faultTolerant()
        .skip(BadSettlementLineException.class)
        .skipLimit(properties.getSkipLimit())
        .listener((org.springframework.batch.core.StepExecutionListener) loadStepListener)
        .listener(
            (org.springframework.batch.core.SkipListener<StagingBlock, StagingBlock>)
                loadStepListener)
        .build();
  }

  @Bean
  Step reconciliationMatchStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      ReconciliationMatcher reconciliationMatcher) {
    return new StepBuilder("reconciliationMatchStep", jobRepository)
        .tasklet(reconciliationMatcher, transactionManager)
        .build();
  }

  @Bean
  Step reconciliationReportStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      ReconciliationReporter reconciliationReporter) {
    return new StepBuilder("reconciliationReportStep", jobRepository)
        .tasklet(reconciliationReporter, transactionManager)
        .build();
  }

  @Bean
  @StepScope
  RegisterRunTasklet registerRunTasklet(
      ReconciliationRuns runs,
      @Value("#{jobParameters['" + PATH + "']}") String path,
      @Value("#{jobParameters['" + FILE_SHA256 + "']}") String sha256,
      @Value("#{jobParameters['" + FILE_NAME + "']}") String fileName,
      @Value("#{jobParameters['" + SOURCE + "']}") String source) {
    return new RegisterRunTasklet(runs, Path.of(path), sha256, fileName, source);
  }

  @Bean
  @StepScope
  SettlementLineReader settlementLineReader(
      FixedWidthLayout settlementLayout,
      ReconciliationRuns runs,
      ReconciliationProperties properties,
      @Value("#{jobParameters['" + PATH + "']}") String path,
      @Value("#{stepExecution}") StepExecution stepExecution) {
    return new SettlementLineReader(
        Path.of(path), settlementLayout, runId(stepExecution), runs, properties.getChunkSize());
  }

  @Bean
  @StepScope
  StagingCopyWriter stagingCopyWriter(DataSource dataSource, FaultInjection faults) {
    return new StagingCopyWriter(dataSource, faults);
  }

  @Bean
  @StepScope
  LoadStepListener loadStepListener(
      ReconciliationRuns runs,
      StagingCopyWriter stagingCopyWriter,
      @Value("#{stepExecution}") StepExecution stepExecution) {
    return new LoadStepListener(runs, stagingCopyWriter, runId(stepExecution));
  }

  @Bean
  @StepScope
  ReconciliationMatcher reconciliationMatcher(
      JdbcClient jdbc,
      FaultInjection faults,
      @Value("#{stepExecution}") StepExecution stepExecution) {
    return new ReconciliationMatcher(jdbc, runId(stepExecution), faults);
  }

  @Bean
  @StepScope
  ReconciliationReporter reconciliationReporter(
      JdbcClient jdbc,
      ReconciliationRuns runs,
      ReconciliationPaths paths,
      Clock clock,
      @Value("#{stepExecution}") StepExecution stepExecution) {
    return new ReconciliationReporter(jdbc, runs, paths.reports(), runId(stepExecution), clock);
  }

  /** The run id: the job instance's id, the same across restarts of one file. */
  static long runId(StepExecution stepExecution) {
    return stepExecution.getJobExecution().getJobInstance().getInstanceId();
  }
}
