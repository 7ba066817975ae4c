package org.saphan.hub.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.saphan.hub.platform.AsyncCommit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What failed for good, with its cause: never lost, visible to operators, replayable. Also counts
 * delivery attempts per message, which decides when a delivery gives up.
 */
public class DeadLetters {

  /** A dead letter. */
  public record Letter(
      long id,
      String connector,
      String applicationId,
      String messageId,
      String correlationId,
      String causeCode,
      String cause,
      int attempts,
      Instant failedAt,
      String state,
      Long replayTaskId,
      String kind) {}

  /** Filters of the operators' view; null means any. */
  public record Filter(
      String connector, String causeCode, Instant from, Instant to, String state) {}

  private final JdbcClient jdbc;

  private final AsyncCommit commits;

  public DeadLetters(JdbcClient jdbc, AsyncCommit commits) {
    this.jdbc = jdbc;
    this.commits = commits;
  }

  /** Counts one more attempt of a message; returns the attempt number (1 for the first). */
  public int countAttempt(String messageId, String applicationId, String connector) {
    // A count lost in a crash only allows one more attempt.
    return commits.run(
        () ->
            jdbc.sql(
                    "insert into delivery_attempt (message_id, application_id, connector, attempts,"
                        + " last_attempt_at) values (?, ?, ?, 1, now()) on conflict (message_id) do update"
                        + " set attempts = delivery_attempt.attempts + 1, last_attempt_at = now()"
                        + " returning attempts")
                .params(messageId, applicationId, connector)
                .query(Integer.class)
                .single());
  }

  /** Records why the last attempt failed. */
  public void attemptFailed(String messageId, String code, String cause) {
    jdbc.sql("update delivery_attempt set last_error_code = ?, last_error = ? where message_id = ?")
        .params(code, truncate(cause), messageId)
        .update();
  }

  /** Starts counting again (after a replay). */
  public void resetAttempts(String messageId) {
    jdbc.sql("delete from delivery_attempt where message_id = ?").param(messageId).update();
  }

  /** Adds a dead letter. */
  public long add(
      String connector,
      String applicationId,
      String messageId,
      String correlationId,
      String causeCode,
      String cause,
      int attempts,
      String kind) {
    return jdbc.sql(
            "insert into dead_letter (connector, application_id, message_id, correlation_id,"
                + " cause_code, cause, attempts, kind) values (?, ?, ?, ?, ?, ?, ?, ?) returning id")
        .params(
            connector,
            applicationId,
            messageId,
            correlationId,
            causeCode,
            truncate(cause),
            attempts,
            kind)
        .query(Long.class)
        .single();
  }

  /** Dead letters matching a filter, newest first. */
  public List<Letter> list(Filter filter, int limit) {
    return jdbc.sql(
            SELECT
                + " where (cast(? as text) is null or connector = ?)"
                + " and (cast(? as text) is null or cause_code = ?)"
                + " and (cast(? as timestamptz) is null or failed_at >= ?)"
                + " and (cast(? as timestamptz) is null or failed_at < ?)"
                + " and (cast(? as text) is null or state = ?)"
                + " order by failed_at desc, id desc limit ?")
        .params(
            filter.connector(),
            filter.connector(),
            filter.causeCode(),
            filter.causeCode(),
            ts(filter.from()),
            ts(filter.from()),
            ts(filter.to()),
            ts(filter.to()),
            filter.state(),
            filter.state(),
            limit)
        .query(this::row)
        .list();
  }

  /** One dead letter. */
  public Optional<Letter> find(long id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(this::row).optional();
  }

  /** Marks a letter as being replayed; false when it was not open (double replay). */
  public boolean markReplaying(long id, Long taskId) {
    return jdbc.sql(
                "update dead_letter set state = 'replaying', replay_task_id = ? where id = ?"
                    + " and state = 'open'")
            .params(taskId, id)
            .update()
        == 1;
  }

  /** Marks the letters of a message as replayed once its delivery succeeded. */
  public void markReplayed(String messageId) {
    jdbc.sql(
            "update dead_letter set state = 'replayed', resolved_at = now() where message_id = ?"
                + " and state = 'replaying'")
        .param(messageId)
        .update();
  }

  /** How many letters are open (for metrics and health). */
  public long openCount() {
    return jdbc.sql("select count(*) from dead_letter where state = 'open'")
        .query(Long.class)
        .single();
  }

  private static final String SELECT =
      "select id, connector, application_id, message_id, correlation_id, cause_code, cause,"
          + " attempts, failed_at, state, replay_task_id, kind from dead_letter";

  private Letter row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Letter(
        rs.getLong("id"),
        rs.getString("connector"),
        rs.getString("application_id"),
        rs.getString("message_id"),
        rs.getString("correlation_id"),
        rs.getString("cause_code"),
        rs.getString("cause"),
        rs.getInt("attempts"),
        rs.getTimestamp("failed_at").toInstant(),
        rs.getString("state"),
        (Long) rs.getObject("replay_task_id"),
        rs.getString("kind"));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String truncate(String text) {
    return text == null ? null : text.length() > 2000 ? text.substring(0, 2000) : text;
  }
}
