package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.saphan.hub.evidence.StampingState.Backlog;
import org.saphan.hub.evidence.StampingState.Status;

/** The fail-safe's decision: X-Road's acceptable timestamp failure period, by the clock given. */
class StampingStateTest {

  private static final Instant OLDEST = Instant.parse("2026-12-07T10:00:00Z");
  private static final Duration MAX = Duration.ofHours(4);
  private static final Backlog WAITING =
      new Backlog(12, 1, OLDEST, 7, null, "upstream_unavailable: the TSA answered HTTP 503");

  @Test
  void shouldLetDeliveriesRunWhileTheOldestUnstampedRecordIsWithinThePeriod() {
    // when
    Status status = StampingState.evaluate(WAITING, OLDEST.plus(MAX), MAX);
    // then
    assertThat(status.deliveriesPaused()).isFalse();
    assertThat(status.pauseReason()).isEmpty();
    assertThat(status.oldestAge()).isEqualTo(MAX);
  }

  @Test
  void shouldPauseDeliveriesNamingWhyWhenTheOldestUnstampedRecordIsOlderThanThePeriod() {
    // when
    Status status = StampingState.evaluate(WAITING, OLDEST.plus(MAX).plusSeconds(1), MAX);
    // then
    assertThat(status.deliveriesPaused()).isTrue();
    assertThat(status.pauseReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("14401 s old")
                    .contains("saphan.evidence.max-unstamped-age (14400 s)")
                    .contains("12 records")
                    .contains("upstream_unavailable: the TSA answered HTTP 503"));
  }

  @Test
  void shouldLetDeliveriesRunWhenEverythingIsStamped() {
    // when
    Status status = StampingState.evaluate(Backlog.NONE, OLDEST.plus(Duration.ofDays(30)), MAX);
    // then
    assertThat(status.deliveriesPaused()).isFalse();
    assertThat(status.oldestAge()).isZero();
  }
}
