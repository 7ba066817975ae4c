package org.saphan.hub.batch.export;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.saphan.catalog.Catalog;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.batch.BatchJobLauncher;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.security.KeysProperties;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningConfiguration;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batch agencies' exports (issue 18): the agencies, the queue and file rows, the exporter and
 * uploader the job runs (the job: {@link BatchExportJobConfiguration}), and its launcher. Files are
 * stored under {@code saphan.batch.export.storage} (default {@code <data dir>/batch-export}), one
 * folder per connector, at most {@code saphan.batch.export.max-lines} applications per file.
 */
@Configuration(proxyBeanMethods = false)
public class BatchExportConfiguration {

  @Bean
  BatchAgencies batchAgencies(
      Catalog catalog, SaphanProperties saphan, KeysProperties keys, Environment environment) {
    return new BatchAgencies(
        catalog,
        saphan.getHome(),
        SigningConfiguration.keysDir(keys, saphan),
        saphan.getSandbox().getSftpPort(),
        environment);
  }

  @Bean
  ExportStore exportStore(JdbcClient jdbc) {
    return new ExportStore(jdbc);
  }

  @Bean
  BatchExporter batchExporter(
      ExportStore store,
      ApplicationStore applications,
      StatusRecorder statuses,
      Evidence evidence,
      Signing signing,
      FaultInjection faults,
      TransactionTemplate transactions,
      MeterRegistry meters,
      SaphanProperties saphan,
      @Value("${saphan.batch.export.storage:}") String storage,
      @Value("${saphan.batch.export.max-lines:5000}") int maxLines,
      Clock clock) {
    Path folder =
        storage.isBlank() ? saphan.getDataDir().resolve("batch-export") : Path.of(storage);
    return new BatchExporter(
        store,
        applications,
        statuses,
        evidence,
        agency ->
            (CmsSigner)
                signing.signer(
                    SigningPolicy.CMS,
                    agency.card().api().orElseThrow().signing().algorithm().orElse(null)),
        faults,
        transactions,
        meters,
        folder,
        maxLines,
        clock);
  }

  @Bean
  BatchUploader batchUploader(
      ExportStore store,
      ApplicationStore applications,
      StatusRecorder statuses,
      Evidence evidence,
      FaultInjection faults,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock) {
    return new BatchUploader(
        store, applications, statuses, evidence, faults, transactions, meters, clock);
  }

  @Bean
  BatchJobLauncher batchExportLauncher(
      JobLauncher jobLauncher,
      JobExplorer jobExplorer,
      JobRepository jobRepository,
      Job batchExportJob,
      Clock clock) {
    return new BatchJobLauncher(
        jobLauncher,
        jobExplorer,
        jobRepository,
        batchExportJob,
        BatchExportJobConfiguration.WRITE_STEP,
        ErrorCode.BATCH_EXPORT_FAILED,
        "Batch export",
        clock);
  }
}
