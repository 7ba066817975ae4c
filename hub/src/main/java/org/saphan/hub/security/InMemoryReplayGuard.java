package org.saphan.hub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.ClockTicker;

/**
 * A {@link ReplayGuard} for one JVM (tests, single-node sandbox): a Caffeine cache on the hub's
 * clock whose entries expire with their messages. Clustered deployments use the database-backed
 * guard, since a replay may reach another node.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

  /**
   * Ids remembered at most. Past it the cache drops ids before they expire, and a replay of a
   * dropped id would pass: more than one JVM's tests or sandbox ever see within a message lifetime.
   */
  static final long MAX_IDS = 1_000_000;

  private final Cache<String, Instant> seen;

  public InMemoryReplayGuard(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    this.seen =
        Caffeine.newBuilder()
            .ticker(new ClockTicker(clock))
            .maximumSize(MAX_IDS)
            .expireAfter(
                Expiry.<String, Instant>creating(
                    (key, expiresAt) -> Duration.between(clock.instant(), expiresAt)))
            .executor(Runnable::run)
            .build();
  }

  @Override
  public void checkAndRemember(String issuer, String jti, Instant expiresAt) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jti, "jti");
    Instant[] remembered = {null};
    seen.asMap()
        .compute(
            issuer + '\u0000' + jti,
            (key, previous) -> {
              remembered[0] = previous;
              return previous == null ? expiresAt : previous;
            });
    if (remembered[0] != null) {
      throw SaphanException.validation(
          ErrorCode.REPLAY_DETECTED, "message id already used by " + issuer);
    }
  }

  /** How many ids are currently remembered (for tests and metrics). */
  public int size() {
    seen.cleanUp();
    return Math.toIntExact(seen.estimatedSize());
  }
}
