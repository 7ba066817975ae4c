package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.security.CertificateAuthority;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.keys.InMemoryKeyRing;
import org.saphan.hub.support.MigratedDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the message log's archive and bundle tests share, once per test JVM: a PostgreSQL of their
 * own with the hub's migrations (no Spring context, and no timestamper of the hub's sealing beside
 * the test's), a test CA with the hub's key ring, and a test TSA ({@link TestStamps}); plus the
 * independent checks with openssl.
 */
final class EvidenceFixture {

  static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  /** The real time at start-up, so the certificates are valid for openssl too. */
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  static final LocalDate TODAY = LocalDate.ofInstant(NOW, BANGKOK);

  static final DataSource DATABASE = MigratedDatabase.get();
  static final JdbcClient JDBC = JdbcClient.create(DATABASE);
  static final TransactionTemplate TRANSACTIONS =
      new TransactionTemplate(new DataSourceTransactionManager(DATABASE));
  static final CertificateAuthority CA =
      Pki.createRootCa(
          "Evidence Test CA",
          KeyFamily.EC_P256,
          NOW.minus(Duration.ofDays(30)),
          NOW.plus(Duration.ofDays(3650)));
  static final InMemoryKeyRing KEYS = keyRing();
  static final TestStamps TSA = new TestStamps(CA, NOW);

  private EvidenceFixture() {}

  private static InMemoryKeyRing keyRing() {
    InMemoryKeyRing ring =
        new InMemoryKeyRing(CA, Clock.fixed(NOW, BANGKOK), Duration.ofDays(3000));
    ring.rotate(KeyFamily.EC_P256);
    return ring;
  }

  /** An empty message log and no applications. */
  static void reset() {
    JDBC.sql(
            "truncate evidence, evidence_manifest, evidence_archive, timeline_entry, application,"
                + " citizen_data_key cascade")
        .update();
  }

  /** A delivery-like record of an application, at the evidence writer's clock. */
  static void record(Evidence evidence, String applicationId, String kind) {
    evidence.record(
        Evidence.entry(kind)
            .application(applicationId)
            .exchange("delivery", kind.equals("ack") ? "in" : "out")
            .connector("test-connector")
            .sha256(Digests.sha256(applicationId + kind))
            .authorisedBy(null, "public_task"));
  }

  /** An application in {@code status}, last changed now, with one timeline entry. */
  static void application(Clock clock, String id, String status) {
    JDBC.sql(
            "insert into application (id, message_id, service_id, connector, model, agency,"
                + " citizen_id, status, body, submitted_at, updated_at)"
                + " values (?, ?, '1-001', 'test-connector', 3, 'test', '1101700000001', ?,"
                + " '{}'::jsonb, ?, ?)")
        .params(
            id,
            UUID.randomUUID(),
            status,
            java.sql.Timestamp.from(clock.instant()),
            java.sql.Timestamp.from(clock.instant()))
        .update();
    JDBC.sql(
            "insert into timeline_entry (application_id, status, source, occurred_at)"
                + " values (?, ?, 'hub', ?)")
        .params(id, status, java.sql.Timestamp.from(clock.instant()))
        .update();
  }

  /** The ids of the manifests in PostgreSQL. */
  static List<Long> manifests() {
    return JDBC.sql("select id from evidence_manifest order by id").query(Long.class).list();
  }

  static Map<String, byte[]> unzip(Path file) throws IOException {
    return unzip(Files.readAllBytes(file));
  }

  static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  /** The ZIP's files in a folder of their own, with the test CA as {@code ca.pem}. */
  static Path unpack(Path dir, Map<String, byte[]> zip) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("unpacked-" + UUID.randomUUID()));
    Files.createDirectories(folder.resolve("manifests"));
    Files.createDirectories(folder.resolve("certs"));
    for (Map.Entry<String, byte[]> e : zip.entrySet()) {
      Files.write(folder.resolve(e.getKey()), e.getValue());
    }
    Pki.writePem(folder.resolve("ca.pem"), List.of(CA.certificate()));
    return folder;
  }

  /** Skips the test loudly without openssl (fails it under CI=true). */
  static void openssl() {
    boolean present;
    try {
      present = new ProcessBuilder("openssl", "version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("openssl is required when CI=true");
    }
    Assumptions.assumeTrue(present, "openssl is not installed: independent check SKIPPED");
  }

  /** openssl's check of a detached CMS signature {@code <file>.p7s} over {@code file}. */
  static String cmsVerify(Path folder, String file, String caFile) throws Exception {
    return run(
        folder,
        "openssl",
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        file + ".p7s",
        "-content",
        file,
        "-CAfile",
        caFile,
        "-purpose",
        "any",
        "-out",
        "/dev/null");
  }

  /** openssl's check of manifest {@code id}'s RFC 3161 token against its bytes. */
  static String tsVerify(Path folder, long id, String caFile, String... more) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "ts",
                "-verify",
                "-data",
                "manifests/" + id + ".json",
                "-in",
                "manifests/" + id + ".tsr",
                "-CAfile",
                caFile));
    command.addAll(List.of(more));
    return run(folder, command.toArray(String[]::new));
  }

  /** Runs a command in {@code folder}; its output, after asserting it exited 0. */
  static String run(Path folder, String... command) throws Exception {
    Process process =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
