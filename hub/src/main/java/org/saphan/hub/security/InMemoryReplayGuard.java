package org.saphan.hub.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * A {@link ReplayGuard} for one JVM (tests, single-node sandbox). Clustered deployments use the
 * database-backed guard, since a replay may reach another node.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

  private static final int PURGE_EVERY = 1024;

  private final Clock clock;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  public InMemoryReplayGuard(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void checkAndRemember(String issuer, String jti, Instant expiresAt) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jti, "jti");
    Instant now = clock.instant();
    if (calls.incrementAndGet() % PURGE_EVERY == 0) {
      seen.values().removeIf(expiry -> !expiry.isAfter(now));
    }
    String key = issuer + '\u0000' + jti;
    boolean[] fresh = {false};
    seen.compute(
        key,
        (k, previous) -> {
          if (previous == null || !previous.isAfter(now)) {
            fresh[0] = true;
            return expiresAt;
          }
          return previous;
        });
    if (!fresh[0]) {
      throw SaphanException.validation(
          ErrorCode.REPLAY_DETECTED, "message id already used by " + issuer);
    }
  }

  /** How many ids are currently remembered (for tests and metrics). */
  public int size() {
    return seen.size();
  }
}
