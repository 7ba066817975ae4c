package org.saphan.hub.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.saphan.hub.error.ErrorCode;
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
  private volatile List<WrappedUnderHubKeys> wrapped = List.of();

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

  /**
   * What is encrypted under hub keys, moved onto the active key whenever keys change (set once at
   * start by the layers that keep such data).
   */
  public void rewrapping(List<WrappedUnderHubKeys> users) {
    this.wrapped = List.copyOf(users);
  }

  /** Reloads a rotated key directory and republishes the registry (on every node). */
  public void refresh() {
    try {
      if (keyRing.reloadIfChanged()) {
        registry.sync(keyRing);
        rewrap();
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
    rewrap();
    publishExpiry();
    log.info("Rotated {}: new active kid {}", family, rotated.kid());
    return rotated;
  }

  /** Retires a verify-only key on this node and in the registry. */
  public KeyDescriptor retire(String kid) {
    rewrap();
    for (WrappedUnderHubKeys user : wrapped) {
      long left = user.wrappedBy(kid);
      if (left > 0) {
        throw SaphanException.business(
            ErrorCode.KEY_IN_USE,
            "key "
                + kid
                + " still wraps "
                + left
                + " encrypted item(s) that could not be moved onto the active key; retiring it"
                + " would make them unreadable (see the hub's log for why the re-wrap failed)",
            java.util.Map.of("kid", kid, "wrapped", left));
      }
    }
    KeyDescriptor retired = keyRing.retire(kid);
    registry.markStatus(kid, KeyStatus.RETIRED);
    publishExpiry();
    log.info("Retired kid {}", kid);
    return retired;
  }

  /** Moves what older keys wrap onto the active keys; a failure is logged, never thrown here. */
  private void rewrap() {
    for (WrappedUnderHubKeys user : wrapped) {
      try {
        int moved = user.rewrap(keyRing);
        if (moved > 0) {
          log.info("Re-wrapped {} item(s) of {} under the active keys", moved, user);
        }
      } catch (RuntimeException e) {
        log.error(
            "Re-wrapping {} under the active keys failed: {}; the old key must not be retired"
                + " until it succeeds (the next key change or reload tries again)",
            user,
            e.getMessage());
      }
    }
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
