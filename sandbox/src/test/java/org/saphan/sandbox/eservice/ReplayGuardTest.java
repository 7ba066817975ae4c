package org.saphan.sandbox.eservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-04-02T07:00:00Z"));
  private final ReplayGuard guard = new ReplayGuard(new MovableClock(now));

  @Test
  void shouldRefuseSecondUseWhenJtiIsStillKept() {
    // given
    guard.firstUse("a", now.get().plusSeconds(60));

    // when
    boolean again = guard.firstUse("a", now.get().plusSeconds(60));

    // then
    assertThat(again).isFalse();
  }

  @Test
  void shouldForgetJtiWhenItsKeepTimeHasPassed() {
    // given
    guard.firstUse("a", now.get().plusSeconds(60));

    // when
    now.set(now.get().plus(Duration.ofSeconds(61)));
    guard.firstUse("b", now.get().plusSeconds(60));

    // then
    assertThat(guard.size()).isEqualTo(1);
  }

  private static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(AtomicReference<Instant> now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
