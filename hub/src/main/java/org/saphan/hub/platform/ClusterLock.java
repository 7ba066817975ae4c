package org.saphan.hub.platform;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled work once per cluster: relays, pollers, probes, batch jobs and SLA checks call
 * {@link #runIfFree} and only the node that holds the PostgreSQL advisory lock does the work.
 *
 * <p>The lock is a session-level advisory lock on a connection held for the duration of the work,
 * so a node that dies (or loses its connection) releases it at once and the next tick of another
 * node takes the work over. Every run is recorded in {@code scheduled_run} for operators.
 */
public class ClusterLock {

  private static final Logger log = LoggerFactory.getLogger(ClusterLock.class);

  private final DataSource dataSource;
  private final String nodeName;
  private final MeterRegistry meters;
  private final Clock clock;

  /** A lock stamped with the wall clock, not the hub's (test) clock. */
  public ClusterLock(DataSource dataSource, NodeIdentity node, MeterRegistry meters) {
    this(dataSource, node.name(), meters, Clock.systemUTC());
  }

  ClusterLock(DataSource dataSource, String nodeName, MeterRegistry meters, Clock clock) {
    this.dataSource = dataSource;
    this.nodeName = nodeName;
    this.meters = meters;
    this.clock = clock;
  }

  /** Outcome of one attempt: whether this node ran the work, and what the work returned. */
  public record Outcome<T>(boolean ran, Optional<T> result) {}

  /**
   * Runs {@code work} if no other node (or thread) is running the job of the same name right now.
   *
   * @return ran=false without running the work when the lock is held elsewhere
   */
  public <T> Outcome<T> callIfFree(String jobName, Supplier<T> work) {
    long key = lockKey(jobName);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      if (!tryLock(connection, key)) {
        meters.counter("saphan.cluster.lock.skipped", "job", jobName).increment();
        log.debug("Job {} is running on another node; skipped", jobName);
        return new Outcome<>(false, Optional.empty());
      }
      Instant started = clock.instant();
      long runId = recordStart(connection, jobName, started);
      String outcome = "failed";
      try {
        T result = work.get();
        outcome = "succeeded";
        return new Outcome<>(true, Optional.ofNullable(result));
      } finally {
        recordEnd(connection, runId, outcome);
        unlock(connection, key);
        meters
            .timer("saphan.cluster.job", "job", jobName, "outcome", outcome)
            .record(Duration.between(started, clock.instant()));
      }
    } catch (SQLException e) {
      throw SaphanException.system(
          ErrorCode.SERVICE_UNAVAILABLE,
          "Cluster lock for job '" + jobName + "' unavailable: database error " + e.getSQLState(),
          e);
    }
  }

  /** As {@link #callIfFree(String, Supplier)} for work without a result. */
  public boolean runIfFree(String jobName, Runnable work) {
    return callIfFree(
            jobName,
            () -> {
              work.run();
              return null;
            })
        .ran();
  }

  private static boolean tryLock(Connection connection, long key) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      statement.setLong(1, key);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static void unlock(Connection connection, long key) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("select pg_advisory_unlock(?)")) {
      statement.setLong(1, key);
      statement.execute();
    }
  }

  private long recordStart(Connection connection, String jobName, Instant started)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "insert into scheduled_run (job_name, node_name, started_at) values (?, ?, ?)"
                + " returning id")) {
      statement.setString(1, jobName);
      statement.setString(2, nodeName);
      statement.setObject(3, java.sql.Timestamp.from(started));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void recordEnd(Connection connection, long runId, String outcome) {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "update scheduled_run set finished_at = ?, outcome = ? where id = ?")) {
      statement.setObject(1, java.sql.Timestamp.from(clock.instant()));
      statement.setString(2, outcome);
      statement.setLong(3, runId);
      statement.executeUpdate();
    } catch (SQLException e) {
      log.warn("Could not record the end of scheduled run {}: {}", runId, SafeErrors.describe(e));
    }
  }

  /** A stable 64-bit advisory-lock key per job name (first 8 bytes of its SHA-256). */
  static long lockKey(String jobName) {
    byte[] digest = Digests.sha256Bytes(("saphan:" + jobName).getBytes(StandardCharsets.UTF_8));
    long key = 0;
    for (int i = 0; i < 8; i++) {
      key = (key << 8) | (digest[i] & 0xff);
    }
    return key;
  }
}
