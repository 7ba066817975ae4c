package org.saphan.sandbox.eservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.MovableClock;

class ReplayGuardTest {

  private final MovableClock now = new MovableClock(Instant.parse("2026-04-02T07:00:00Z"));
  private final ReplayGuard guard = new ReplayGuard(now);

  @Test
  void shouldRefuseSecondUseWhenJtiIsStillKept() {
    // given
    guard.firstUse("a", now.instant().plusSeconds(60));

    // when
    boolean again = guard.firstUse("a", now.instant().plusSeconds(60));

    // then
    assertThat(again).isFalse();
  }

  @Test
  void shouldForgetJtiWhenItsKeepTimeHasPassed() {
    // given
    guard.firstUse("a", now.instant().plusSeconds(60));

    // when
    now.advance(Duration.ofSeconds(61));
    guard.firstUse("b", now.instant().plusSeconds(60));

    // then
    assertThat(guard.size()).isEqualTo(1);
  }
}
