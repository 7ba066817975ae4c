package org.saphan.hub.batch.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.CmsEncryptor;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch agency's next file from its queued applications (the export job's first step): the
 * plaintext in the card's layout, its detached CMS signature ({@code .p7s}, the hub's one {@link
 * CmsSigner}, with the key family of the card's {@code api.signing.algorithm}), the encrypted file
 * ({@code .p7m}) when the card names a certificate, and the manifest; all in storage before one
 * transaction records the file with the SHA-256 of each and marks its applications (and refuses,
 * with their reason and a {@code failed} status, those the layout cannot hold). A crash before the
 * commit leaves files nobody recorded: the next run overwrites them under the same sequence number.
 * Nothing is uploaded here.
 */
public class BatchExporter {

  /** The manifest's format name (docs/agency/batch.md). */
  public static final String MANIFEST_FORMAT = "saphan-batch-export/1";

  /** The suffix of a file's manifest. */
  public static final String MANIFEST_SUFFIX = ".manifest.json";

  private static final Logger log = LoggerFactory.getLogger(BatchExporter.class);
  private static final ObjectMapper JSON = Json.canonical();
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  private final ExportStore store;
  private final ApplicationStore applications;
  private final StatusRecorder statuses;
  private final Evidence evidence;
  private final Function<BatchAgency, CmsSigner> signers;
  private final FaultInjection faults;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Path storage;
  private final int maxLines;
  private final Clock clock;

  public BatchExporter(
      ExportStore store,
      ApplicationStore applications,
      StatusRecorder statuses,
      Evidence evidence,
      Function<BatchAgency, CmsSigner> signers,
      FaultInjection faults,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Path storage,
      int maxLines,
      Clock clock) {
    this.store = store;
    this.applications = applications;
    this.statuses = statuses;
    this.evidence = evidence;
    this.signers = signers;
    this.faults = faults;
    this.transactions = transactions;
    this.meters = meters;
    this.storage = storage;
    this.maxLines = maxLines;
    this.clock = clock;
  }

  /** The folder of a connector's stored files. */
  public Path folder(String connector) {
    return storage.resolve(connector);
  }

  /** Writes and records the agency's next file; empty when nothing is queued or all is refused. */
  public Optional<ExportStore.ExportFile> export(BatchAgency agency) {
    String connector = agency.connector();
    var queued = store.queued(connector, maxLines);
    if (queued.isEmpty()) {
      return Optional.empty();
    }
    int sequence = store.nextSequence(connector);
    Instant now = clock.instant();
    LocalDateTime local = LocalDateTime.ofInstant(now, BANGKOK);
    String name = String.format("%s-%s-%06d.txt", connector, DAY.format(local), sequence);
    Path folder = folder(connector);
    Path plain = folder.resolve(name);
    ExportFileWriter.Written written;
    try {
      Files.createDirectories(folder);
      written =
          ExportFileWriter.write(
              agency.layout(), agency.card().agencyCode(), sequence, local, queued, plain);
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.BATCH_EXPORT_FAILED,
          "export " + name + " of " + connector + " could not be written: " + e.getMessage(),
          e);
    }
    if (written.count() == 0) {
      transactions.executeWithoutResult(tx -> refuse(agency, written));
      return Optional.empty();
    }
    ExportStore.ExportFile file = storeArtefacts(agency, sequence, name, plain, written, now);
    transactions.executeWithoutResult(
        tx -> {
          long id = store.insertFile(file);
          written
              .lines()
              .forEach(line -> store.markExported(line.applicationId(), id, line.lineNumber()));
          refuse(agency, written);
          faults.reached(FaultInjection.Point.BATCH_EXPORT_RECORD, written.count());
        });
    meters
        .counter("saphan.batch.export.files", "connector", connector, "outcome", "stored")
        .increment();
    log.info(
        "Batch export {} of {}: {} applications stored (SHA-256 {}), {} refused",
        name,
        connector,
        written.count(),
        file.uploadSha256(),
        written.refused().size());
    return Optional.of(file);
  }

  private ExportStore.ExportFile storeArtefacts(
      BatchAgency agency,
      int sequence,
      String name,
      Path plain,
      ExportFileWriter.Written written,
      Instant now) {
    try {
      CmsSigner.FileSignature signature = signers.apply(agency).signFileDetached(plain);
      Path p7s = plain.resolveSibling(name + CmsSigner.P7S_SUFFIX);
      Files.write(p7s, signature.p7s());
      Path upload = plain;
      if (agency.recipient().isPresent()) {
        upload = plain.resolveSibling(name + CmsEncryptor.P7M_SUFFIX);
        CmsEncryptor.encrypt(plain, agency.recipient().get(), upload);
      }
      String plainSha256 = Digests.sha256(plain);
      String uploadSha256 = Digests.sha256(upload);
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("format", MANIFEST_FORMAT);
      manifest.put("connector", agency.connector());
      manifest.put("agency", agency.card().agencyCode());
      manifest.put("sequence", sequence);
      manifest.put("file", upload.getFileName().toString());
      manifest.put("sha256", uploadSha256);
      manifest.put("plainFile", name);
      manifest.put("plainSha256", plainSha256);
      manifest.put("encrypted", agency.recipient().isPresent());
      manifest.put("signature", p7s.getFileName().toString());
      manifest.put("signatureSha256", Digests.sha256(signature.p7s()));
      manifest.put("signatureKid", signature.kid());
      manifest.put("layout", agency.layout().name());
      manifest.put("encoding", agency.layout().encoding().name());
      manifest.put("count", written.count());
      manifest.put("sums", written.sums());
      manifest.put("createdAt", now.toString());
      byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
      Path manifestFile = plain.resolveSibling(name + MANIFEST_SUFFIX);
      Files.write(manifestFile, manifestBytes);
      for (Path stored : new Path[] {plain, p7s, upload, manifestFile}) {
        force(stored);
      }
      return new ExportStore.ExportFile(
          0,
          agency.connector(),
          sequence,
          name,
          "stored",
          written.count(),
          new LinkedHashMap<>(written.sums()),
          plainSha256,
          Digests.sha256(signature.p7s()),
          signature.kid(),
          agency.recipient().isPresent(),
          upload.getFileName().toString(),
          uploadSha256,
          Digests.sha256(manifestBytes),
          now,
          null,
          0,
          null,
          null,
          null);
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.BATCH_EXPORT_FAILED,
          "export "
              + name
              + " of "
              + agency.connector()
              + " could not be stored: "
              + e.getMessage(),
          e);
    }
  }

  private void refuse(BatchAgency agency, ExportFileWriter.Written written) {
    for (ExportFileWriter.Refusal refusal : written.refused()) {
      store.markRefused(refusal.applicationId(), refusal.reason());
      var application = applications.get(refusal.applicationId());
      statuses.record(
          application,
          CanonicalStatus.FAILED,
          "hub",
          null,
          clock.instant(),
          application.messageId() + ":batch-refused",
          "not exported to " + agency.card().agencyCode() + ": " + refusal.reason(),
          null);
      evidence.record(
          Evidence.entry("batch_refused")
              .application(refusal.applicationId())
              .message(application.messageId().toString())
              .card(agency.card())
              .exchange(BatchUploader.EXCHANGE, null)
              .outcome("refused")
              .detail(Map.of("reason", refusal.reason())));
      meters.counter("saphan.batch.export.refused", "connector", agency.connector()).increment();
      log.warn(
          "Batch export of {}: application {} refused: {}",
          agency.connector(),
          refusal.applicationId(),
          refusal.reason());
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }
}
