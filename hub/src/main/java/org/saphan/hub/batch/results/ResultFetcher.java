package org.saphan.hub.batch.results;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.settings.BatchSettings;
import org.saphan.hub.batch.export.BatchAgency;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.sftp.SftpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import job's first step: finds a batch agency's new result files (a manifest not recorded
 * yet; the manifest arrives last, so its file is complete), downloads each with its signature into
 * the hub's storage (sizes bounded), checks the whole file ({@link ResultFileCheck}) and records
 * it, accepted or refused whole with the reason, in one transaction with its message-log entry
 * ({@value #EXCHANGE}, in). A file answering an export after the card's {@code expectedWithin} is
 * accepted and flagged late. Nothing is changed on the agency's server.
 */
public class ResultFetcher {

  /** The message log's exchange of a batch file. */
  public static final String EXCHANGE = "batch_file";

  /** The largest manifest read. */
  static final long MAX_MANIFEST = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(ResultFetcher.class);

  private final ImportStore store;
  private final ResultFileCheck check;
  private final Evidence evidence;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Path storage;
  private final long maxFileSize;
  private final Clock clock;

  /**
   * @param storage where result files are kept, one folder per connector
   * @param maxFileSize the largest data or signature file read, in bytes
   */
  public ResultFetcher(
      ImportStore store,
      ResultFileCheck check,
      Evidence evidence,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Path storage,
      long maxFileSize,
      Clock clock) {
    this.store = store;
    this.check = check;
    this.evidence = evidence;
    this.transactions = transactions;
    this.meters = meters;
    this.storage = storage;
    this.maxFileSize = maxFileSize;
    this.clock = clock;
  }

  /** The folder a connector's result files are kept in. */
  public Path folder(String connector) {
    return storage.resolve(connector);
  }

  /**
   * Fetches and records every new result file of the agency; returns how many were accepted.
   *
   * @throws SaphanException {@code batch_import_failed} when the server cannot be read (files
   *     recorded before the failure stay recorded)
   */
  public int fetch(BatchAgency agency) {
    BatchSettings.Results results = agency.settings().results().orElseThrow();
    String remoteDir = results.remoteDir();
    int accepted = 0;
    try (SftpConnection sftp = agency.sftp().connect()) {
      Path folder = Files.createDirectories(folder(agency.connector()));
      for (SftpConnection.RemoteFile manifest : sftp.list(remoteDir)) {
        if (manifest.name().endsWith(ResultManifest.SUFFIX)
            && !store.known(agency.connector(), manifest.name())
            && take(agency, sftp, remoteDir, manifest, folder)) {
          accepted++;
        }
      }
    } catch (IOException | RuntimeException e) {
      String cause = e instanceof SaphanException s ? s.getMessage() : SafeErrors.describe(e);
      meters.counter("saphan.batch.import.failures", "connector", agency.connector()).increment();
      log.error(
          "Result files of {} not fetched from {}{}: {}; nothing of them applied, the next run"
              + " tries again (POST /ops/v1/connectors/{}/batch-import to try now)",
          agency.connector(),
          agency.sftp().address(),
          remoteDir,
          cause,
          agency.connector());
      throw SaphanException.system(
          ErrorCode.BATCH_IMPORT_FAILED,
          "result files of "
              + agency.connector()
              + " not fetched from "
              + agency.sftp().address()
              + remoteDir
              + ": "
              + cause,
          e);
    }
    return accepted;
  }

  /** Downloads, checks and records one file; true when accepted. */
  private boolean take(
      BatchAgency agency,
      SftpConnection sftp,
      String remoteDir,
      SftpConnection.RemoteFile manifestFile,
      Path folder)
      throws IOException {
    String manifestName = manifestFile.name();
    Instant now = clock.instant();
    ResultManifest manifest = null;
    Path data = null;
    try {
      if (manifestFile.size() > MAX_MANIFEST) {
        throw new ResultManifest.Refusal(
            ErrorCode.BATCH_IMPORT_REFUSED,
            "the manifest is larger than " + MAX_MANIFEST + " bytes");
      }
      Path manifestPath = folder.resolve(manifestName);
      download(sftp, remoteDir, manifestName, manifestPath, MAX_MANIFEST);
      manifest = ResultManifest.read(Files.readAllBytes(manifestPath));
      data = folder.resolve(manifest.file());
      download(sftp, remoteDir, manifest.file(), data, maxFileSize);
      // the same bytes as a file accepted before: a duplicate, whatever its manifest says
      String bytes = Digests.sha256(data);
      var same = store.duplicateOf(agency.connector(), bytes, 0);
      if (same.isPresent()) {
        throw new ResultManifest.Refusal(
            ErrorCode.BATCH_IMPORT_DUPLICATE,
            "the same bytes as " + same.get() + ", accepted before");
      }
      Path signature = folder.resolve(manifest.signature());
      download(sftp, remoteDir, manifest.signature(), signature, maxFileSize);
      ResultFileCheck.Checked checked = check.check(agency, manifest, data, signature);
      ResultManifest m = manifest;
      return transactions.execute(tx -> record(agency, manifestName, m, checked, now));
    } catch (ResultManifest.Refusal refusal) {
      refuse(agency, manifestName, manifest, refusal.code(), refusal.getMessage(), now);
      return false;
    }
  }

  private static void download(
      SftpConnection sftp, String remoteDir, String name, Path local, long max) throws IOException {
    try {
      if (!sftp.download(SftpConnection.join(remoteDir, name), local, max)) {
        throw new ResultManifest.Refusal(
            ErrorCode.BATCH_IMPORT_REFUSED, name + " is not on the server");
      }
    } catch (SftpConnection.TooLarge e) {
      throw new ResultManifest.Refusal(
          ErrorCode.BATCH_IMPORT_REFUSED, name + " is larger than " + max + " bytes");
    }
  }

  /** Records an accepted file (or, when it duplicates one, its refusal). */
  private boolean record(
      BatchAgency agency,
      String manifestName,
      ResultManifest manifest,
      ResultFileCheck.Checked checked,
      Instant now) {
    String connector = agency.connector();
    var duplicate = store.duplicateOf(connector, manifest.sha256(), manifest.sequence());
    if (duplicate.isPresent()) {
      refuseNow(
          agency,
          manifestName,
          manifest,
          ErrorCode.BATCH_IMPORT_DUPLICATE,
          "the same bytes or sequence "
              + manifest.sequence()
              + " as "
              + duplicate.get()
              + ", accepted before",
          now);
      return false;
    }
    Instant uploaded = checked.exportUploadedAt();
    boolean late =
        agency.settings().results().map(r -> now.isAfter(uploaded.plus(r.due()))).orElse(false);
    long id =
        store.accept(
            new ImportStore.ImportFile(
                0,
                connector,
                manifestName,
                manifest.file(),
                "received",
                manifest.sequence(),
                manifest.forSequence(),
                manifest.sha256(),
                manifest.signatureSha256(),
                checked.kid(),
                (int) manifest.count(),
                late,
                null,
                null,
                0,
                0,
                0,
                now,
                null));
    store.answer(connector, manifest.forSequence(), id);
    Map<String, Object> detail = detail(manifest);
    detail.put("late", late);
    evidence.record(
        Evidence.entry("batch_file")
            .card(agency.card())
            .exchange(EXCHANGE, "in")
            .message(manifest.file())
            .outcome(late ? "accepted_late" : "accepted")
            .sha256(manifest.sha256())
            .signature("cms:" + manifest.signatureSha256(), checked.kid())
            .detail(detail));
    meters
        .counter(
            "saphan.batch.import.files",
            "connector",
            connector,
            "outcome",
            late ? "late" : "accepted")
        .increment();
    if (late) {
      log.warn(
          "Result file {} of {} arrived late: export {} was uploaded at {}, results were due"
              + " within {}; applied all the same",
          manifest.file(),
          connector,
          manifest.forSequence(),
          uploaded,
          agency.settings().results().orElseThrow().expectedWithin());
    } else {
      log.info(
          "Result file {} of {} accepted ({} lines, answers export {})",
          manifest.file(),
          connector,
          manifest.count(),
          manifest.forSequence());
    }
    return true;
  }

  private void refuse(
      BatchAgency agency,
      String manifestName,
      ResultManifest manifest,
      ErrorCode code,
      String reason,
      Instant now) {
    transactions.executeWithoutResult(
        tx -> refuseNow(agency, manifestName, manifest, code, reason, now));
  }

  private void refuseNow(
      BatchAgency agency,
      String manifestName,
      ResultManifest manifest,
      ErrorCode code,
      String reason,
      Instant now) {
    String connector = agency.connector();
    String file = manifest == null ? null : manifest.file();
    String sha256 = manifest == null ? null : manifest.sha256();
    store.refuse(connector, manifestName, file, sha256, code.code(), reason, now);
    Map<String, Object> detail = manifest == null ? new LinkedHashMap<>() : detail(manifest);
    detail.put("manifest", manifestName);
    detail.put("code", code.code());
    detail.put("reason", reason);
    evidence.record(
        Evidence.entry("batch_file")
            .card(agency.card())
            .exchange(EXCHANGE, "in")
            .message(file == null ? manifestName : file)
            .outcome(code == ErrorCode.BATCH_IMPORT_DUPLICATE ? "duplicate" : "refused")
            .sha256(sha256)
            .detail(detail));
    meters
        .counter(
            "saphan.batch.import.files",
            "connector",
            connector,
            "outcome",
            code == ErrorCode.BATCH_IMPORT_DUPLICATE ? "duplicate" : "refused")
        .increment();
    log.warn(
        "Result file {} of {} refused whole ({}): {}; none of its lines applied. Tell {}; it"
            + " publishes a corrected file under a new name (GET /ops/v1/batch/imports)",
        file == null ? manifestName : file,
        connector,
        code.code(),
        reason,
        agency.card().agencyCode());
  }

  private static Map<String, Object> detail(ResultManifest manifest) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("file", manifest.file());
    detail.put("sequence", manifest.sequence());
    detail.put("forSequence", manifest.forSequence());
    detail.put("count", manifest.count());
    detail.put("signatureSha256", manifest.signatureSha256());
    return detail;
  }
}
