package org.saphan.hub.batch.export;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.sftp.SftpConnection;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads a batch agency's stored files (the export job's second step), oldest first, exactly as
 * stored: each artefact is checked against the SHA-256 recorded with the file (a difference is
 * {@code batch_export_stored_changed}: never regenerated), then written with the hub's one SFTP
 * client (temporary name, renamed when complete; the same bytes already there count as done): the
 * data file, its {@code .p7s}, and the manifest last. One transaction then marks the file uploaded,
 * records it in the message log (exchange {@value #EXCHANGE}, out, the SHA-256 of the bytes
 * uploaded, the signature's key id) and its applications {@code delivered}.
 */
public class BatchUploader {

  /** The message log's exchange of a batch file. */
  public static final String EXCHANGE = "batch_file";

  private static final Logger log = LoggerFactory.getLogger(BatchUploader.class);

  private final ExportStore store;
  private final ApplicationStore applications;
  private final StatusRecorder statuses;
  private final Evidence evidence;
  private final FaultInjection faults;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Clock clock;

  public BatchUploader(
      ExportStore store,
      ApplicationStore applications,
      StatusRecorder statuses,
      Evidence evidence,
      FaultInjection faults,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock) {
    this.faults = faults;
    this.store = store;
    this.applications = applications;
    this.statuses = statuses;
    this.evidence = evidence;
    this.transactions = transactions;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Uploads every stored file of the agency; returns the names uploaded.
   *
   * @throws SaphanException {@code batch_export_stored_changed} when a stored artefact no longer
   *     has its recorded SHA-256; {@code batch_export_upload_failed} when the server cannot be
   *     reached or refuses a file (the file stays stored, with the error, for the next run)
   */
  public List<String> upload(BatchAgency agency, Path folder) {
    List<ExportStore.ExportFile> files = store.stored(agency.connector());
    List<String> uploaded = new ArrayList<>();
    if (files.isEmpty()) {
      return uploaded;
    }
    for (ExportStore.ExportFile file : files) {
      check(agency, folder, file);
    }
    String remoteDir = agency.sftp().settings().getRemoteDir();
    ExportStore.ExportFile current = files.get(0);
    try (SftpConnection sftp = agency.sftp().connect()) {
      for (ExportStore.ExportFile file : files) {
        current = file;
        int sent = 0;
        for (String name : artefacts(file)) {
          sftp.upload(folder.resolve(name), remoteDir, name);
          faults.reached(FaultInjection.Point.BATCH_EXPORT_UPLOAD, ++sent);
        }
        transactions.executeWithoutResult(tx -> recordUploaded(agency, file));
        meters
            .counter(
                "saphan.batch.export.files", "connector", agency.connector(), "outcome", "uploaded")
            .increment();
        log.info(
            "Batch export {} of {} uploaded to {}{} ({} applications)",
            file.uploadName(),
            agency.connector(),
            agency.sftp().address(),
            remoteDir,
            file.recordCount());
        uploaded.add(file.uploadName());
      }
    } catch (IOException | RuntimeException e) {
      String cause = e instanceof SaphanException s ? s.getMessage() : SafeErrors.describe(e);
      ExportStore.ExportFile failed = current;
      transactions.executeWithoutResult(tx -> store.markUploadFailed(failed.id(), cause));
      meters
          .counter("saphan.batch.export.upload.failures", "connector", agency.connector())
          .increment();
      log.error(
          "Batch export {} of {} not uploaded to {}: {}",
          failed.uploadName(),
          agency.connector(),
          agency.sftp().address(),
          cause);
      throw SaphanException.system(
          ErrorCode.BATCH_EXPORT_UPLOAD_FAILED,
          "file "
              + failed.uploadName()
              + " of "
              + agency.connector()
              + " not uploaded to "
              + agency.sftp().address()
              + ": "
              + cause,
          e);
    }
    return uploaded;
  }

  /** The names uploaded for a file, in order: the data, its signature, the manifest last. */
  static List<String> artefacts(ExportStore.ExportFile file) {
    return List.of(
        file.uploadName(),
        file.fileName() + org.saphan.hub.security.CmsSigner.P7S_SUFFIX,
        file.fileName() + BatchExporter.MANIFEST_SUFFIX);
  }

  private void check(BatchAgency agency, Path folder, ExportStore.ExportFile file) {
    Map<String, String> expected =
        Map.of(
            file.uploadName(),
            file.uploadSha256(),
            file.fileName() + org.saphan.hub.security.CmsSigner.P7S_SUFFIX,
            file.signatureSha256(),
            file.fileName() + BatchExporter.MANIFEST_SUFFIX,
            file.manifestSha256());
    for (Map.Entry<String, String> artefact : expected.entrySet()) {
      String actual;
      try {
        actual = Digests.sha256(folder.resolve(artefact.getKey()));
      } catch (IOException e) {
        actual = "missing (" + e.getClass().getSimpleName() + ")";
      }
      if (!actual.equals(artefact.getValue())) {
        log.error(
            "Batch export {} of {}: stored {} has SHA-256 {}, recorded {}; not uploaded",
            file.fileName(),
            agency.connector(),
            artefact.getKey(),
            actual,
            artefact.getValue());
        throw SaphanException.system(
            ErrorCode.BATCH_EXPORT_STORED_CHANGED,
            "stored "
                + artefact.getKey()
                + " of "
                + agency.connector()
                + " has SHA-256 "
                + actual
                + ", not the recorded "
                + artefact.getValue()
                + "; it is never regenerated",
            null);
      }
    }
  }

  private void recordUploaded(BatchAgency agency, ExportStore.ExportFile file) {
    Instant now = clock.instant();
    store.markUploaded(file.id(), now);
    evidence.record(
        Evidence.entry("batch_file")
            .card(agency.card())
            .exchange(EXCHANGE, "out")
            .message(file.fileName())
            .outcome("uploaded")
            .sha256(file.uploadSha256())
            .signature("cms:" + file.signatureSha256(), file.signatureKid())
            .detail(
                Map.of(
                    "file", file.uploadName(),
                    "sequence", file.sequence(),
                    "count", file.recordCount(),
                    "plainSha256", file.plainSha256(),
                    "manifestSha256", file.manifestSha256(),
                    "encrypted", file.encrypted())));
    for (Map<String, Object> line : store.lines(file.id())) {
      Application application = applications.get((String) line.get("application_id"));
      statuses.record(
          application,
          CanonicalStatus.DELIVERED,
          "hub",
          null,
          now,
          line.get("message_id") + ":delivered",
          "delivered to " + agency.card().agencyCode() + " in file " + file.uploadName(),
          null);
    }
  }
}
