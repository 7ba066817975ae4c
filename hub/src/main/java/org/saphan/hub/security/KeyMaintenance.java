package org.saphan.hub.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.keys.ReloadingKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the key registry current: picks up keys rotated by {@code ./saphan keys}, rotates a key
 * once its certificate is within {@code saphan.keys.rotate-before} of its end, publishes them,
 * exposes days-to-expiry per key as a metric, and purges expired replay ids: the work of the jobs
 * {@code key-reload}, {@code key-rotation} and {@code replay-guard-purge} of {@code
 * batch/schedules.yaml}.
 */
public class KeyMaintenance {

  private static final Logger log = LoggerFactory.getLogger(KeyMaintenance.class);

  private final ReloadingKeyRing keyRing;
  private final KeyRegistry registry;
  private final JdbcReplayGuard replayGuard;
  private final Clock clock;
  private final Duration rotateBefore;
  private final MultiGauge daysLeft;

  public KeyMaintenance(
      ReloadingKeyRing keyRing,
      KeyRegistry registry,
      JdbcReplayGuard replayGuard,
      MeterRegistry meters,
      KeysProperties properties,
      Clock clock) {
    this.rotateBefore = properties.getRotateBefore();
    this.keyRing = keyRing;
    this.registry = registry;
    this.replayGuard = replayGuard;
    this.clock = clock;
    this.daysLeft =
        MultiGauge.builder("saphan.keys.certificate.days.left")
            .description("Days until a hub signing key's certificate expires")
            .baseUnit("days")
            .register(meters);
    publishExpiry();
  }

  /** Reloads a rotated key directory and republishes the registry (on every node). */
  public void refresh() {
    try {
      if (keyRing.reloadIfChanged()) {
        registry.sync(keyRing);
      }
      publishExpiry();
    } catch (RuntimeException e) {
      log.error(
          "Key ring reload failed: {}. The hub keeps signing with the keys it had; check the key"
              + " directory and SAPHAN_KEYSTORE_PASSWORD.",
          e.getMessage());
    }
  }

  /**
   * Rotates every family whose active certificate has less than {@code rotate-before} left, so no
   * key signs close to its certificate's end; returns the new keys. Keys in a PKCS#12 file or
   * PKCS#11 token are rotated in the store itself: for those this logs what to do, and the keys
   * health turns WARNING near the end.
   */
  public List<KeyDescriptor> rotateDue() {
    keyRing.reloadIfChanged();
    Instant now = clock.instant();
    List<KeyDescriptor> rotated = new ArrayList<>();
    for (KeyFamily family : KeyFamily.values()) {
      SigningKey active;
      try {
        active = keyRing.current(family);
      } catch (SaphanException e) {
        continue;
      }
      Instant end = active.certificate().getNotAfter().toInstant();
      if (Duration.between(now, end).compareTo(rotateBefore) >= 0) {
        continue;
      }
      try {
        rotated.add(rotate(family));
      } catch (SaphanException e) {
        log.warn(
            "The active {} key {} ends at {} and cannot be rotated here ({}): rotate it in the"
                + " key store now.",
            family,
            active.kid(),
            end,
            e.code().code());
      }
    }
    return rotated;
  }

  /** Forgets replay ids whose window has passed. */
  public void purgeReplayIds() {
    int purged = replayGuard.purgeExpired();
    log.debug("Purged {} expired replay ids", purged);
  }

  /** Rotates a key family on this node and publishes the result at once. */
  public KeyDescriptor rotate(KeyFamily family) {
    KeyDescriptor rotated = keyRing.rotate(family);
    registry.sync(keyRing);
    publishExpiry();
    log.info("Rotated {}: new active kid {}", family, rotated.kid());
    return rotated;
  }

  /** Retires a verify-only key on this node and in the registry. */
  public KeyDescriptor retire(String kid) {
    KeyDescriptor retired = keyRing.retire(kid);
    registry.markStatus(kid, KeyStatus.RETIRED);
    publishExpiry();
    log.info("Retired kid {}", kid);
    return retired;
  }

  private void publishExpiry() {
    List<MultiGauge.Row<?>> rows =
        registry.entries().stream()
            .filter(entry -> entry.descriptor().status().verifies())
            .map(
                entry ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "kid", entry.descriptor().kid(),
                            "family", entry.descriptor().family().name(),
                            "status", entry.descriptor().status().name()),
                        daysUntil(entry)))
            .<MultiGauge.Row<?>>map(row -> row)
            .toList();
    daysLeft.register(rows, true);
  }

  private double daysUntil(KeyRegistry.Entry entry) {
    return Duration.between(clock.instant(), entry.descriptor().notAfter()).toHours() / 24.0;
  }
}
