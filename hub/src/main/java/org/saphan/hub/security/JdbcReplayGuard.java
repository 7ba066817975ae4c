package org.saphan.hub.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cluster's {@link ReplayGuard}: message ids live in PostgreSQL until they expire, so a replay
 * is refused whichever node it reaches. One statement per check: an insert that only succeeds for a
 * new id, or for an id whose previous use has expired.
 */
public class JdbcReplayGuard implements ReplayGuard {

  private final JdbcClient jdbc;
  private final Clock clock;

  public JdbcReplayGuard(JdbcClient jdbc, Clock clock) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void checkAndRemember(String issuer, String jti, Instant expiresAt) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jti, "jti");
    Instant now = clock.instant();
    int stored =
        jdbc.sql(
                "insert into replay_guard (issuer, jti, expires_at) values (?, ?, ?)"
                    + " on conflict (issuer, jti) do update set expires_at = excluded.expires_at"
                    + " where replay_guard.expires_at <= ?")
            .params(issuer, jti, Timestamp.from(expiresAt), Timestamp.from(now))
            .update();
    if (stored == 0) {
      throw SaphanException.validation(
          ErrorCode.REPLAY_DETECTED, "message id already used by " + issuer);
    }
  }

  /** Deletes ids whose window has passed; returns how many. */
  public int purgeExpired() {
    return jdbc.sql("delete from replay_guard where expires_at <= ?")
        .param(Timestamp.from(clock.instant()))
        .update();
  }
}
