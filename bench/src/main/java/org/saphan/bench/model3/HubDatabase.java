package org.saphan.bench.model3;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read-only look into the hub's PostgreSQL (the sandbox profile's embedded cluster): what was
 * accepted, published and delivered, and the server's durability settings. The hub's tables are the
 * truth of "delivered": an application counts once its agency acknowledgement is recorded.
 */
final class HubDatabase implements AutoCloseable {

  /**
   * End-to-end delivery latency of a window's applications: from {@code submitted_at} (the intake)
   * to the recorded acknowledgement.
   */
  record Delivery(
      long applications, long delivered, double p50, double p90, double p99, double max) {}

  private final Connection connection;

  HubDatabase(String jdbcUrl) throws SQLException {
    connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
    connection.setAutoCommit(true);
  }

  /** fsync, synchronous_commit, full_page_writes and wal_sync_method as the server runs them. */
  Map<String, String> durability() throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name :
        new String[] {"fsync", "synchronous_commit", "full_page_writes", "wal_sync_method"}) {
      try (PreparedStatement s = connection.prepareStatement("select current_setting(?)")) {
        s.setString(1, name);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          settings.put(name, r.getString(1));
        }
      }
    }
    return settings;
  }

  long applications() throws SQLException {
    return count("select count(*) from application");
  }

  /** Applications whose agency acknowledgement is recorded. */
  long delivered() throws SQLException {
    return count("select count(distinct application_id) from evidence where kind = 'ack'");
  }

  long unpublished() throws SQLException {
    return count("select count(*) from outbox where published_at is null");
  }

  /** The canonical body of one application (what the route maps for the agency). */
  String body(String applicationId) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("select body::text from application where id = ?")) {
      s.setString(1, applicationId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** Submission-to-acknowledgement latency (ms) of the applications submitted in [from, to). */
  Delivery delivery(Instant from, Instant to) throws SQLException {
    String sql =
        "select count(*), count(d),"
            + " percentile_cont(0.5) within group (order by d),"
            + " percentile_cont(0.9) within group (order by d),"
            + " percentile_cont(0.99) within group (order by d), max(d)"
            + " from (select a.id, (select extract(epoch from min(e.at) - a.submitted_at) * 1000"
            + "   from evidence e where e.application_id = a.id and e.kind = 'ack') d"
            + " from application a where a.submitted_at >= ? and a.submitted_at < ?) x";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new Delivery(
            r.getLong(1),
            r.getLong(2),
            r.getDouble(3),
            r.getDouble(4),
            r.getDouble(5),
            r.getDouble(6));
      }
    }
  }

  /**
   * Commits and WAL syncs so far: {@code pg_stat_database.xact_commit} of the hub's database and
   * {@code pg_stat_wal.wal_sync} (how many times the WAL was flushed to disk).
   */
  long[] commitsAndSyncs() throws SQLException {
    return new long[] {
      count("select xact_commit from pg_stat_database where datname = current_database()"),
      count("select wal_sync from pg_stat_wal")
    };
  }

  /** Rows in the portal-event backlog (status webhooks not yet sent). */
  long pendingPortalEvents() throws SQLException {
    return count("select count(*) from portal_event where state = 'pending'");
  }

  private long count(String sql) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
