package org.saphan.hub.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per caller, in memory on this node, timed by the hub's {@link Clock}
 * (so tests move time instead of sleeping). A cluster of N nodes behind a balancer thus admits up
 * to N times a limit: the limits protect each node and stop a runaway client, and keeping them
 * local costs no database round trip per request.
 */
@Component
public class RateLimits {

  /** The kinds of caller that have limits of their own. */
  public enum ClientKind {
    CITIZEN,
    PORTAL_CLIENT,
    OPERATOR,
    AGENCY,
    ANONYMOUS;

    /** The metric tag value. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What one request got.
   *
   * @param allowed whether it may proceed
   * @param retryAfterSeconds when refused, whole seconds until one request is available again
   */
  public record Decision(boolean allowed, long retryAfterSeconds) {}

  private final RateLimitProperties properties;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;

  public RateLimits(RateLimitProperties properties, Clock clock) {
    this.properties = properties;
    this.time = new ClockTimeMeter(clock);
    Duration longest =
        Stream.concat(
                Stream.of(
                    properties.getCitizen(),
                    properties.getPortalClient(),
                    properties.getOperator(),
                    properties.getAgency(),
                    properties.getAnonymous()),
                properties.getCallers().values().stream())
            .map(RateLimitProperties.Limit::getPeriod)
            .max(Duration::compareTo)
            .orElseThrow();
    // A bucket idle for its whole period is full again: forgetting it changes nothing.
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(properties.getMaxTracked())
            .expireAfterAccess(longest)
            .build();
  }

  /** Takes one request from the caller's bucket. */
  public Decision tryConsume(ClientKind kind, String caller) {
    Bucket bucket = buckets.get(kind.name() + ':' + caller, key -> newBucket(kind, caller));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return new Decision(true, 0);
    }
    long nanos = probe.getNanosToWaitForRefill();
    return new Decision(false, Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }

  private Bucket newBucket(ClientKind kind, String caller) {
    RateLimitProperties.Limit limit = properties.getCallers().get(caller);
    if (limit == null) {
      limit =
          switch (kind) {
            case CITIZEN -> properties.getCitizen();
            case PORTAL_CLIENT -> properties.getPortalClient();
            case OPERATOR -> properties.getOperator();
            case AGENCY -> properties.getAgency();
            case ANONYMOUS -> properties.getAnonymous();
          };
    }
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limit.getCapacity())
                .refillGreedy(limit.getCapacity(), limit.getPeriod())
                .build())
        .withCustomTimePrecision(time)
        .build();
  }

  /** Bucket4j's time source read from the hub's clock. */
  private record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
