package org.saphan.sandbox.gdx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's clock: real time plus an offset that tests move forward, so that a 60-minute
 * token expiry is tested without waiting. Views in other zones share the same offset.
 */
public final class GdxClock extends Clock {

  /** Zone of the DOPA registers: dates (ages, card expiry) are Thai dates. */
  public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  private final Clock base;
  private final AtomicReference<Duration> offset;

  /** A clock that starts at the real time, in Bangkok. */
  public GdxClock() {
    this(Clock.system(BANGKOK), new AtomicReference<>(Duration.ZERO));
  }

  /** A clock over another base clock (fixed clocks in unit tests). */
  public GdxClock(Clock base) {
    this(base, new AtomicReference<>(Duration.ZERO));
  }

  private GdxClock(Clock base, AtomicReference<Duration> offset) {
    this.base = base;
    this.offset = offset;
  }

  /** Moves the clock forward; time never goes back, so a negative amount is refused. */
  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    offset.accumulateAndGet(amount, Duration::plus);
    return instant();
  }

  /** Back to the real time. */
  public void reset() {
    offset.set(Duration.ZERO);
  }

  /** How far the clock is ahead of its base. */
  public Duration offset() {
    return offset.get();
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new GdxClock(base.withZone(zone), offset);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }
}
