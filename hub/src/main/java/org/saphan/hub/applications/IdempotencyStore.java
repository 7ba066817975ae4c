package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.AsyncCommit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code Idempotency-Key} semantics for creating requests: the same key with the same body gets the
 * same answer; with another body, 422; while the first request is still being processed, 409. A
 * request that failed releases its key, so the client may retry it (for example after granting
 * consent). A node that died mid-request releases the key after {@link #LOCK}.
 */
public class IdempotencyStore {

  /** How long a request may hold its key before another node may take over. */
  static final Duration LOCK = Duration.ofSeconds(60);

  /** A stored answer. */
  public record Answer(int status, JsonNode body) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final AsyncCommit commits;

  public IdempotencyStore(JdbcClient jdbc, Clock clock, AsyncCommit commits) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.commits = commits;
  }

  /**
   * Claims a key; returns the stored answer when the same request was already answered.
   *
   * @throws SaphanException {@code idempotency_key_reused} (422) for a different body, {@code
   *     idempotency_in_flight} (409) while the first request runs
   */
  public Optional<Answer> claim(String scope, String key, String requestHash) {
    Timestamp until = Timestamp.from(clock.instant().plus(LOCK));
    // The claim need not reach the disk before the work starts: after a crash the request was never
    // answered, and the client's retry claims the key again.
    int claimed =
        commits.run(
            () ->
                jdbc.sql(
                        "insert into idempotency_key (scope, key, request_hash, state, locked_until)"
                            + " values (?, ?, ?, 'in_flight', ?) on conflict (scope, key) do update"
                            + " set locked_until = excluded.locked_until"
                            + " where idempotency_key.state = 'in_flight'"
                            + " and idempotency_key.locked_until < ?"
                            + " and idempotency_key.request_hash = excluded.request_hash")
                    .params(scope, key, requestHash, until, Timestamp.from(clock.instant()))
                    .update());
    if (claimed == 1) {
      return Optional.empty();
    }
    Map<String, Object> row =
        jdbc.sql(
                "select request_hash, state, response_status, response_body::text body"
                    + " from idempotency_key where scope = ? and key = ?")
            .params(scope, key)
            .query()
            .singleRow();
    if (!requestHash.equals(row.get("request_hash"))) {
      throw SaphanException.business(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "Idempotency-Key " + key + " was used for a different request",
          Map.of("idempotencyKey", key));
    }
    if ("in_flight".equals(row.get("state"))) {
      throw SaphanException.business(
          ErrorCode.IDEMPOTENCY_IN_FLIGHT,
          "the request with Idempotency-Key " + key + " is still being processed; retry shortly",
          Map.of("idempotencyKey", key));
    }
    return Optional.of(
        new Answer(
            ((Number) row.get("response_status")).intValue(),
            ApplicationStore.json((String) row.get("body"))));
  }

  /** Stores the answer (inside the transaction that did the work). */
  public void complete(String scope, String key, String applicationId, int status, JsonNode body) {
    jdbc.sql(
            "update idempotency_key set state = 'done', application_id = ?, response_status = ?,"
                + " response_body = cast(? as jsonb) where scope = ? and key = ?")
        .params(applicationId, status, body.toString(), scope, key)
        .update();
  }

  /** Releases a key whose request failed. */
  public void release(String scope, String key) {
    commits.run(
        () ->
            jdbc.sql(
                    "delete from idempotency_key where scope = ? and key = ? and state ="
                        + " 'in_flight'")
                .params(scope, key)
                .update());
  }
}
