package org.saphan.hub.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.saphan.hub.error.SafeErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Long-held leadership for work that runs many times a second on one node only (the outbox relay):
 * a PostgreSQL session advisory lock kept on a dedicated connection. A node that dies closes its
 * connection and the lock passes to the next node within {@link #renew}'s period; scheduled work
 * that runs now and then uses {@link ClusterLock} instead.
 */
public class ClusterLeadership implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ClusterLeadership.class);

  private final DataSource dataSource;
  private final Map<String, Connection> held = new ConcurrentHashMap<>();
  private final Map<String, Boolean> wanted = new ConcurrentHashMap<>();

  public ClusterLeadership(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whether this node leads {@code job}; the first call enters the election. */
  public boolean isLeader(String job) {
    if (wanted.putIfAbsent(job, Boolean.TRUE) == null) {
      tryAcquire(job);
    }
    return held.containsKey(job);
  }

  /**
   * Keeps held locks alive (drops them when their connection broke) and retries the others; every
   * node runs it (job {@code leadership-renewal} of {@code batch/schedules.yaml}).
   */
  public void renew() {
    for (String job : wanted.keySet()) {
      Connection connection = held.get(job);
      if (connection != null) {
        try {
          if (!connection.isValid(2)) {
            lose(job, "connection no longer valid");
          }
        } catch (SQLException e) {
          lose(job, SafeErrors.describe(e));
        }
      } else {
        tryAcquire(job);
      }
    }
  }

  private synchronized void tryAcquire(String job) {
    if (held.containsKey(job)) {
      return;
    }
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      try (PreparedStatement statement =
          connection.prepareStatement("select pg_try_advisory_lock(?)")) {
        statement.setLong(1, ClusterLock.lockKey("leader:" + job));
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            held.put(job, connection);
            log.info("This node now leads {}", job);
            return;
          }
        }
      }
      connection.close();
    } catch (SQLException e) {
      log.warn("Leadership election for {} failed: {}", job, SafeErrors.describe(e));
      closeQuietly(connection);
    }
  }

  private void lose(String job, String why) {
    Connection connection = held.remove(job);
    closeQuietly(connection);
    log.warn("This node lost the lead of {}: {}", job, why);
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already broken
      }
    }
  }

  @Override
  public void destroy() {
    for (String job : held.keySet()) {
      Connection connection = held.remove(job);
      // A pooled connection outlives close(): release the session lock before handing it back.
      try (PreparedStatement statement =
          connection.prepareStatement("select pg_advisory_unlock(?)")) {
        statement.setLong(1, ClusterLock.lockKey("leader:" + job));
        statement.execute();
      } catch (SQLException e) {
        // the connection is broken, and the lock went with it
      }
      closeQuietly(connection);
    }
  }
}
