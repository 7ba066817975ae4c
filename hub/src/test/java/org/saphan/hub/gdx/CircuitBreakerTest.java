package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.MutableClock;

/** The breaker's states on a clock moved by hand. */
class CircuitBreakerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
  private final CircuitBreaker breaker =
      new CircuitBreaker("test", clock, 3, Duration.ofSeconds(30));

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquire()).isTrue();
      breaker.onFailure();
    }
  }

  @Test
  void shouldStayClosedWhenFailuresAreFewerThanTheThreshold() {
    // when
    fail(2);
    // then
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void shouldCountOnlyConsecutiveFailuresWhenASuccessComesBetween() {
    // given
    fail(2);
    breaker.tryAcquire();
    breaker.onSuccess();
    // when
    fail(2);
    // then
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void shouldRefuseCallsUntilTheOpenDurationPassesWhenOpened() {
    // given
    fail(3);
    // when / then
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
    assertThat(breaker.remainingOpen()).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.tryAcquire()).isFalse();
  }

  @Test
  void shouldLetExactlyOneTrialThroughWhenHalfOpen() {
    // given
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    // when
    boolean first = breaker.tryAcquire();
    boolean second = breaker.tryAcquire();
    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
  }

  @Test
  void shouldCloseWhenTheTrialSucceeds() {
    // given
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire();
    // when
    breaker.onSuccess();
    // then
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void shouldOpenAgainForAFullDurationWhenTheTrialFails() {
    // given
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire();
    // when
    breaker.onFailure();
    // then
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.remainingOpen()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldFreeTheTrialSlotWhenTheTrialEndsWithoutAVerdict() {
    // given
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    breaker.tryAcquire();
    // when
    breaker.release();
    // then
    assertThat(breaker.tryAcquire()).isTrue();
  }
}
