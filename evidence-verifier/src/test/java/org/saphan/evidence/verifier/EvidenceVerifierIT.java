package org.saphan.evidence.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier as operators and citizens run it: the packaged jar in a fresh JVM in a folder that
 * holds only the archive and the certificates; and {@code verify --db} against a real PostgreSQL
 * with the hub's migrations applied, tampered in SQL.
 */
class EvidenceVerifierIT {

  private static EvidencePki pki;
  private static EmbeddedPostgres postgres;
  private static Map<String, String> env;
  private static Archives.Day day;

  @TempDir Path dir;
  private Path certs;

  @BeforeAll
  static void database() throws Exception {
    pki = new EvidencePki();
    day = new Archives(pki).next("2026-12-07", 3, 4);
    postgres = EmbeddedPostgres.builder().start();
    env = Map.of(EvidenceCommand.DB_USER, "postgres");
    Path migrations =
        Path.of(System.getProperty("saphan.home", ".."), "hub/src/main/resources/db/migration");
    List<Path> files;
    try (Stream<Path> list = Files.list(migrations)) {
      files =
          list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
              .sorted(Comparator.comparingInt(EvidenceVerifierIT::version))
              .toList();
    }
    try (Connection db = connection();
        Statement s = db.createStatement()) {
      for (Path file : files) {
        s.execute(Files.readString(file));
      }
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void log() throws Exception {
    certs = pki.writeCertificates(dir.resolve("certs"));
    try (Connection db = connection();
        Statement s = db.createStatement()) {
      s.execute("truncate evidence, evidence_manifest");
      insert(db, day);
    }
  }

  @Test
  void shouldVerifyInAFreshJvmInAFolderHoldingOnlyTheArchiveAndCertificates() throws Exception {
    // given
    Path folder = Files.createDirectories(dir.resolve("empty"));
    Archives.write(day.files(), folder.resolve("evidence-2026-12-07.zip"));
    pki.writeCertificates(folder.resolve("certs"));
    // when
    Process verify = jar(folder, "verify", "evidence-2026-12-07.zip", "--certs", "certs");
    // then
    String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(verify.exitValue()).as(out).isZero();
    assertThat(out).contains("OK 1 archive(s) verified: 3 manifests (3 stamped");
  }

  @Test
  void shouldVerifyTheDatabaseWhenUntouched() {
    // when
    EvidenceCommandTest.Run run = verifyDb();
    // then
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("OK the database verified: 3 manifests (3 stamped");
  }

  @Test
  void shouldNameEditedRecordWhenRecordTextChangedInSql() throws SQLException {
    // when
    sql("update evidence set record = replace(record, 'http_200', 'http_500') where id = 6");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(EvidenceCommandTest.findings(run))
        .containsExactly("record_edited evidence 6", "record_edited evidence 6");
    assertThat(run.out())
        .contains("record 6: outcome, record_sha256 differ from the sealed record")
        .contains("record 6 (manifest 2, position 1) has SHA-256");
  }

  @Test
  void shouldNameEditedColumnWhenOutcomeChangedInSql() throws SQLException {
    // when
    sql("update evidence set outcome = 'http_500' where id = 6");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(EvidenceCommandTest.findings(run)).containsExactly("record_edited evidence 6");
    assertThat(run.out()).contains("record 6: outcome differs from the sealed record");
  }

  @Test
  void shouldNameDeletedRecordWhenRowDeleted() throws SQLException {
    // when
    sql("delete from evidence where id = 7");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(EvidenceCommandTest.findings(run)).containsExactly("record_deleted evidence 7");
    assertThat(run.out()).contains("record 7 (manifest 2, position 2) is missing");
  }

  @Test
  void shouldNameInsertedRecordWhenRowClaimsASealedPlace() throws SQLException {
    // when
    sql(
        "insert into evidence (id, application_id, kind, at, record, record_sha256, manifest_id, position)"
            + " select 100, application_id, kind, at, record, record_sha256, 2, 2 from evidence where id = 7");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(EvidenceCommandTest.findings(run)).contains("record_inserted evidence 100");
    assertThat(run.out())
        .contains(
            "record 100 is listed by no manifest; it claims manifest 2, position 2, where record 7 is listed");
  }

  @Test
  void shouldNameInsertedRecordWhenAnOldRowIsNotSealed() throws SQLException {
    // when: a row dated before manifest 1, added after the timestamper sealed later records
    sql(
        "insert into evidence (id, application_id, kind, at, record, record_sha256)"
            + " select 0, application_id, kind, at - interval '1 hour', record, record_sha256 from evidence where id = 1");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(EvidenceCommandTest.findings(run)).containsExactly("record_inserted evidence 0");
    assertThat(run.out())
        .contains("is sealed by no manifest, although the timestamper sealed later records");
  }

  @Test
  void shouldAcceptARecentUnsealedRowAwaitingTheTimestamper() throws SQLException {
    // when
    sql(
        "insert into evidence (id, application_id, kind, at, record, record_sha256)"
            + " select 50, application_id, kind, at, record, record_sha256 from evidence where id = 12");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("1 records await the timestamper");
  }

  @Test
  void shouldNameReorderedRecordsWhenPositionsSwappedInSql() throws SQLException {
    // when
    sql("update evidence set position = case id when 5 then 1 else 0 end where id in (5, 6)");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(EvidenceCommandTest.findings(run))
        .containsExactly("record_reordered evidence 5", "record_reordered evidence 6");
  }

  @Test
  void shouldReportBrokenChainWhenAManifestIsDeleted() throws SQLException {
    // when
    sql("delete from evidence where manifest_id = 2");
    sql("delete from evidence_manifest where id = 2");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(EvidenceCommandTest.findings(run))
        .containsExactly("chain_broken evidence_manifest 3");
    assertThat(run.out()).contains("(manifests 2..2 are missing)");
  }

  @Test
  void shouldRejectTokenWhenATokenIsSwappedInSql() throws SQLException {
    // when
    sql(
        "update evidence_manifest set tsa_response = (select tsa_response from evidence_manifest where id = 1) where id = 3");
    // then
    EvidenceCommandTest.Run run = verifyDb();
    assertThat(EvidenceCommandTest.findings(run))
        .containsExactly("token_invalid evidence_manifest 3 tsa_response");
  }

  @Test
  void shouldShowOneCaseFromTheDatabase() {
    // when
    EvidenceCommandTest.Run run =
        EvidenceCommandTest.run(
            env, "show", "APP-2", "--db", postgres.getJdbcUrl("postgres", "postgres"));
    // then
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("Application APP-2: 4 records, in order")
        .contains("sealed in manifest 1 at position 1, stamped ");
  }

  private EvidenceCommandTest.Run verifyDb() {
    return EvidenceCommandTest.run(
        env,
        "verify",
        "--db",
        postgres.getJdbcUrl("postgres", "postgres"),
        "--certs",
        certs.toString());
  }

  private Process jar(Path folder, String... args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jar =
        Path.of(System.getProperty("verifier.jar", "target/saphan-evidence-verifier.jar"))
            .toAbsolutePath();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
  }

  private static void insert(Connection db, Archives.Day day) throws SQLException {
    try (PreparedStatement m =
        db.prepareStatement(
            "insert into evidence_manifest (id, created_at, previous_sha256, manifest, manifest_sha256,"
                + " records, first_record, last_record, tsa_response, tsa_time)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<Long, byte[]> e : day.manifests().entrySet()) {
        Manifest manifest = Manifest.parse(e.getValue());
        m.setLong(1, e.getKey());
        m.setTimestamp(2, Timestamp.from(day.created().get(e.getKey())));
        m.setString(3, manifest.previous());
        m.setBytes(4, e.getValue());
        m.setString(5, manifest.sha256());
        m.setInt(6, manifest.records().size());
        m.setLong(7, manifest.records().get(0).id());
        m.setLong(8, manifest.records().get(manifest.records().size() - 1).id());
        m.setBytes(9, day.tokens().get(e.getKey()));
        m.setTimestamp(10, Timestamp.from(day.created().get(e.getKey()).plusSeconds(1)));
        m.addBatch();
      }
      m.executeBatch();
    }
    try (PreparedStatement r =
        db.prepareStatement(
            "insert into evidence (id, at, application_id, correlation_id, message_id, kind, outcome,"
                + " payload_sha256, detail, exchange, direction, connector, lawful_basis, record,"
                + " record_sha256, manifest_id, position)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Archives.Line l : day.lines()) {
        var record = Manifest.JSON.readTree(l.text());
        r.setLong(1, l.id());
        r.setTimestamp(2, Timestamp.from(l.at()));
        r.setString(3, l.applicationId());
        r.setString(4, record.get("correlationId").asText());
        r.setString(5, record.get("messageId").asText());
        r.setString(6, record.get("kind").asText());
        r.setString(7, record.get("outcome").asText());
        r.setString(8, record.get("sha256").asText());
        r.setString(9, record.get("detail").toString());
        r.setString(10, record.get("exchange").asText());
        r.setString(11, record.get("direction").asText());
        r.setString(12, record.get("connector").asText());
        r.setString(13, record.get("lawfulBasis").asText());
        r.setString(14, l.text());
        r.setString(15, Sha256.hex(l.text()));
        r.setLong(16, l.manifest());
        r.setInt(17, l.position());
        r.addBatch();
      }
      r.executeBatch();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection db = connection();
        Statement s = db.createStatement()) {
      s.execute(statement);
    }
  }

  private static Connection connection() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  private static int version(Path migration) {
    String name = migration.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }
}
