package org.saphan.hub.gdx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consecutive-failures circuit breaker on the injected clock: {@code threshold} failed attempts
 * in a row open it; after {@code openDuration} it lets one trial call through (half-open), whose
 * success closes it and whose failure opens it again.
 *
 * <p>Written here rather than taken from Resilience4j: GDX needs only this much, and a breaker that
 * reads the hub's {@link Clock} is tested by moving the clock instead of waiting.
 */
final class CircuitBreaker {

  /** Breaker states. */
  enum State {
    /** Calls pass; failures are counted. */
    CLOSED,
    /** Calls are refused without reaching GDX. */
    OPEN,
    /** One trial call is let through; the others are refused until it ends. */
    HALF_OPEN
  }

  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  private final String name;
  private final Clock clock;
  private final int threshold;
  private final Duration openDuration;

  private State state = State.CLOSED;
  private int failures;
  private Instant openedAt;
  private boolean trialInFlight;

  CircuitBreaker(String name, Clock clock, int threshold, Duration openDuration) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
    this.name = name;
    this.clock = clock;
    this.threshold = threshold;
    this.openDuration = openDuration;
  }

  /**
   * Asks to make one call. True when it may go; the caller must then report {@link #onSuccess()},
   * {@link #onFailure()} or {@link #release()}.
   */
  synchronized boolean tryAcquire() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (clock.instant().isBefore(openedAt.plus(openDuration))) {
          return false;
        }
        state = State.HALF_OPEN;
        trialInFlight = true;
        log.info("Circuit {} half-open: letting one trial call through", name);
        return true;
      case HALF_OPEN:
      default:
        if (trialInFlight) {
          return false;
        }
        trialInFlight = true;
        return true;
    }
  }

  /** The call reached the party and was answered as a working party answers. */
  synchronized void onSuccess() {
    if (state == State.OPEN) {
      return;
    }
    if (state == State.HALF_OPEN) {
      log.info("Circuit {} closed: trial call succeeded", name);
    }
    state = State.CLOSED;
    failures = 0;
    trialInFlight = false;
  }

  /** The call failed the way a broken party fails (5xx, timeout, connection refused). */
  synchronized void onFailure() {
    if (state == State.OPEN) {
      return;
    }
    if (state == State.HALF_OPEN) {
      open("trial call failed");
      return;
    }
    failures++;
    if (failures >= threshold) {
      open(failures + " consecutive failures");
    }
  }

  /** The call ended without telling anything about the party's health (e.g. interrupted). */
  synchronized void release() {
    trialInFlight = false;
  }

  /** The current state; an open breaker whose wait is over reports half-open. */
  synchronized State state() {
    if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openDuration))) {
      return State.HALF_OPEN;
    }
    return state;
  }

  /** How long an open breaker will still refuse calls; zero otherwise. */
  synchronized Duration remainingOpen() {
    if (state != State.OPEN) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), openedAt.plus(openDuration));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private void open(String why) {
    state = State.OPEN;
    openedAt = clock.instant();
    failures = 0;
    trialInFlight = false;
    log.warn("Circuit {} open for {} s: {}", name, openDuration.toSeconds(), why);
  }
}
