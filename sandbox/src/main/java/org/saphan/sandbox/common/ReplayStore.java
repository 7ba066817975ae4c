package org.saphan.sandbox.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers single-use identifiers ({@code jti}) until they expire. Lock-free on the hot path: one
 * {@link ConcurrentHashMap#putIfAbsent}; expired entries are swept at most once per {@link
 * #SWEEP_INTERVAL} by whichever caller wins the sweep, so memory stays bounded by the traffic of
 * one replay window.
 */
public final class ReplayStore {

  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

  private final Clock clock;
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();
  private final AtomicLong nextSweep = new AtomicLong();

  public ReplayStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records the id and tells whether this is its first use.
   *
   * @param id the single-use identifier
   * @param expiresAt when the id may be forgotten (after it, a replay is refused for other reasons,
   *     e.g. an expired {@code iat} or {@code exp})
   * @return true the first time an id is seen (while remembered), false on a replay
   */
  public boolean firstUse(String id, Instant expiresAt) {
    long now = clock.millis();
    sweepIfDue(now);
    Long previous = expiries.putIfAbsent(id, expiresAt.toEpochMilli());
    if (previous == null) {
      return true;
    }
    if (previous < now && expiries.replace(id, previous, expiresAt.toEpochMilli())) {
      // Forgotten in all but name: the sweep had not run yet.
      return true;
    }
    return false;
  }

  /** How many ids are remembered (for tests and metrics). */
  public int size() {
    return expiries.size();
  }

  private void sweepIfDue(long now) {
    long due = nextSweep.get();
    if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL.toMillis())) {
      return;
    }
    expiries.values().removeIf(expiry -> expiry < now);
  }
}
