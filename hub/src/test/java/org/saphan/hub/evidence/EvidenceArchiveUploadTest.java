package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.hub.evidence.EvidenceFixture.BANGKOK;
import static org.saphan.hub.evidence.EvidenceFixture.JDBC;
import static org.saphan.hub.evidence.EvidenceFixture.KEYS;
import static org.saphan.hub.evidence.EvidenceFixture.NOW;
import static org.saphan.hub.evidence.EvidenceFixture.TODAY;
import static org.saphan.hub.evidence.EvidenceFixture.TRANSACTIONS;
import static org.saphan.hub.evidence.EvidenceFixture.TSA;
import static org.saphan.hub.evidence.EvidenceFixture.manifests;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.hub.platform.sftp.SftpEndpoint;
import org.saphan.hub.platform.sftp.SftpSettings;
import org.saphan.hub.platform.sftp.TestSftpServer;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.support.MutableClock;
import org.springframework.mock.env.MockEnvironment;

/**
 * The daily archive copied to the archive SFTP store (docs/evidence.md, "Archives"): the stored
 * file, write-once, retried after a failure, and retention waiting for it; against the fixture's
 * PostgreSQL and an in-process SFTP server.
 */
class EvidenceArchiveUploadTest {

  @TempDir Path dir;

  private MutableClock clock;
  private Evidence evidence;
  private EvidenceArchiver archiver;
  private TestSftpServer server;
  private SimpleMeterRegistry meters;
  private EvidenceArchiveUpload upload;

