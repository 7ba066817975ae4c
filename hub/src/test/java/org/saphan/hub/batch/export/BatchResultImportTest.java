package org.saphan.hub.batch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.saphan.hub.batch.export.BatchExportFixture.AGENCY;
import static org.saphan.hub.batch.export.BatchExportFixture.CONNECTOR;
import static org.saphan.hub.batch.export.BatchExportFixture.JDBC;
import static org.saphan.hub.batch.export.BatchExportFixture.KEYS;
import static org.saphan.hub.batch.export.BatchExportFixture.NOW;
import static org.saphan.hub.batch.export.BatchExportFixture.TRANSACTIONS;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.layout.SettlementFileWriter;
import org.saphan.hub.batch.results.ImportStore;
import org.saphan.hub.batch.results.ResultApplier;
import org.saphan.hub.batch.results.ResultFetcher;
import org.saphan.hub.batch.results.ResultFileCheck;
import org.saphan.hub.batch.results.ResultWatch;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.sftp.TestSftpServer;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.security.CmsVerifier;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.PartyTrusts;
import org.saphan.hub.security.SigningKey;
import org.saphan.hub.status.AgencyStatusIntake;
import org.saphan.hub.status.StatusRecorder;
import org.saphan.hub.support.MutableClock;
import org.saphan.hub.support.SampleCatalog;
import org.springframework.mock.env.MockEnvironment;

/**
 * A batch agency's result files end to end without a Spring context: exported applications, then
 * DOAE's signed result file fetched from an in-process SFTP server, checked whole, its lines
 * applied once through the status rules (bad lines kept with their number and reason), files
 * refused whole for a foreign signer, a changed file or a duplicate, and overdue and late results
 * signalled.
 */
class BatchResultImportTest {

  private static final Charset TIS_620 = Charset.forName("TIS-620");
  private static final String REASON = "ไม่พบเอกสารสิทธิ์ในที่ดิน";

  @TempDir Path dir;

  private MutableClock clock;
  private TestSftpServer server;
  private ApplicationStore applications;
  private ExportStore exports;
  private ImportStore imports;
  private BatchExporter exporter;
  private BatchUploader uploader;
  private ResultFetcher fetcher;
  private ResultApplier applier;
  private ResultWatch watch;
  private SimpleMeterRegistry meters;
  private BatchAgency agency;
  private Path outbox;

