package org.saphan.hub.batch.export;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.batch.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A batch agency's export run as a Spring Batch job, one job instance per connector and run
 * (identifying parameters {@code connector} and {@code run}):
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

  /** Job parameter: the connector (identifying). */
  public static final String CONNECTOR = "connector";

  /** Job parameter: the run, its start time or an operator's request (identifying). */
  public static final String RUN = "run";

  @Bean
  Job batchExportJob(
      JobRepository jobRepository, Step batchExportWriteStep, Step batchExportUploadStep) {
    return new JobBuilder(JOB_NAME, jobRepository)
        .start(batchExportWriteStep)
        .next(batchExportUploadStep)
        .build();
  }

  @Bean
  Step batchExportWriteStep(JobRepository jobRepository, Tasklet batchExportWriteTasklet) {
    return new StepBuilder("batchExportWriteStep", jobRepository)
        .tasklet(batchExportWriteTasklet, new ResourcelessTransactionManager())
        .build();
  }

  @Bean
  Step batchExportUploadStep(JobRepository jobRepository, Tasklet batchExportUploadTasklet) {
    return new StepBuilder("batchExportUploadStep", jobRepository)
        .tasklet(batchExportUploadTasklet, new ResourcelessTransactionManager())
        .build();
  }

  @Bean
  @StepScope
  Tasklet batchExportWriteTasklet(
      BatchAgencies agencies,
      BatchExporter exporter,
      @Value("#{jobParameters['" + CONNECTOR + "']}") String connector) {
    return (contribution, chunk) -> {
      exporter
          .export(agencies.get(connector))
          .ifPresent(file -> contribution.incrementWriteCount(file.recordCount()));
      return RepeatStatus.FINISHED;
    };
  }

  @Bean
  @StepScope
  Tasklet batchExportUploadTasklet(
      BatchAgencies agencies,
      BatchExporter exporter,
      BatchUploader uploader,
      @Value("#{jobParameters['" + CONNECTOR + "']}") String connector) {
    return (contribution, chunk) -> {
      int uploaded = uploader.upload(agencies.get(connector), exporter.folder(connector)).size();
      contribution.incrementWriteCount(uploaded);
      return RepeatStatus.FINISHED;
    };
  }
}
