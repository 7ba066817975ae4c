package org.saphan.hub.routes.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A card's {@code api.limits.ratePerSecond} on this node: a token bucket (burst of one second's
 * worth) that makes delivery threads wait for their turn instead of flooding the agency.
 */
public final class RateLimit {

  private final double perSecond;
  private final double capacity;
  private double tokens;
  private long refilledAt;

  public RateLimit(double perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    this.perSecond = perSecond;
    this.capacity = Math.max(1.0, perSecond);
    this.tokens = capacity;
    this.refilledAt = System.nanoTime();
  }

  /** Waits until a delivery may start. */
  public void acquire() {
    long waitNanos;
    synchronized (this) {
      refill();
      tokens -= 1.0;
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens / perSecond * TimeUnit.SECONDS.toNanos(1));
    }
    if (waitNanos > 0) {
      LockSupport.parkNanos(waitNanos);
    }
  }

  /** Takes a permit only if one is free now. */
  public synchronized boolean tryAcquire() {
    refill();
    if (tokens >= 1.0) {
      tokens -= 1.0;
      return true;
    }
    return false;
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
    refilledAt = now;
  }
}
