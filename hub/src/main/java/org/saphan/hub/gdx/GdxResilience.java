package org.saphan.hub.gdx;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.gdx.GdxHttp.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GDX's retry and circuit breaker, on Resilience4j and the hub's {@link Clock} (tests move the
 * clock instead of waiting): {@code breaker-failure-threshold} failed attempts in a row open the
 * breaker; after {@code breaker-open-duration} one trial call goes through, whose success closes it
 * and whose failure opens it again. Transient failures are retried {@code retries} times with a
 * backoff doubling from {@code retry-backoff}.
 *
 * <p>Resilience4j is used directly, not through Camel's {@code circuitBreaker} EIP: GDX is called
 * from Java (pre-fill, the card check), not from a route.
 *
 * <p>A failure is an outage of GDX: a transient answer ({@link Answer#isTransient()}) or an egress
 * failure (timeout, refused connection). An {@code egress_refused} is a setting to fix, not an
 * outage: neither retried nor counted, and it frees a half-open breaker's trial slot.
 */
final class GdxResilience {

  private static final Logger log = LoggerFactory.getLogger(GdxResilience.class);

  private final CircuitBreaker breaker;
  private final Retry retry;
  private final Clock clock;
  private final Duration openDuration;
  private volatile Instant openedAt = Instant.MIN;

  GdxResilience(
      String name,
      Clock clock,
      int failureThreshold,
      Duration openDuration,
      int retries,
      Duration backoff) {
    this.clock = clock;
    this.openDuration = openDuration;
    this.breaker =
        CircuitBreaker.of(
            name,
            CircuitBreakerConfig.custom()
                .clock(clock)
                // the last N attempts all failed = N consecutive failures
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failureThreshold)
                .minimumNumberOfCalls(failureThreshold)
                .failureRateThreshold(100)
                // a slow answer is the timeouts' business, not the breaker's
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                // Resilience4j lets the trial through strictly after the wait: a millisecond
                // less keeps the trial due once the open duration has passed
                .waitDurationInOpenState(openDuration.minusMillis(1))
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordResult(result -> result instanceof Answer answer && answer.isTransient())
                .recordException(GdxResilience::isOutage)
                .ignoreException(failure -> !isOutage(failure))
                .writableStackTraceEnabled(false)
                .build());
    this.retry =
        Retry.of(
            name,
            RetryConfig.<Answer>custom()
                .maxAttempts(retries + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(backoff, 2))
                .retryOnResult(Answer::isTransient)
                .retryOnException(GdxResilience::isOutage)
                .failAfterMaxAttempts(false)
                .build());
    breaker.getEventPublisher().onStateTransition(this::transitioned);
    retry
        .getEventPublisher()
        .onRetry(
            event ->
                log.debug(
                    "GDX: retry {} in {} ms",
                    event.getNumberOfRetryAttempts(),
                    event.getWaitInterval().toMillis()));
  }

  /**
   * Runs {@code attempt} through the breaker, retrying transient failures.
   *
   * @return the answer; a transient one when the retries are exhausted
   * @throws CallNotPermittedException when the breaker is open
   * @throws SaphanException the last attempt's failure
   */
  Answer call(Supplier<Answer> attempt) {
    return retry.executeSupplier(breaker.decorateSupplier(attempt));
  }

  /** Attempts of one call: the first and its retries. */
  int attempts() {
    return retry.getRetryConfig().getMaxAttempts();
  }

  /** The breaker state; an open breaker whose wait is over reports half-open. */
  CircuitBreaker.State state() {
    CircuitBreaker.State state = breaker.getState();
    if (state == CircuitBreaker.State.OPEN && remainingOpen().isZero()) {
      return CircuitBreaker.State.HALF_OPEN;
    }
    return state;
  }

  /** How long an open breaker will still refuse calls; zero otherwise. */
  Duration remainingOpen() {
    if (breaker.getState() != CircuitBreaker.State.OPEN) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), openedAt.plus(openDuration));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The breaker itself, for tests of its rules. */
  CircuitBreaker breaker() {
    return breaker;
  }

  /** A failure that tells GDX is down, worth a retry and counted by the breaker. */
  static boolean isOutage(Throwable failure) {
    return failure instanceof SaphanException e && e.code() != ErrorCode.EGRESS_REFUSED;
  }

  private void transitioned(CircuitBreakerOnStateTransitionEvent event) {
    String name = event.getCircuitBreakerName();
    switch (event.getStateTransition()) {
      case CLOSED_TO_OPEN -> opened(name, breakerThreshold() + " consecutive failures");
      case HALF_OPEN_TO_OPEN -> opened(name, "trial call failed");
      case OPEN_TO_HALF_OPEN ->
          log.info("Circuit {} half-open: letting one trial call through", name);
      case HALF_OPEN_TO_CLOSED -> log.info("Circuit {} closed: trial call succeeded", name);
      default -> log.info("Circuit {}: {}", name, event.getStateTransition());
    }
  }

  private void opened(String name, String why) {
    openedAt = clock.instant();
    log.warn(
        "Circuit {} open for {} s: {}; GDX calls fail with gdx_unavailable until a trial call"
            + " succeeds. Check GDX's status and the hub's route to it (egress, DNS, proxy).",
        name,
        openDuration.toSeconds(),
        why);
  }

  private int breakerThreshold() {
    return breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls();
  }
}
