package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.support.MutableClock;

/** The in-memory replay guard: ids remembered until their message expires, on a moved clock. */
class InMemoryReplayGuardTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
  private final InMemoryReplayGuard guard = new InMemoryReplayGuard(clock);
  private final Instant expiresAt = clock.instant().plus(Duration.ofMinutes(5));

  @Test
  void shouldRefuseWithReplayDetectedWhenTheIdIsReusedBeforeItExpires() {
    // given
    guard.checkAndRemember("agency-rest", "m-1", expiresAt);
    clock.advance(Duration.ofMinutes(4));
    // when / then
    assertThatThrownBy(() -> guard.checkAndRemember("agency-rest", "m-1", expiresAt))
        .isInstanceOfSatisfying(
            SaphanException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REPLAY_DETECTED));
  }

  @Test
  void shouldForgetTheIdWhenItsMessageHasExpired() {
    // given
    guard.checkAndRemember("agency-rest", "m-1", expiresAt);
    // when
    clock.advance(Duration.ofMinutes(5));
    // then
    assertThat(guard.size()).isZero();
    assertThatCode(() -> guard.checkAndRemember("agency-rest", "m-1", expiresAt.plusSeconds(300)))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldTellIssuersApartWhenTheyUseTheSameId() {
    // given
    guard.checkAndRemember("agency-rest", "m-1", expiresAt);
    // when / then
    assertThatCode(() -> guard.checkAndRemember("agency-soap", "m-1", expiresAt))
        .doesNotThrowAnyException();
    assertThat(guard.size()).isEqualTo(2);
  }
}
