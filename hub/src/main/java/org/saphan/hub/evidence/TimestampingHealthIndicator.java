package org.saphan.hub.evidence;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the message log's timestamping ({@code timestamping}): DOWN while the fail-safe pauses
 * deliveries (the reason names the oldest unstamped record's age and the TSA's last error), UP
 * otherwise with the backlog. Not in the readiness group: intake keeps accepting meanwhile.
 */
public class TimestampingHealthIndicator implements HealthIndicator {

  private final StampingState state;

  public TimestampingHealthIndicator(StampingState state) {
    this.state = state;
  }

  @Override
  public Health health() {
    StampingState.Status status = state.refresh();
    StampingState.Backlog backlog = status.backlog();
    Health.Builder health = status.deliveriesPaused() ? Health.down() : Health.up();
    health
        .withDetail("deliveriesPaused", status.deliveriesPaused())
        .withDetail("unstampedRecords", backlog.unstampedRecords())
        .withDetail("unstampedManifests", backlog.unstampedManifests())
        .withDetail("oldestUnstampedAgeSeconds", status.oldestAge().toSeconds())
        .withDetail("maxUnstampedAgeSeconds", status.maxUnstampedAge().toSeconds())
        .withDetail("lastManifest", backlog.lastManifest());
    if (backlog.lastStampedAt() != null) {
      health.withDetail("lastStampedAt", backlog.lastStampedAt().toString());
    }
    if (backlog.lastError() != null) {
      health.withDetail("lastError", backlog.lastError());
    }
    if (status.reason() != null) {
      health.withDetail("reason", status.reason());
    }
    return health.build();
  }
}