  @BeforeEach
  void start() throws IOException {
    BatchExportFixture.reset();
    JDBC.sql("truncate batch_import_line, batch_import_file cascade").update();
    clock = new MutableClock(NOW);
    server = new TestSftpServer(dir);
    Files.createDirectories(server.root().resolve("inbox"));
    outbox = Files.createDirectories(server.root().resolve("outbox"));
    meters = new SimpleMeterRegistry();
    applications = new ApplicationStore(JDBC);
    exports = new ExportStore(JDBC);
    imports = new ImportStore(JDBC);
    Evidence evidence = new Evidence(JDBC, clock);
    StatusRecorder statuses =
        new StatusRecorder(applications, JDBC, TRANSACTIONS, meters, evidence);
    Path home = dir.resolve("home");
    Catalog catalog =
        BatchExportFixture.home(
            home,
            SampleCatalog.HOME,
            server.keyFile(),
            server.port(),
            server.hostFingerprint(),
            false,
            true);
    agency = new BatchAgencies(catalog, home, new MockEnvironment()).get(CONNECTOR);
    exporter =
        new BatchExporter(
            exports,
            applications,
            statuses,
            evidence,
            a -> new CmsSigner(KEYS, KeyFamily.RSA_3072, clock),
            FaultInjection.NONE,
            TRANSACTIONS,
            meters,
            dir.resolve("export"),
            5000,
            clock);
    uploader =
        new BatchUploader(
            exports,
            applications,
            statuses,
            evidence,
            FaultInjection.NONE,
            TRANSACTIONS,
            meters,
            clock);
    PartyTrusts trusts = new PartyTrusts(home.resolve("keys"), null);
    AgencyStatusIntake intake =
        new AgencyStatusIntake(
            catalog,
            applications,
            statuses,
            evidence,
            new MappingRunner(home),
            null,
            trusts,
            TRANSACTIONS,
            clock);
    fetcher =
        new ResultFetcher(
            imports,
            new ResultFileCheck(imports, trusts, new CmsVerifier(clock)),
            evidence,
            TRANSACTIONS,
            meters,
            dir.resolve("import"),
            1_000_000,
            clock);
    applier =
        new ResultApplier(
            imports, applications, intake, FaultInjection.NONE, TRANSACTIONS, meters, clock);
    watch = new ResultWatch(imports, TRANSACTIONS, meters, clock);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private void exportAndUpload(String... ids) {
    for (String id : ids) {
      applications.insert(BatchExportFixture.application(id));
      exports.queue(
          id, CONNECTOR, "m-" + id, BatchExportFixture.record(id, "สมชาย", "ใจดี", "1.00"), NOW);
    }
    exporter.export(agency).orElseThrow();
    uploader.upload(agency, exporter.folder(CONNECTOR));
  }

  private void runImport() {
    fetcher.fetch(agency);
    applier.apply(agency, fetcher.folder(CONNECTOR));
    watch.watch(agency);
  }

  private CanonicalStatus status(String id) {
    return applications.get(id).status();
  }

  @Test
  void shouldApplyEachGoodLineOnceAndKeepBadLinesWithTheirReasons() throws Exception {
    // given: three exported applications and DOAE's answer with two good lines and three bad ones
    exportAndUpload("APP-1", "APP-2", "APP-3");
    clock.advance(Duration.ofHours(2));
    byte[] data =
        resultFile(
            1,
            1,
            detail("APP-1", "A", "DOAE000000000001", ""),
            detail("APP-2", "X", "", REASON),
            detail("APP-3", "Z", "", ""),
            detail("APP-9", "A", "DOAE000000000009", ""),
            "D short line".getBytes(TIS_620));
    publish("result-1", 1, 1, data, sign(data, AGENCY), 5);

    // when: imported, then imported again (a re-run finds nothing new)
    runImport();
    runImport();

    // then
    assertThat(status("APP-1")).isEqualTo(CanonicalStatus.APPROVED);
    assertThat(applications.get("APP-1").agencyReference()).isEqualTo("DOAE000000000001");
    assertThat(status("APP-2")).isEqualTo(CanonicalStatus.REJECTED);
    assertThat(status("APP-3")).isEqualTo(CanonicalStatus.DELIVERED);
    ImportStore.ImportFile file = imports.files(CONNECTOR, 10).get(0);
    assertThat(imports.files(CONNECTOR, 10)).hasSize(1);
    assertThat(file.state()).isEqualTo("applied");
    assertThat(file.late()).isFalse();
    assertThat(file.linesApplied()).isEqualTo(2);
    assertThat(file.linesBad()).isEqualTo(3);
    List<ImportStore.ImportLine> bad = imports.lines(file.id(), "bad", 0, 10);
    assertThat(bad).extracting(ImportStore.ImportLine::lineNumber).containsExactly(4, 5, 6);
    assertThat(bad.get(0).reason())
        .startsWith("batch_result_line_invalid: ")
        .contains("bad value \"Z\" in field resultCode");
    assertThat(bad.get(1).reason()).contains("application 'APP-9' was not exported to doae");
    assertThat(bad.get(2).reason()).contains("bad length 12 (expected 200 bytes)");
    assertThat(
            JDBC.sql(
                    "select count(*) from timeline_entry where application_id = 'APP-1' and"
                        + " status = 'approved'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(exports.files(CONNECTOR, 10).get(0).resultState()).isEqualTo("received");
    assertThat(
            JDBC.sql(
                    "select count(*) from evidence where kind = 'batch_file' and direction = 'in'"
                        + " and outcome = 'accepted'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseWholeAFileSignedByAnotherKeyAChangedFileAndADuplicate() throws Exception {
    // given: the good answer, one signed by the hub's key (not DOAE's), one whose bytes are not
    // the manifest's, and the good answer again under another name
    exportAndUpload("APP-1");
    byte[] data = resultFile(1, 1, detail("APP-1", "A", "DOAE000000000001", ""));
    publish("result-1", 1, 1, data, sign(data, AGENCY), 1);
    byte[] other = resultFile(2, 1, detail("APP-1", "X", "", REASON));
    publish(
        "result-2",
        2,
        1,
        other,
        new CmsSigner(KEYS, KeyFamily.RSA_3072, clock).signDetached(other),
        1);
    byte[] third = resultFile(3, 1, detail("APP-1", "X", "", REASON));
    byte[] thirdSignature = sign(third, AGENCY);
    publish("result-3", 3, 1, third, thirdSignature, 1);
    Files.writeString(outbox.resolve("result-3.txt"), "changed after signing");
    publish("result-4", 4, 1, data, sign(data, AGENCY), 1);

    // when
    runImport();

    // then: only the first applied
    assertThat(status("APP-1")).isEqualTo(CanonicalStatus.APPROVED);
    Map<String, ImportStore.ImportFile> byManifest = new LinkedHashMap<>();
    imports.files(CONNECTOR, 10).forEach(f -> byManifest.put(f.manifestName(), f));
    assertThat(byManifest.get("result-1.txt.manifest.json").state()).isEqualTo("applied");
    ImportStore.ImportFile foreign = byManifest.get("result-2.txt.manifest.json");
    assertThat(foreign.state()).isEqualTo("refused");
    assertThat(foreign.refusalCode()).isEqualTo(ErrorCode.BATCH_IMPORT_REFUSED.code());
    assertThat(foreign.reason()).contains("its signature is not doae's valid signature");
    assertThat(byManifest.get("result-3.txt.manifest.json").reason())
        .isEqualTo("the SHA-256 of result-3.txt is not the manifest's");
    ImportStore.ImportFile duplicate = byManifest.get("result-4.txt.manifest.json");
    assertThat(duplicate.refusalCode()).isEqualTo(ErrorCode.BATCH_IMPORT_DUPLICATE.code());
    assertThat(duplicate.reason()).isEqualTo("the same bytes as result-1.txt, accepted before");
    assertThat(
            meters
                .counter("saphan.batch.import.files", "connector", CONNECTOR, "outcome", "refused")
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void shouldRefuseAManifestThatDisagreesWithItsFileAndAnAnswerToNoExport() throws Exception {
    // given: a trailer count the manifest does not share, and an answer to export 7
    exportAndUpload("APP-1");
    byte[] data = resultFile(1, 1, detail("APP-1", "A", "DOAE000000000001", ""));
    publish("result-1", 1, 1, data, sign(data, AGENCY), 2);
    byte[] stray = resultFile(2, 7, detail("APP-1", "A", "DOAE000000000001", ""));
    publish("result-2", 2, 7, stray, sign(stray, AGENCY), 1);
    Files.writeString(outbox.resolve("result-3.txt.manifest.json"), "{\"format\": \"other\"}");

    // when
    runImport();

    // then
    List<String> reasons =
        imports.files(CONNECTOR, 10).stream().map(ImportStore.ImportFile::reason).toList();
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            "the manifest's format is not saphan-batch-result/1",
            "it answers export 7, which the hub has not uploaded to doae",
            "the trailer's recordCount is 1, the manifest's count is 2");
    assertThat(status("APP-1")).isEqualTo(CanonicalStatus.DELIVERED);
  }

  @Test
  void shouldSignalAnOverdueExportOnceAndFlagItsLateResults() throws Exception {
    // given: an export whose results are not there 13 hours after its upload
    exportAndUpload("APP-1");
    clock.advance(Duration.ofHours(13));

    // when
    runImport();
    runImport();

    // then: overdue, counted in the gauge, told once
    assertThat(meters.get("saphan.batch.results.overdue").gauge().value()).isEqualTo(1.0);
    assertThat(exports.files(CONNECTOR, 10).get(0).resultState()).isEqualTo("overdue");

    // when: the results come at last
    byte[] data = resultFile(1, 1, detail("APP-1", "A", "DOAE000000000001", ""));
    publish("result-1", 1, 1, data, sign(data, AGENCY), 1);
    runImport();

    // then: applied, flagged late, no longer overdue
    assertThat(status("APP-1")).isEqualTo(CanonicalStatus.APPROVED);
    assertThat(imports.files(CONNECTOR, 10).get(0).late()).isTrue();
    assertThat(exports.files(CONNECTOR, 10).get(0).resultState()).isEqualTo("late");
    assertThat(meters.get("saphan.batch.results.overdue").gauge().value()).isZero();
  }

  @Test
  void shouldFailTheFetchVisiblyWhenTheServerCannotBeRead() throws Exception {
    // given: the folder is gone
    exportAndUpload("APP-1");
    Files.delete(outbox);

    // then
    assertThatThrownBy(() -> fetcher.fetch(agency))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BATCH_IMPORT_FAILED))
        .hasMessageContaining("result files of doae-farmer-registration not fetched");
  }

  // --- DOAE's side -------------------------------------------------------------------------

  private Map<String, Object> detail(String id, String code, String farmer, String reason) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("applicationId", id);
    values.put("resultCode", code);
    values.put("farmerId", farmer);
    values.put("decidedDate", LocalDate.of(2026, 12, 8));
    values.put("decidedTime", LocalTime.of(9, 30, 15));
    values.put("reason", reason);
    return values;
  }

  /**
   * A result file: header, the details (maps of values, or raw bytes for broken lines), trailer.
   */
  private byte[] resultFile(int sequence, int forSequence, Object... details) {
    FixedWidthLayout layout = agency.resultLayout().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SettlementFileWriter writer = new SettlementFileWriter(layout, out);
    writer.write(
        RecordRole.HEADER,
        Map.of(
            "sequence",
            (long) sequence,
            "agencyCode",
            "doae",
            "fileDate",
            LocalDate.of(2026, 12, 8),
            "fileTime",
            LocalTime.of(9, 45),
            "forSequence",
            (long) forSequence));
    for (Object detail : details) {
      if (detail instanceof byte[] raw) {
        writer.write(raw);
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) detail;
        writer.write(RecordRole.DETAIL, values);
      }
    }
    writer.write(RecordRole.TRAILER, Map.of("recordCount", (long) details.length));
    return out.toByteArray();
  }

  private static byte[] sign(byte[] data, SigningKey key) throws Exception {
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
            .build(
                new JcaContentSignerBuilder("SHA256withRSA").build(key.privateKey()),
                key.certificate()));
    generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
    return generator.generate(new CMSProcessableByteArray(data), false).getEncoded("DER");
  }

  /** Publishes a file as DOAE does: data, signature, then the manifest. */
  private void publish(
      String name, int sequence, int forSequence, byte[] data, byte[] p7s, long count)
      throws IOException {
    Files.write(outbox.resolve(name + ".txt"), data);
    Files.write(outbox.resolve(name + ".txt.p7s"), p7s);
    Files.writeString(
        outbox.resolve(name + ".txt.manifest.json"),
        """
        {"format": "saphan-batch-result/1", "connector": "%s", "agency": "doae",
         "sequence": %d, "forSequence": %d, "file": "%s.txt", "sha256": "%s",
         "signature": "%s.txt.p7s", "signatureSha256": "%s", "count": %d,
         "createdAt": "2026-12-08T02:45:00Z"}
        """
            .formatted(
                CONNECTOR,
                sequence,
                forSequence,
                name,
                Digests.sha256(data),
                name,
                Digests.sha256(p7s),
                count));
  }
}
