package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.saphan.hub.evidence.EvidenceFixture.BANGKOK;
import static org.saphan.hub.evidence.EvidenceFixture.JDBC;
import static org.saphan.hub.evidence.EvidenceFixture.KEYS;
import static org.saphan.hub.evidence.EvidenceFixture.NOW;
import static org.saphan.hub.evidence.EvidenceFixture.TODAY;
import static org.saphan.hub.evidence.EvidenceFixture.TRANSACTIONS;
import static org.saphan.hub.evidence.EvidenceFixture.TSA;
import static org.saphan.hub.evidence.EvidenceFixture.cmsVerify;
import static org.saphan.hub.evidence.EvidenceFixture.manifests;
import static org.saphan.hub.evidence.EvidenceFixture.openssl;
import static org.saphan.hub.evidence.EvidenceFixture.tsVerify;
import static org.saphan.hub.evidence.EvidenceFixture.unpack;
import static org.saphan.hub.evidence.EvidenceFixture.unzip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.applications.ApplicationRetention;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.support.MutableClock;

/**
 * The daily archive and retention (docs/evidence.md, "Archives") against the fixture's own
 * PostgreSQL, the archive checked with openssl as the page promises; manifests are stamped by a
 * test TSA as the hub's timestamper would.
 */
class EvidenceArchiveTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private MutableClock clock;
  private Evidence evidence;
  private EvidenceArchiver archiver;

  @BeforeEach
  void empty() {
    EvidenceFixture.reset();
    clock = new MutableClock(NOW);
    evidence = new Evidence(JDBC, clock);
    archiver =
        new EvidenceArchiver(
            JDBC, TRANSACTIONS, new CmsSigner(KEYS, clock), dir.resolve("archive"), BANGKOK, clock);
  }

  @Test
  void shouldWriteAnArchiveThatOpensslVerifiesWhenManifestsAreStamped() throws Exception {
    // given
    openssl();
    record("APP-1", "delivery_attempt");
    record("APP-2", "delivery_attempt");
    long first = TSA.seal(JDBC, clock.instant());
    record("APP-1", "ack");
    long second = TSA.seal(JDBC, clock.instant());
    // when
    EvidenceArchiver.Archive archive = archiver.archive(TODAY).orElseThrow();
    // then
    Map<String, byte[]> zip = unzip(archive.file());
    assertThat(zip)
        .containsOnlyKeys(
            "archive-manifest.json",
            "archive-manifest.json.p7s",
            "manifests/" + first + ".json",
            "manifests/" + first + ".tsr",
            "manifests/" + second + ".json",
            "manifests/" + second + ".tsr",
            "records.jsonl");
    JsonNode manifest = JSON.readTree(zip.get("archive-manifest.json"));
    assertThat(manifest.path("format").asText()).isEqualTo("saphan-evidence-archive/1");
    assertThat(manifest.path("day").asText()).isEqualTo(TODAY.toString());
    assertThat(manifest.path("previousArchive").asText()).isEqualTo(EvidenceZip.NO_PREVIOUS);
    assertThat(manifest.path("previousManifest").asText()).isEqualTo(EvidenceZip.NO_PREVIOUS);
    assertThat(manifest.path("manifests").get(1).path("sha256").asText())
        .isEqualTo(Digests.sha256(zip.get("manifests/" + second + ".json")));
    assertThat(manifest.path("records").path("count").asInt()).isEqualTo(3);
    assertThat(manifest.path("records").path("sha256").asText())
        .isEqualTo(Digests.sha256(zip.get("records.jsonl")));
    List<String> lines =
        new String(zip.get("records.jsonl"), StandardCharsets.UTF_8).lines().toList();
    JsonNode third = JSON.readTree(lines.get(2));
    assertThat(third.path("manifest").asLong()).isEqualTo(second);
    assertThat(third.path("position").asInt()).isZero();
    assertThat(Digests.sha256(third.path("record").asText()))
        .isEqualTo(
            JDBC.sql("select record_sha256 from evidence where id = ?")
                .param(third.path("id").asLong())
                .query(String.class)
                .single());
    Path unpacked = unpack(dir, zip);
    assertThat(cmsVerify(unpacked, "archive-manifest.json", "ca.pem"))
        .contains("Verification successful");
    assertThat(tsVerify(unpacked, first, "ca.pem")).contains("Verification: OK");
    assertThat(
            JDBC.sql("select count(*) from evidence_manifest where archive_id is null")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void shouldKeepTheArchiveWhenTheDayRunsAgain() throws Exception {
    // given
    record("APP-1", "delivery_attempt");
    TSA.seal(JDBC, clock.instant());
    EvidenceArchiver.Archive written = archiver.archive(TODAY).orElseThrow();
    byte[] bytes = Files.readAllBytes(written.file());
    record("APP-1", "ack");
    TSA.seal(JDBC, clock.instant());
    clock.advance(Duration.ofMinutes(5));
    // when
    EvidenceArchiver.Archive again = archiver.archive(TODAY).orElseThrow();
    // then
    assertThat(again.written()).isFalse();
    assertThat(again.manifestSha256()).isEqualTo(written.manifestSha256());
    assertThat(Files.readAllBytes(written.file())).isEqualTo(bytes);
    assertThat(JDBC.sql("select count(*) from evidence_archive").query(Integer.class).single())
        .isEqualTo(1);
  }

  @Test
  void shouldNameThePreviousArchiveWhenTheNextDayIsArchived() throws Exception {
    // given
    record("APP-1", "delivery_attempt");
    long first = TSA.seal(JDBC, clock.instant());
    EvidenceArchiver.Archive yesterday = archiver.archive(TODAY).orElseThrow();
    clock.advance(Duration.ofDays(1));
    record("APP-1", "ack");
    TSA.seal(JDBC, clock.instant());
    // when
    EvidenceArchiver.Archive today = archiver.archive(TODAY.plusDays(1)).orElseThrow();
    // then
    JsonNode manifest = JSON.readTree(unzip(today.file()).get("archive-manifest.json"));
    assertThat(manifest.path("previousArchive").asText()).isEqualTo(yesterday.manifestSha256());
    assertThat(manifest.path("previousManifest").asText())
        .isEqualTo(
            JDBC.sql("select manifest_sha256 from evidence_manifest where id = ?")
                .param(first)
                .query(String.class)
                .single());
    assertThat(today.previousSha256()).isEqualTo(yesterday.manifestSha256());
  }

  @Test
  void shouldStopBeforeTheFirstUnstampedManifestWhenTheTsaFailedForOne() {
    // given
    record("APP-1", "delivery_attempt");
    long stamped = TSA.seal(JDBC, clock.instant());
    record("APP-1", "ack");
    long unstamped = TSA.seal(JDBC, clock.instant());
    JDBC.sql("update evidence_manifest set tsa_response = null where id = ?")
        .param(unstamped)
        .update();
    record("APP-1", "status_received");
    TSA.seal(JDBC, clock.instant());
    // when
    EvidenceArchiver.Archive archive = archiver.archive(TODAY).orElseThrow();
    // then
    assertThat(archive.firstManifest()).isEqualTo(stamped);
    assertThat(archive.lastManifest()).isEqualTo(stamped);
    assertThat(archive.records()).isEqualTo(1);
  }

  @Test
  void shouldArchiveNothingWhenNothingIsStamped() {
    // given
    record("APP-1", "delivery_attempt");
    // when / then
    assertThat(archiver.archive(TODAY)).isEmpty();
    assertThat(Files.exists(archiver.fileOf(TODAY))).isFalse();
  }

  @Test
  void shouldAdoptTheFileWhenACrashLeftItWithoutItsRecord() throws Exception {
    // given: the file was named, then the transaction recording it rolled back
    record("APP-1", "delivery_attempt");
    TSA.seal(JDBC, clock.instant());
    EvidenceArchiver.Archive written = archiver.archive(TODAY).orElseThrow();
    byte[] bytes = Files.readAllBytes(written.file());
    JDBC.sql("update evidence_manifest set archive_id = null").update();
    JDBC.sql("delete from evidence_archive").update();
    // when
    EvidenceArchiver.Archive adopted = archiver.archive(TODAY).orElseThrow();
    // then
    assertThat(adopted.written()).isFalse();
    assertThat(adopted.manifestSha256()).isEqualTo(written.manifestSha256());
    assertThat(Files.readAllBytes(written.file())).isEqualTo(bytes);
    assertThat(
            JDBC.sql("select zip_sha256 from evidence_archive where day = ?")
                .param(TODAY)
                .query(String.class)
                .single())
        .isEqualTo(Digests.sha256(bytes));
  }

  @Test
  void shouldRefuseWithEvidenceArchiveConflictWhenAnotherFileHoldsTheDay() throws Exception {
    // given
    record("APP-1", "delivery_attempt");
    TSA.seal(JDBC, clock.instant());
    Files.createDirectories(archiver.fileOf(TODAY).getParent());
    Files.writeString(archiver.fileOf(TODAY), "not an archive");
    // when / then
    assertThatThrownBy(() -> archiver.archive(TODAY))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EVIDENCE_ARCHIVE_CONFLICT));
    assertThat(Files.readString(archiver.fileOf(TODAY))).isEqualTo("not an archive");
    assertThat(
            JDBC.sql("select count(*) from evidence_manifest where archive_id is null")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseWithEvidenceChainBrokenWhenAManifestDoesNotNameItsPrevious() {
    // given
    record("APP-1", "delivery_attempt");
    TSA.seal(JDBC, clock.instant());
    record("APP-1", "ack");
    long second = TSA.seal(JDBC, clock.instant());
    JDBC.sql("update evidence_manifest set previous_sha256 = ? where id = ?")
        .params("f".repeat(64), second)
        .update();
    // when / then
    assertThatThrownBy(() -> archiver.archive(TODAY))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EVIDENCE_CHAIN_BROKEN));
    assertThat(Files.exists(archiver.fileOf(TODAY))).isFalse();
  }

  @Test
  void shouldRefuseWithEvidenceChainBrokenWhenARecordOfAManifestIsMissing() {
    // given
    record("APP-1", "delivery_attempt");
    record("APP-1", "ack");
    TSA.seal(JDBC, clock.instant());
    JDBC.sql("delete from evidence where position = 1").update();
    // when / then
    assertThatThrownBy(() -> archiver.archive(TODAY))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EVIDENCE_CHAIN_BROKEN));
    assertThat(JDBC.sql("select count(*) from evidence_archive").query(Integer.class).single())
        .isZero();
  }

  @Test
  void shouldRemoveArchivedEvidenceAndClosedApplicationsWhenRetentionHasPassed() {
    // given: two old manifests archived, one old unarchived, closed and open applications
    application("APP-CLOSED", "completed");
    application("APP-OPEN", "in_review");
    record("APP-CLOSED", "delivery_attempt");
    long first = TSA.seal(JDBC, clock.instant());
    record("APP-OPEN", "delivery_attempt");
    long second = TSA.seal(JDBC, clock.instant());
    archiver.archive(TODAY).orElseThrow();
    record("APP-OPEN", "ack");
    long unarchived = TSA.seal(JDBC, clock.instant());
    clock.advance(Duration.ofDays(31));
    EvidenceRetention retention =
        new EvidenceRetention(
            JDBC,
            TRANSACTIONS,
            Duration.ofDays(30),
            List.of(new ApplicationRetention(JDBC, TRANSACTIONS)),
            false,
            clock);
    // when
    EvidenceRetention.Purged purged = retention.purge();
    // then
    assertThat(purged.manifests()).isEqualTo(2);
    assertThat(manifests()).containsExactly(unarchived);
    assertThat(purged.records()).isEqualTo(2);
    assertThat(JDBC.sql("select application_id from evidence").query(String.class).list())
        .containsExactly("APP-OPEN");
    assertThat(purged.above()).containsEntry("closed applications", 1);
    assertThat(JDBC.sql("select id from application").query(String.class).list())
        .containsExactly("APP-OPEN");
    assertThat(JDBC.sql("select count(*) from timeline_entry").query(Integer.class).single())
        .isEqualTo(1);
    assertThat(first).isLessThan(second);
  }

  @Test
  void shouldKeepTheNewestManifestWhenEverythingIsArchivedAndOld() {
    // given
    record("APP-1", "delivery_attempt");
    TSA.seal(JDBC, clock.instant());
    record("APP-1", "ack");
    long newest = TSA.seal(JDBC, clock.instant());
    archiver.archive(TODAY).orElseThrow();
    clock.advance(Duration.ofDays(400));
    EvidenceRetention retention =
        new EvidenceRetention(JDBC, TRANSACTIONS, Duration.ofDays(365), List.of(), false, clock);
    // when
    retention.purge();
    // then: the next manifest still finds the hash it chains to
    assertThat(manifests()).containsExactly(newest);
  }

  private void record(String applicationId, String kind) {
    EvidenceFixture.record(evidence, applicationId, kind);
  }

  private void application(String id, String status) {
    EvidenceFixture.application(clock, id, status);
  }
}
