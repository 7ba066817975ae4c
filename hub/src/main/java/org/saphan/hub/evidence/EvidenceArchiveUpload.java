package org.saphan.hub.evidence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.sftp.SftpConnection;
import org.saphan.hub.platform.sftp.SftpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Copies the recorded daily archives to the archive SFTP store ({@code
 * saphan.evidence.archive.sftp}, docs/evidence.md): every {@code evidence_archive} row not yet
 * uploaded, oldest first, its stored file as it was recorded (checked against {@code zip_sha256},
 * never written again). Write-once on the store: an archive already there with the same bytes
 * counts as uploaded. A failure is kept in {@code upload_error}, counted and logged, and the
 * archive is tried again on the next run; retention keeps its rows until then.
 */
public class EvidenceArchiveUpload {

  /** What one run did. */
  public record Outcome(int uploaded, int failed) {}

  private static final Logger log = LoggerFactory.getLogger(EvidenceArchiveUpload.class);

  private record Pending(long id, String fileName, Path file, String zipSha256) {}

  private final JdbcClient jdbc;
  private final SftpEndpoint store;
  private final Counter failures;
  private final Clock clock;

  /**
   * @param store the archive store; {@code null} (or its settings disabled): archives stay local
   */
  public EvidenceArchiveUpload(
      JdbcClient jdbc, SftpEndpoint store, MeterRegistry meters, Clock clock) {
    this.jdbc = jdbc;
    this.store = store;
    this.failures =
        Counter.builder("saphan.evidence.archive.upload.failures")
            .description("Evidence archives the archive SFTP store did not take on a try")
            .register(meters);
    this.clock = clock;
  }

  /** Whether archives go to an SFTP store. */
  public boolean enabled() {
    return store != null && store.settings().isEnabled();
  }

  /** Uploads every recorded archive not uploaded yet; failures are recorded, not thrown. */
  public Outcome uploadPending() {
    if (!enabled()) {
      return new Outcome(0, 0);
    }
    List<Pending> pending =
        jdbc.sql(
                "select id, location, file_name, zip_sha256 from evidence_archive"
                    + " where uploaded_at is null order by id")
            .query(
                (rs, row) ->
                    new Pending(
                        rs.getLong("id"),
                        rs.getString("file_name"),
                        Path.of(rs.getString("location")).resolve(rs.getString("file_name")),
                        rs.getString("zip_sha256")))
            .list();
    if (pending.isEmpty()) {
      return new Outcome(0, 0);
    }
    int uploaded = 0;
    Deque<Pending> left = new ArrayDeque<>(pending);
    try (SftpConnection sftp = store.connect()) {
      while (!left.isEmpty()) {
        Pending archive = left.removeFirst();
        try {
          upload(sftp, archive);
          uploaded++;
        } catch (IOException | RuntimeException e) {
          failed(archive, e);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the connection failed: what is left is tried on the next run
      left.forEach(archive -> failed(archive, e));
    }
    return new Outcome(uploaded, pending.size() - uploaded);
  }

  private void upload(SftpConnection sftp, Pending archive) throws IOException {
    String found = Digests.sha256(archive.file());
    if (!found.equals(archive.zipSha256())) {
      throw SaphanException.system(
          ErrorCode.EVIDENCE_ARCHIVE_CONFLICT,
          archive.file()
              + " is not the archive recorded (SHA-256 "
              + found
              + ", recorded "
              + archive.zipSha256()
              + "); not uploaded",
          null);
    }
    SftpConnection.Upload done =
        sftp.upload(archive.file(), store.settings().getRemoteDir(), archive.fileName());
    jdbc.sql("update evidence_archive set uploaded_at = ?, upload_error = null where id = ?")
        .params(java.sql.Timestamp.from(clock.instant()), archive.id())
        .update();
    log.info(
        "Evidence archive {} uploaded to {}{}",
        archive.fileName(),
        store.address(),
        done == SftpConnection.Upload.ALREADY_THERE ? " (already there)" : "");
  }

  private void failed(Pending archive, Exception e) {
    String cause =
        e instanceof SaphanException s ? s.code().code() + ": " + s.getMessage() : describe(e);
    failures.increment();
    jdbc.sql("update evidence_archive set upload_error = ? where id = ?")
        .params(cause, archive.id())
        .update();
    log.warn(
        "Evidence archive {} not uploaded to {}: {}; kept locally, tried again on the next run",
        archive.fileName(),
        store.address(),
        cause);
  }

  private static String describe(Exception e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "the stored file " + e.getMessage() + " is missing"
        : SafeErrors.describe(e);
  }
}
