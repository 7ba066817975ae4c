package org.saphan.hub.ops;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyRegistry;
import org.saphan.hub.security.KeyStatus;
import org.saphan.hub.security.KeysProperties;
import org.saphan.hub.security.keys.ReloadingKeyRing;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health of the signing keys ({@code keys}): DOWN when a family has no usable active key, WARNING
 * when an active certificate ends within {@code saphan.keys.expiry-warning-days}.
 */
public class KeysHealthIndicator implements HealthIndicator {

  /** Status shown while a certificate is about to expire: the hub still works. */
  public static final Status WARNING = new Status("WARNING", "a signing certificate ends soon");

  private final ReloadingKeyRing keyRing;
  private final KeyRegistry registry;
  private final KeysProperties properties;
  private final Clock clock;

  public KeysHealthIndicator(
      ReloadingKeyRing keyRing, KeyRegistry registry, KeysProperties properties, Clock clock) {
    this.keyRing = keyRing;
    this.registry = registry;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public Health health() {
    List<String> problems = new ArrayList<>();
    for (KeyFamily family : KeyFamily.values()) {
      try {
        keyRing.current(family);
      } catch (RuntimeException e) {
        problems.add("no active " + family + " key: " + e.getMessage());
      }
    }
    Map<String, Object> keys = new LinkedHashMap<>();
    List<String> expiring = new ArrayList<>();
    Duration warning = Duration.ofDays(properties.getExpiryWarningDays());
    for (KeyRegistry.Entry entry : registry.entries()) {
      if (entry.descriptor().status() == KeyStatus.RETIRED) {
        continue;
      }
      long days = Duration.between(clock.instant(), entry.descriptor().notAfter()).toDays();
      keys.put(
          entry.descriptor().kid(),
          Map.of(
              "family", entry.descriptor().family().name(),
              "status", entry.descriptor().status().name(),
              "daysLeft", days));
      if (entry.descriptor().status() == KeyStatus.ACTIVE
          && Duration.between(clock.instant(), entry.descriptor().notAfter()).compareTo(warning)
              < 0) {
        expiring.add(entry.descriptor().kid() + " ends in " + days + " days");
      }
    }
    Health.Builder health;
    if (!problems.isEmpty()) {
      health = Health.down().withDetail("problems", problems);
    } else if (!expiring.isEmpty()) {
      health =
          Health.status(WARNING)
              .withDetail("expiring", expiring)
              .withDetail(
                  "action", "rotate the key: ./saphan keys rotate, then retire the old kid");
    } else {
      health = Health.up();
    }
    return health.withDetail("keys", keys).build();
  }
}
