package org.saphan.hub.batch.results;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.batch.BatchJobLauncher;
import org.saphan.hub.batch.export.BatchAgencies;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.security.CmsVerifier;
import org.saphan.hub.security.PartyTrusts;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.status.AgencyStatusIntake;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.batch.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batch agencies' result files (issue 18): the import's rows, its steps and the job {@value
 * #JOB_NAME}, one instance per connector and run ({@link BatchJobLauncher}):
 *
 * <ol>
 *   <li>{@code batchImportFetchStep}: new result files fetched, checked whole and recorded ({@link
 *       ResultFetcher});
 *   <li>{@value #APPLY_STEP}: every accepted file's lines applied once ({@link ResultApplier});
 *   <li>{@code batchImportWatchStep}: overdue results signalled ({@link ResultWatch}).
 * </ol>
 *
 * Restartable: a run that failed or a crash left restarts at the step that did not complete, which
 * goes on from what PostgreSQL holds. The steps commit their own work (the tasklets' transaction
 * manager is resourceless). Files are kept under {@code saphan.batch.import.storage} (default
 * {@code <data dir>/batch-import}), one folder per connector; a data or signature file larger than
 * {@code saphan.batch.import.max-file-size} bytes (default 64 MiB) is refused.
 */
@Configuration(proxyBeanMethods = false)
public class BatchImportConfiguration {

  /** The job's name. */
  public static final String JOB_NAME = "batchImportJob";

  /** The step whose write count is a run's lines recorded. */
  public static final String APPLY_STEP = "batchImportApplyStep";

  @Bean
  ImportStore importStore(JdbcClient jdbc) {
    return new ImportStore(jdbc);
  }

  @Bean
  ResultFetcher resultFetcher(
      ImportStore store,
      PartyTrusts trusts,
      Signing signing,
      Evidence evidence,
      TransactionTemplate transactions,
      MeterRegistry meters,
      SaphanProperties saphan,
      @Value("${saphan.batch.import.storage:}") String storage,
      @Value("${saphan.batch.import.max-file-size:67108864}") long maxFileSize,
      Clock clock) {
    Path folder =
        storage.isBlank() ? saphan.getDataDir().resolve("batch-import") : Path.of(storage);
    return new ResultFetcher(
        store,
        new ResultFileCheck(store, trusts, (CmsVerifier) signing.verifier(SigningPolicy.CMS)),
        evidence,
        transactions,
        meters,
        folder,
        maxFileSize,
        clock);
  }

  @Bean
  ResultApplier resultApplier(
      ImportStore store,
      ApplicationStore applications,
      AgencyStatusIntake intake,
      FaultInjection faults,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock) {
    return new ResultApplier(store, applications, intake, faults, transactions, meters, clock);
  }

  @Bean
  ResultWatch resultWatch(
      ImportStore store, TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
    return new ResultWatch(store, transactions, meters, clock);
  }

  @Bean
  Job batchImportJob(
      JobRepository jobRepository,
      BatchAgencies agencies,
      ResultFetcher fetcher,
      ResultApplier applier,
      ResultWatch watch) {
    return job(jobRepository, agencies, fetcher, applier, watch);
  }

  @Bean
  BatchJobLauncher batchImportLauncher(
      JobLauncher jobLauncher,
      JobExplorer jobExplorer,
      JobRepository jobRepository,
      Job batchImportJob,
      Clock clock) {
    return new BatchJobLauncher(
        jobLauncher,
        jobExplorer,
        jobRepository,
        batchImportJob,
        APPLY_STEP,
        ErrorCode.BATCH_IMPORT_FAILED,
        "Batch import",
        clock);
  }

  /** The job, built from its parts (the configuration's bean, and tests without a context). */
  public static Job job(
      JobRepository jobRepository,
      BatchAgencies agencies,
      ResultFetcher fetcher,
      ResultApplier applier,
      ResultWatch watch) {
    Step fetch =
        step(
            "batchImportFetchStep",
            jobRepository,
            (contribution, chunk) -> {
              contribution.incrementReadCount();
              fetcher.fetch(agencies.get(connector(chunk)));
              return RepeatStatus.FINISHED;
            });
    Step apply =
        step(
            APPLY_STEP,
            jobRepository,
            (contribution, chunk) -> {
              String connector = connector(chunk);
              contribution.incrementWriteCount(
                  applier.apply(agencies.get(connector), fetcher.folder(connector)));
              return RepeatStatus.FINISHED;
            });
    Step signal =
        step(
            "batchImportWatchStep",
            jobRepository,
            (contribution, chunk) -> {
              watch.watch(agencies.get(connector(chunk)));
              return RepeatStatus.FINISHED;
            });
    return new JobBuilder(JOB_NAME, jobRepository).start(fetch).next(apply).next(signal).build();
  }

  private static Step step(String name, JobRepository jobRepository, Tasklet tasklet) {
    return new StepBuilder(name, jobRepository)
        .tasklet(tasklet, new ResourcelessTransactionManager())
        .build();
  }

  private static String connector(ChunkContext chunk) {
    return (String) chunk.getStepContext().getJobParameters().get(BatchJobLauncher.CONNECTOR);
  }
}
