package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.gdx.GdxHttp.Answer;
import org.saphan.hub.support.MutableClock;

/**
 * The GDX breaker's rules (Resilience4j as {@link GdxResilience} sets it up), on a hand-moved
 * clock.
 */
class GdxBreakerTest {

  private static final Answer UNAVAILABLE = new Answer(503, new byte[0], null, null);
  private static final Answer OK = new Answer(200, new byte[0], null, null);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
  private final GdxResilience resilience =
      new GdxResilience("test", clock, 3, Duration.ofSeconds(30), 0, Duration.ofMillis(100));
  private final CircuitBreaker breaker = resilience.breaker();

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquirePermission()).isTrue();
      breaker.onResult(1, TimeUnit.MILLISECONDS, UNAVAILABLE);
    }
  }

  @Test
  void shouldStayClosedWhenFailuresAreFewerThanTheThreshold() {
    // when
    fail(2);
    // then
    assertThat(resilience.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryAcquirePermission()).isTrue();
  }

  @Test
  void shouldCountOnlyConsecutiveFailuresWhenASuccessComesBetween() {
    // given
    fail(2);
    breaker.tryAcquirePermission();
    breaker.onResult(1, TimeUnit.MILLISECONDS, OK);
    // when
    fail(2);
    // then
    assertThat(resilience.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void shouldRefuseCallsUntilTheOpenDurationPassesWhenOpened() {
    // given
    fail(3);
    // when / then
    assertThat(resilience.state()).isEqualTo(State.OPEN);
    assertThat(breaker.tryAcquirePermission()).isFalse();
    assertThat(resilience.remainingOpen()).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.tryAcquirePermission()).isFalse();
  }

  @Test
  void shouldLetExactlyOneTrialThroughWhenHalfOpen() {
    // given
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    // when
    boolean first = breaker.tryAcquirePermission();
    boolean second = breaker.tryAcquirePermission();
    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(resilience.state()).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void shouldCloseWhenTheTrialSucceeds() {
    // given
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquirePermission();
    // when
    breaker.onResult(1, TimeUnit.MILLISECONDS, OK);
    // then
    assertThat(resilience.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryAcquirePermission()).isTrue();
  }

  @Test
  void shouldOpenAgainForAFullDurationWhenTheTrialFails() {
    // given
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquirePermission();
    // when: the trial meets a connection failure
    breaker.onError(
        1,
        TimeUnit.MILLISECONDS,
        SaphanException.system(ErrorCode.UPSTREAM_UNAVAILABLE, "connection refused", null));
    // then
    assertThat(resilience.state()).isEqualTo(State.OPEN);
    assertThat(resilience.remainingOpen()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldFreeTheTrialSlotWhenTheTrialEndsWithoutAVerdict() {
    // given
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquirePermission();
    // when: the egress refused the call, which tells nothing about GDX
    breaker.onError(
        0,
        TimeUnit.MILLISECONDS,
        SaphanException.validation(ErrorCode.EGRESS_REFUSED, "not allowed"));
    // then
    assertThat(breaker.tryAcquirePermission()).isTrue();
  }
}
