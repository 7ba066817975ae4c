package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-06T00:00:00Z"));

  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  private RateLimits limits(long capacity, Duration period) {
    RateLimitProperties properties = new RateLimitProperties();
    properties.setCitizen(new RateLimitProperties.Limit(capacity, period));
    return new RateLimits(properties, clock);
  }

  @Test
  void shouldRefuseWithRetryAfterWhenBucketIsEmpty() {
    // given
    RateLimits limits = limits(2, Duration.ofMinutes(1));
    limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-1");
    limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-1");
    // when
    RateLimits.Decision third = limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-1");
    // then: one request refills every 30 s
    assertThat(third.allowed()).isFalse();
    assertThat(third.retryAfterSeconds()).isEqualTo(30);
  }

  @Test
  void shouldAllowAgainWhenClockPassesTheRefill() {
    // given
    RateLimits limits = limits(1, Duration.ofMinutes(1));
    limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-1");
    RateLimits.Decision refused = limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-1");
    // when
    now.updateAndGet(t -> t.plusSeconds(refused.retryAfterSeconds()));
    // then
    assertThat(refused.allowed()).isFalse();
    assertThat(limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-1").allowed()).isTrue();
  }

  @Test
  void shouldKeepOneBucketPerCallerWhenAnotherCallerIsLimited() {
    // given
    RateLimits limits = limits(1, Duration.ofHours(1));
    limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-1");
    // when
    RateLimits.Decision other = limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-2");
    // then
    assertThat(limits.tryConsume(RateLimits.ClientKind.CITIZEN, "sub-1").allowed()).isFalse();
    assertThat(other.allowed()).isTrue();
  }

  @Test
  void shouldUseTheCallersOwnLimitWhenOneIsConfigured() {
    // given: kind limit high, this caller's low
    RateLimitProperties properties = new RateLimitProperties();
    properties.getCallers().put("10.0.0.7", new RateLimitProperties.Limit(1, Duration.ofHours(1)));
    RateLimits limits = new RateLimits(properties, clock);
    limits.tryConsume(RateLimits.ClientKind.ANONYMOUS, "10.0.0.7");
    // when
    RateLimits.Decision second = limits.tryConsume(RateLimits.ClientKind.ANONYMOUS, "10.0.0.7");
    // then
    assertThat(second.allowed()).isFalse();
    assertThat(limits.tryConsume(RateLimits.ClientKind.ANONYMOUS, "10.0.0.8").allowed()).isTrue();
  }
}
