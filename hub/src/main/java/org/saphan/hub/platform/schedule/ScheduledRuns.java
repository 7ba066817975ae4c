package org.saphan.hub.platform.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the last run of cluster jobs from {@code scheduled_run}, whichever node ran them. */
public class ScheduledRuns {

  /**
   * One run: when it started and ended, how it went and where.
   *
   * @param outcome succeeded or failed; null while it runs
   */
  public record Run(Instant startedAt, Instant finishedAt, String outcome, String node) {}

  private final JdbcClient jdbc;

  public ScheduledRuns(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The latest run of each of {@code lockNames} that has one (one index probe per name). */
  public Map<String, Run> latest(Collection<String> lockNames) {
    Map<String, Run> runs = new HashMap<>();
    if (lockNames.isEmpty()) {
      return runs;
    }
    jdbc.sql(
            "select j.name, r.node_name, r.started_at, r.finished_at, r.outcome"
                + " from unnest(?::text[]) as j(name) cross join lateral"
                + " (select node_name, started_at, finished_at, outcome from scheduled_run"
                + " where job_name = j.name order by started_at desc limit 1) r")
        .param(lockNames.toArray(String[]::new))
        .query(
            rs -> {
              runs.put(
                  rs.getString(1),
                  new Run(
                      instant(rs.getTimestamp(3)),
                      instant(rs.getTimestamp(4)),
                      rs.getString(5),
                      rs.getString(2)));
            });
    return runs;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
