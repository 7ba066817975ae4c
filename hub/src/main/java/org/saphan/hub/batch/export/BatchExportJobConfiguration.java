package org.saphan.hub.batch.export;

import org.saphan.hub.batch.BatchJobLauncher;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.batch.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A batch agency's export run as a Spring Batch job, one job instance per connector and run
 * (identifying parameters {@code connector} and {@code run}, {@link BatchJobLauncher}):
 *
 * <ol>
 *   <li>{@code batchExportWriteStep}: the queued applications written as the next file, stored with
 *       its signature, encryption and manifest, then recorded ({@link BatchExporter});
 *   <li>{@code batchExportUploadStep}: every stored file of the connector not yet uploaded, as
 *       stored ({@link BatchUploader}).
 * </ol>
 *
 * Restartable: a run whose upload failed (or a crash left) restarts at the upload step, which sends
 * the stored file; the write step, completed, is not run again. The steps commit their own work in
 * transactions of their own (the tasklets' transaction manager is resourceless), so a failure
 * recorded on a file is kept when the step fails.
 */
@Configuration(proxyBeanMethods = false)
public class BatchExportJobConfiguration {

  /** The job's name (and so the job repository's). */
  public static final String JOB_NAME = "batchExportJob";

  /** The step whose write count is a run's applications written. */
  public static final String WRITE_STEP = "batchExportWriteStep";

  @Bean
  Job batchExportJob(
      JobRepository jobRepository,
      BatchAgencies agencies,
      BatchExporter exporter,
      BatchUploader uploader) {
    return job(jobRepository, agencies, exporter, uploader);
  }

  /** The job, built from its parts (the configuration's bean, and tests without a context). */
  public static Job job(
      JobRepository jobRepository,
      BatchAgencies agencies,
      BatchExporter exporter,
      BatchUploader uploader) {
    Step write =
        new StepBuilder(WRITE_STEP, jobRepository)
            .tasklet(
                (contribution, chunk) -> {
                  exporter
                      .export(agencies.get(connector(chunk)))
                      .ifPresent(file -> contribution.incrementWriteCount(file.recordCount()));
                  return RepeatStatus.FINISHED;
                },
                new ResourcelessTransactionManager())
            .build();
    Step upload =
        new StepBuilder("batchExportUploadStep", jobRepository)
            .tasklet(
                (contribution, chunk) -> {
                  String connector = connector(chunk);
                  contribution.incrementWriteCount(
                      uploader.upload(agencies.get(connector), exporter.folder(connector)).size());
                  return RepeatStatus.FINISHED;
                },
                new ResourcelessTransactionManager())
            .build();
    return new JobBuilder(JOB_NAME, jobRepository).start(write).next(upload).build();
  }

  private static String connector(ChunkContext chunk) {
    return (String) chunk.getStepContext().getJobParameters().get(BatchJobLauncher.CONNECTOR);
  }
}
