package org.saphan.hub.batch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.saphan.hub.batch.export.BatchExportFixture.CONNECTOR;
import static org.saphan.hub.batch.export.BatchExportFixture.DATABASE;
import static org.saphan.hub.batch.export.BatchExportFixture.JDBC;
import static org.saphan.hub.batch.export.BatchExportFixture.KEYS;
import static org.saphan.hub.batch.export.BatchExportFixture.NOW;
import static org.saphan.hub.batch.export.BatchExportFixture.TRANSACTIONS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.batch.BatchJobLauncher;
import org.saphan.hub.batch.layout.ParsedRecord;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.sftp.TestSftpServer;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.security.ExternalTools;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;
import org.saphan.hub.status.StatusRecorder;
import org.saphan.hub.support.MutableClock;
import org.saphan.hub.support.SampleCatalog;
import org.springframework.batch.core.explore.support.JobExplorerFactoryBean;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JobRepositoryFactoryBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.env.MockEnvironment;

/**
 * A batch agency's export end to end without a Spring context: queued applications written in the
 * card's TIS-620 layout, refused when a name cannot be written, signed, encrypted, stored, uploaded
 * to an in-process SFTP server as stored (also by the restarted Spring Batch run), and opened by
 * openssl.
 */
class BatchExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private MutableClock clock;
  private TestSftpServer server;
  private ApplicationStore applications;
  private ExportStore store;
  private Evidence evidence;
  private StatusRecorder statuses;
  private BatchAgencies agencies;
  private BatchExporter exporter;
  private BatchUploader uploader;

  @BeforeEach
  void start() throws IOException {
    BatchExportFixture.reset();
    clock = new MutableClock(NOW);
    server = new TestSftpServer(dir);
    Files.createDirectories(server.root().resolve("inbox"));
    applications = new ApplicationStore(JDBC);
    store = new ExportStore(JDBC);
    evidence = new Evidence(JDBC, clock);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    statuses = new StatusRecorder(applications, JDBC, TRANSACTIONS, meters, evidence);
    exporter = exporter(dir.resolve("storage"), meters);
    uploader =
        new BatchUploader(
            store,
            applications,
            statuses,
            evidence,
            FaultInjection.NONE,
            TRANSACTIONS,
            meters,
            clock);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private BatchExporter exporter(Path storage, SimpleMeterRegistry meters) {
    return new BatchExporter(
        store,
        applications,
        statuses,
        evidence,
        agency -> new CmsSigner(KEYS, KeyFamily.RSA_3072, clock),
        FaultInjection.NONE,
        TRANSACTIONS,
        meters,
        storage,
        5000,
        clock);
  }

  private BatchAgency agency(boolean encrypt) throws IOException {
    Catalog catalog =
        BatchExportFixture.home(
            dir.resolve("home"),
            SampleCatalog.HOME,
            server.keyFile(),
            server.port(),
            server.hostFingerprint(),
            encrypt);
    agencies = new BatchAgencies(catalog, dir.resolve("home"), new MockEnvironment());
    return agencies.get(CONNECTOR);
  }

  private void queue(String id, String first, String last, String area) {
    applications.insert(BatchExportFixture.application(id));
    store.queue(id, CONNECTOR, "m-" + id, BatchExportFixture.record(id, first, last, area), NOW);
  }

  private CanonicalStatus status(String id) {
    return applications.get(id).status();
  }

  @Test
  void shouldWriteThaiNamesInTis620AndOpensslDecryptsAndVerifiesTheUploadedFile() throws Exception {
    // given
    ExternalTools.require("openssl");
    BatchAgency agency = agency(true);
    queue("APP-1", "สมชาย", "ใจดี", "12.50");
    queue("APP-2", "มาลี", "ศรีสุข", "3.25");

    // when
    ExportStore.ExportFile file = exporter.export(agency).orElseThrow();
    List<String> uploaded = uploader.upload(agency, exporter.folder(CONNECTOR));

    // then: on the server, the encrypted file, its signature and the manifest
    Path inbox = server.root().resolve("inbox");
    String name = file.fileName();
    assertThat(uploaded).containsExactly(name + ".p7m");
    Path p7m = inbox.resolve(name + ".p7m");
    assertThat(Digests.sha256(Files.readAllBytes(p7m))).isEqualTo(file.uploadSha256());
    Path ca = dir.resolve("ca.pem");
    Pki.writePem(ca, List.of(BatchExportFixture.CA.certificate()));
    Path agencyCert = dir.resolve("agency.pem");
    Pki.writePem(agencyCert, List.of(BatchExportFixture.AGENCY.certificate()));
    Path agencyKey = dir.resolve("agency.key");
    BatchExportFixture.writeAgencyKey(agencyKey);
    Path plain = dir.resolve("plain.txt");
    ExternalTools.Result decrypted =
        ExternalTools.run(
            dir,
            "openssl",
            "cms",
            "-decrypt",
            "-binary",
            "-inform",
            "DER",
            "-in",
            p7m.toString(),
            "-recip",
            agencyCert.toString(),
            "-inkey",
            agencyKey.toString(),
            "-out",
            plain.toString());
    assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
    ExternalTools.Result verified =
        ExternalTools.run(
            dir,
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            inbox.resolve(name + ".p7s").toString(),
            "-content",
            plain.toString(),
            "-CAfile",
            ca.toString(),
            "-purpose",
            "any",
            "-out",
            "/dev/null");
    assertThat(verified.exitCode()).as(verified.output()).isZero();
    // the TIS-620 round trip: one byte per Thai character, read back as written
    byte[] bytes = Files.readAllBytes(plain);
    assertThat(Digests.sha256(bytes)).isEqualTo(file.plainSha256());
    assertThat(bytes.length).isEqualTo(4 * 202);
    String[] lines = new String(bytes, Charset.forName("TIS-620")).split("\r\n");
    ParsedRecord first =
        agency.layout().record("D").orElseThrow().parse(lines[1], agency.layout().yearEra());
    ParsedRecord second =
        agency.layout().record("D").orElseThrow().parse(lines[2], agency.layout().yearEra());
    assertThat(first.value("firstName")).isEqualTo("สมชาย");
    assertThat(first.value("lastName")).isEqualTo("ใจดี");
    assertThat(second.value("lastName")).isEqualTo("ศรีสุข");
    assertThat(lines[3]).startsWith("T0000000200000000001575 ");
    JsonNode manifest = JSON.readTree(inbox.resolve(name + ".manifest.json").toFile());
    assertThat(manifest.path("count").asInt()).isEqualTo(2);
    assertThat(manifest.path("sequence").asInt()).isEqualTo(1);
    assertThat(manifest.path("sha256").asText()).isEqualTo(file.uploadSha256());
    assertThat(manifest.path("sums").path("farmAreaRai").decimalValue())
        .isEqualByComparingTo("15.75");
    // recorded: the file uploaded, the message log's entry, the applications delivered
    assertThat(store.files(CONNECTOR, 10))
        .singleElement()
        .extracting(ExportStore.ExportFile::state)
        .isEqualTo("uploaded");
    assertThat(
            JDBC.sql(
                    "select payload_sha256 || ' ' || signature_kid from evidence where kind ="
                        + " 'batch_file' and exchange = 'batch_file' and direction = 'out'")
                .query(String.class)
                .single())
        .isEqualTo(file.uploadSha256() + " " + KEYS.current(KeyFamily.RSA_3072).kid());
    assertThat(status("APP-1")).isEqualTo(CanonicalStatus.DELIVERED);
    assertThat(status("APP-2")).isEqualTo(CanonicalStatus.DELIVERED);
  }

  @Test
  void shouldRefuseAnApplicationWhoseNameTis620CannotWriteAndExportTheOthers() throws Exception {
    // given: ë is not in TIS-620
    BatchAgency agency = agency(false);
    queue("APP-1", "Zoë", "ใจดี", "1.00");
    queue("APP-2", "มาลี", "ศรีสุข", "2.00");

    // when
    ExportStore.ExportFile file = exporter.export(agency).orElseThrow();

    // then
    assertThat(file.recordCount()).isEqualTo(1);
    assertThat(
            JDBC.sql("select refused_reason from batch_export_item where application_id = 'APP-1'")
                .query(String.class)
                .single())
        .isEqualTo("field firstName [54:94] has the character U+00EB, which TIS-620 cannot write");
    assertThat(status("APP-1")).isEqualTo(CanonicalStatus.FAILED);
    byte[] written = Files.readAllBytes(exporter.folder(CONNECTOR).resolve(file.fileName()));
    assertThat(new String(written, Charset.forName("TIS-620")))
        .doesNotContain("?")
        .contains("มาลี");
    assertThat(exporter.export(agency)).isEmpty();
  }

  @Test
  void shouldUploadTheStoredBytesWhenTheRestartedJobRunsAfterAFailedUpload() throws Exception {
    // given: the job, launched while the server refuses every write
    BatchAgency agency = agency(true);
    queue("APP-1", "สมชาย", "ใจดี", "1.00");
    DataSourceTransactionManager tx = new DataSourceTransactionManager(DATABASE);
    JobRepositoryFactoryBean repository = new JobRepositoryFactoryBean();
    repository.setDataSource(DATABASE);
    repository.setTransactionManager(tx);
    repository.afterPropertiesSet();
    JobRepository jobRepository = repository.getObject();
    JobExplorerFactoryBean explorer = new JobExplorerFactoryBean();
    explorer.setDataSource(DATABASE);
    explorer.setTransactionManager(tx);
    explorer.afterPropertiesSet();
    TaskExecutorJobLauncher jobLauncher = new TaskExecutorJobLauncher();
    jobLauncher.setJobRepository(jobRepository);
    jobLauncher.afterPropertiesSet();
    BatchJobLauncher launcher =
        new BatchJobLauncher(
            jobLauncher,
            explorer.getObject(),
            jobRepository,
            BatchExportJobConfiguration.job(jobRepository, agencies, exporter, uploader),
            BatchExportJobConfiguration.WRITE_STEP,
            ErrorCode.BATCH_EXPORT_FAILED,
            "Batch export",
            clock);
    server.refuseWrites(true);
    BatchJobLauncher.Launched failed = launcher.run(CONNECTOR);
    ExportStore.ExportFile stored = store.stored(CONNECTOR).get(0);

    // when: the next run, the server back
    server.refuseWrites(false);
    queue("APP-2", "มาลี", "ศรีสุข", "2.00");
    BatchJobLauncher.Launched restarted = launcher.run(CONNECTOR);

    // then: the failed run restarted at its upload, which sent the stored file as recorded
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.failure()).contains("not uploaded");
    assertThat(restarted.status()).isEqualTo("completed");
    assertThat(restarted.restarted()).isTrue();
    assertThat(restarted.runId()).isEqualTo(failed.runId());
    assertThat(restarted.written()).isZero();
    assertThat(store.files(CONNECTOR, 10))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.state()).isEqualTo("uploaded");
              assertThat(f.uploadAttempts()).isEqualTo(2);
            });
    assertThat(
            Digests.sha256(
                Files.readAllBytes(server.root().resolve("inbox").resolve(stored.uploadName()))))
        .isEqualTo(stored.uploadSha256());
    // APP-2 waits for the next run's file: each application is in exactly one file
    assertThat(store.queued(CONNECTOR, 10))
        .extracting(ExportStore.Queued::applicationId)
        .containsExactly("APP-2");
    assertThat(status("APP-1")).isEqualTo(CanonicalStatus.DELIVERED);
  }

  @Test
  void shouldRefuseWithStoredChangedWhenAStoredFileNoLongerHasItsHash() throws Exception {
    // given
    BatchAgency agency = agency(false);
    queue("APP-1", "สมชาย", "ใจดี", "1.00");
    ExportStore.ExportFile file = exporter.export(agency).orElseThrow();
    Files.writeString(exporter.folder(CONNECTOR).resolve(file.fileName()), "edited");

    // then
    assertThatThrownBy(() -> uploader.upload(agency, exporter.folder(CONNECTOR)))
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.BATCH_EXPORT_STORED_CHANGED);
    assertThat(server.opened()).isEmpty();
  }

  @Test
  void shouldRefuseWithUploadFailedAndKeepTheFileStoredWhenTheServerRefuses() throws Exception {
    // given
    BatchAgency agency = agency(false);
    queue("APP-1", "สมชาย", "ใจดี", "1.00");
    exporter.export(agency).orElseThrow();
    server.refuseWrites(true);

    // then
    assertThatThrownBy(() -> uploader.upload(agency, exporter.folder(CONNECTOR)))
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.BATCH_EXPORT_UPLOAD_FAILED);
    assertThat(store.stored(CONNECTOR))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.uploadError()).isNotBlank();
              assertThat(f.uploadAttempts()).isEqualTo(1);
            });
    assertThat(status("APP-1")).isEqualTo(CanonicalStatus.SUBMITTED);
  }

  @Test
  void shouldRefuseWithExportFailedWhenTheStorageCannotBeWritten() throws Exception {
    // given: the storage folder is a file
    BatchAgency agency = agency(false);
    queue("APP-1", "สมชาย", "ใจดี", "1.00");
    Path notAFolder = Files.writeString(dir.resolve("storage-file"), "x");
    BatchExporter broken = exporter(notAFolder, new SimpleMeterRegistry());

    // then
    assertThatThrownBy(() -> broken.export(agency))
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.BATCH_EXPORT_FAILED);
    assertThat(store.queued(CONNECTOR, 10)).hasSize(1);
  }
}
