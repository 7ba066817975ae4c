package org.saphan.hub.platform;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Caffeine's {@link Ticker} on the hub's {@link Clock}: cache entries expire on the clock that
 * tests move, not on {@link System#nanoTime()}. Counts from its creation, as a ticker only has to
 * measure elapsed time.
 */
public final class ClockTicker implements Ticker {

  private final Clock clock;
  private final Instant origin;

  public ClockTicker(Clock clock) {
    this.clock = clock;
    this.origin = clock.instant();
  }

  @Override
  public long read() {
    return Duration.between(origin, clock.instant()).toNanos();
  }
}