  @BeforeEach
  void empty() throws IOException {
    EvidenceFixture.reset();
    clock = new MutableClock(NOW);
    evidence = new Evidence(JDBC, clock);
    archiver =
        new EvidenceArchiver(
            JDBC, TRANSACTIONS, new CmsSigner(KEYS, clock), dir.resolve("archive"), BANGKOK, clock);
    server = new TestSftpServer(dir);
    Files.createDirectories(server.root().resolve("evidence"));
    meters = new SimpleMeterRegistry();
    upload = upload(server.archiveSettings());
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private EvidenceArchiveUpload upload(SftpSettings settings) {
    settings.setRemoteDir("/evidence");
    return new EvidenceArchiveUpload(
        JDBC,
        new SftpEndpoint("saphan.evidence.archive.sftp", settings, new MockEnvironment()),
        meters,
        clock);
  }

  private EvidenceArchiver.Archive archiveToday() {
    EvidenceFixture.record(evidence, "APP-1", "delivery_attempt");
    TSA.seal(JDBC, clock.instant());
    return archiver.archive(TODAY).orElseThrow();
  }

  private String uploadError() {
    return JDBC.sql("select upload_error from evidence_archive")
        .query((rs, row) -> rs.getString(1))
        .list()
        .get(0);
  }

  private boolean uploaded() {
    return JDBC.sql("select uploaded_at is not null from evidence_archive")
        .query(Boolean.class)
        .single();
  }

  private double failures() {
    return meters.counter("saphan.evidence.archive.upload.failures").count();
  }

  @Test
  void shouldUploadTheStoredArchiveWhenTheDayIsRecorded() throws Exception {
    // given
    EvidenceArchiver.Archive archive = archiveToday();
    // when
    EvidenceArchiveUpload.Outcome outcome = upload.uploadPending();
    // then
    assertThat(outcome).isEqualTo(new EvidenceArchiveUpload.Outcome(1, 0));
    Path stored = server.root().resolve("evidence").resolve(archive.file().getFileName());
    assertThat(Files.readAllBytes(stored)).isEqualTo(Files.readAllBytes(archive.file()));
    assertThat(server.renamed())
        .containsExactly(archive.file().getFileName() + ".part>" + archive.file().getFileName());
    assertThat(uploaded()).isTrue();
    assertThat(upload.uploadPending()).isEqualTo(new EvidenceArchiveUpload.Outcome(0, 0));
  }

  @Test
  void shouldKeepTheArchiveLocalAndRetryWhenTheStoreFails() throws Exception {
    // given: the store refuses writes on the first run
    EvidenceArchiver.Archive archive = archiveToday();
    server.refuseWrites(true);
    // when
    EvidenceArchiveUpload.Outcome failed = upload.uploadPending();
    // then
    assertThat(failed).isEqualTo(new EvidenceArchiveUpload.Outcome(0, 1));
    assertThat(uploaded()).isFalse();
    assertThat(uploadError()).isNotBlank();
    assertThat(failures()).isEqualTo(1.0);
    assertThat(archive.file()).exists();
    // when: the next run, the store back
    server.refuseWrites(false);
    EvidenceArchiveUpload.Outcome retried = upload.uploadPending();
    // then: the same stored bytes, nothing regenerated
    assertThat(retried).isEqualTo(new EvidenceArchiveUpload.Outcome(1, 0));
    assertThat(server.root().resolve("evidence").resolve(archive.file().getFileName()))
        .hasSameBinaryContentAs(archive.file());
    assertThat(uploaded()).isTrue();
    assertThat(uploadError()).isNull();
  }

  @Test
  void shouldRecordSftpHostKeyMismatchWhenTheStoreShowsAnotherKey() {
    // given
    archiveToday();
    SftpSettings settings = server.archiveSettings();
    settings.setHostKeyFingerprint("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    // when
    EvidenceArchiveUpload.Outcome outcome = upload(settings).uploadPending();
    // then
    assertThat(outcome).isEqualTo(new EvidenceArchiveUpload.Outcome(0, 1));
    assertThat(uploadError()).startsWith("sftp_host_key_mismatch: the SFTP server localhost:");
    assertThat(failures()).isEqualTo(1.0);
  }

  @Test
  void shouldRecordSftpFileConflictWhenTheStoreHoldsAnotherFileOfTheDay() throws Exception {
    // given
    EvidenceArchiver.Archive archive = archiveToday();
    Path theirs = server.root().resolve("evidence").resolve(archive.file().getFileName());
    Files.writeString(theirs, "not the hub's archive");
    // when
    EvidenceArchiveUpload.Outcome outcome = upload.uploadPending();
    // then
    assertThat(outcome).isEqualTo(new EvidenceArchiveUpload.Outcome(0, 1));
    assertThat(uploadError()).startsWith("sftp_file_conflict: ");
    assertThat(theirs).hasContent("not the hub's archive");
  }

  @Test
  void shouldRecordEvidenceArchiveConflictWhenTheStoredFileChanged() throws Exception {
    // given
    EvidenceArchiver.Archive archive = archiveToday();
    Files.writeString(archive.file(), "edited");
    // when
    EvidenceArchiveUpload.Outcome outcome = upload.uploadPending();
    // then: an edited archive never reaches the store
    assertThat(outcome).isEqualTo(new EvidenceArchiveUpload.Outcome(0, 1));
    assertThat(uploadError()).startsWith("evidence_archive_conflict: ");
    assertThat(server.root().resolve("evidence").resolve(archive.file().getFileName()))
        .doesNotExist();
  }

  @Test
  void shouldKeepArchivedEvidenceUntilItsArchiveIsUploadedWhenAStoreIsConfigured() {
    // given: two manifests archived, old, not uploaded yet
    EvidenceFixture.record(evidence, "APP-1", "delivery_attempt");
    long first = TSA.seal(JDBC, clock.instant());
    EvidenceFixture.record(evidence, "APP-1", "ack");
    long newest = TSA.seal(JDBC, clock.instant());
    archiver.archive(TODAY).orElseThrow();
    clock.advance(Duration.ofDays(400));
    EvidenceRetention retention =
        new EvidenceRetention(JDBC, TRANSACTIONS, Duration.ofDays(365), List.of(), true, clock);
    // when
    EvidenceRetention.Purged before = retention.purge();
    upload.uploadPending();
    EvidenceRetention.Purged after = retention.purge();
    // then
    assertThat(before.manifests()).isZero();
    assertThat(after.manifests()).isEqualTo(1);
    assertThat(manifests()).containsExactly(newest);
    assertThat(first).isLessThan(newest);
  }
}
