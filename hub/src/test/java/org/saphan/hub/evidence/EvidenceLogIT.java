package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.common.Zones;
import org.saphan.evidence.verifier.EvidenceCommand;
import org.saphan.hub.security.ExternalTools;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The message log end to end, after every other integration test of the suite has written its
 * exchanges (deliveries, callbacks, SOAP reports, GDX reads, payments, webhooks, SSO): sealed and
 * stamped by the real timestamper against the sandbox TSA, archived by the real archiver, and
 * checked by the offline verifier ({@code ./saphan evidence verify}) in the database, in the
 * archive and in a citizen's bundle; the archive's pieces by openssl too; an edited record is
 * named.
 */
@Order(Integer.MAX_VALUE - 2)
class EvidenceLogIT extends HubIntegrationTest {

  @Autowired Timestamper timestamper;
  @Autowired EvidenceArchiver archiver;
  @Autowired EvidenceArchiveUpload upload;
  @Autowired EvidenceBundles bundles;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired Clock clock;

  @TempDir Path dir;

  @Test
  void shouldVerifyTheWholeSuitesLogOfflineInTheDatabaseAnArchiveAndABundle() throws Exception {
    // given: every exchange of the suite sealed and stamped
    for (int i = 0; i < 5 && unstamped() > 0; i++) {
      timestamper.run();
    }
    assertThat(unstamped()).isZero();
    // (in the whole suite more than ten kinds of exchange; run alone, whatever the context wrote)
    assertThat(jdbc.sql("select count(*) from evidence").query(Long.class).single()).isPositive();
    // when: the database is verified offline (read-only)
    Path certs = ENV.keysDir().resolve("public");
    Result db = verify("verify", "--db", jdbcUrl(), "--certs", certs.toString());
    // then
    assertThat(db.exit()).as(db.output()).isZero();
    // when: today's archive is written and verified in a folder holding only it and the
    // published certificates
    EvidenceArchiver.Archive archive =
        archiver.archive(LocalDate.now(clock.withZone(Zones.BANGKOK))).orElseThrow();
    Path zip = dir.resolve(archive.file().getFileName());
    Files.copy(archive.file(), zip, StandardCopyOption.REPLACE_EXISTING);
    Result verified = verify("verify", zip.toString(), "--certs", certs.toString());
    // then
    assertThat(verified.exit()).as(verified.output()).isZero();
    // and it reaches the sandbox's archive store as stored (the hub's SFTP key, write-once)
    assertThat(upload.uploadPending()).isEqualTo(new EvidenceArchiveUpload.Outcome(1, 0));
    assertThat(ENV.dataDir().resolve("sftp/archive").resolve(archive.file().getFileName()))
        .hasSameBinaryContentAs(archive.file());
    // and the pieces verify with openssl
    ExternalTools.require("openssl");
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    unzip(zip, unpacked);
    String ca = certs.resolve("sandbox-ca.pem").toString();
    ExternalTools.Result cms =
        ExternalTools.run(
            unpacked,
            "openssl",
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "archive-manifest.json.p7s",
            "-content",
            "archive-manifest.json",
            "-CAfile",
            ca,
            "-purpose",
            "any",
            "-out",
            "/dev/null");
    assertThat(cms.exitCode()).as(cms.output()).isZero();
    String first = "manifests/" + archive.firstManifest();
    ExternalTools.Result ts =
        ExternalTools.run(
            unpacked,
            "openssl",
            "ts",
            "-verify",
            "-data",
            first + ".json",
            "-in",
            first + ".tsr",
            "-CAfile",
            ca);
    assertThat(ts.output()).contains("Verification: OK");
    // when: one record of the archive is edited
    Path edited = dir.resolve("edited.zip");
    rewrite(zip, edited, "records.jsonl", text -> text.replaceFirst("\"v\\\\\":1", "\"v\\\\\":2"));
    Result tampered = verify("verify", edited.toString(), "--certs", certs.toString());
    // then: named, not verified
    assertThat(tampered.exit()).as(tampered.output()).isEqualTo(1);
    assertThat(tampered.output()).contains("FAIL");
    // when: a citizen's bundle of an application with sealed records
    String application =
        jdbc.sql(
                "select application_id from evidence where application_id is not null"
                    + " and manifest_id is not null and kind = 'ack' order by id limit 1")
            .query(String.class)
            .single();
    Path bundle = dir.resolve("bundle.zip");
    Files.write(bundle, bundles.of(application).zip());
    Result citizen = verify("verify", bundle.toString(), "--certs", certs.toString());
    // then
    assertThat(citizen.exit()).as(citizen.output()).isZero();
  }

  private long unstamped() {
    return jdbc.sql(
            "select count(*) from evidence e left join evidence_manifest m on m.id = e.manifest_id"
                + " where m.tsa_response is null")
        .query(Long.class)
        .single();
  }

  private String jdbcUrl() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getURL();
    }
  }

  private record Result(int exit, String output) {}

  private Result verify(String... args) throws Exception {
    String user;
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      user = meta.getUserName();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int exit =
        new EvidenceCommand(
                out,
                out,
                Map.of("SAPHAN_EVIDENCE_DB_USER", user, "SAPHAN_EVIDENCE_DB_PASSWORD", ""))
            .run(args);
    return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  private static void unzip(Path zip, Path to) throws Exception {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        Path target = to.resolve(e.getName()).normalize();
        assertThat(target.startsWith(to)).as(e.getName()).isTrue();
        Files.createDirectories(target.getParent());
        Files.write(target, z.getInputStream(e).readAllBytes());
      }
    }
  }

  private static void rewrite(
      Path zip, Path to, String name, java.util.function.UnaryOperator<String> edit)
      throws Exception {
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        names.add(e.getName());
        byte[] content = z.getInputStream(e).readAllBytes();
        if (e.getName().equals(name)) {
          String changed = edit.apply(new String(content, StandardCharsets.UTF_8));
          assertThat(changed).isNotEqualTo(new String(content, StandardCharsets.UTF_8));
          content = changed.getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    assertThat(names).contains(name);
  }
}
