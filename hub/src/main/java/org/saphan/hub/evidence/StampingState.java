package org.saphan.hub.evidence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far timestamping lags, derived from PostgreSQL so every node of the cluster sees the same
 * thing, and the fail-safe it implies (X-Road's acceptable timestamp failure period): while the
 * oldest record no TSA token covers yet is older than {@code saphan.evidence.max-unstamped-age},
 * deliveries must pause. This package only states it; the delivery layer acts on it (its circuit
 * holds every delivery route), intake keeps accepting. Gauges {@code saphan_evidence_*} show the
 * last state read.
 */
public class StampingState {

  private static final Logger log = LoggerFactory.getLogger(StampingState.class);

  /**
   * What the message log holds unstamped.
   *
   * @param unstampedRecords records in no manifest yet or in a manifest without a token
   * @param unstampedManifests manifests waiting for their token
   * @param oldestUnstamped the time of the oldest unstamped record, or null when all are stamped
   * @param lastManifest the last manifest's id (0 before the first)
   * @param lastStampedAt the TSA's time of the last stamped manifest, or null
   * @param lastError why the first unstamped manifest's last attempt failed, or null
   */
  public record Backlog(
      long unstampedRecords,
      long unstampedManifests,
      Instant oldestUnstamped,
      long lastManifest,
      Instant lastStampedAt,
      String lastError) {

    /** Nothing waits. */
    public static final Backlog NONE = new Backlog(0, 0, null, 0, null, null);
  }

  /**
   * The state at one instant.
   *
   * @param backlog what waits for a token
   * @param oldestAge how old the oldest unstamped record is (zero when none)
   * @param maxUnstampedAge the acceptable timestamp failure period
   * @param deliveriesPaused whether the fail-safe holds deliveries
   * @param reason why deliveries are paused, for operators, or null
   */
  public record Status(
      Backlog backlog,
      Duration oldestAge,
      Duration maxUnstampedAge,
      boolean deliveriesPaused,
      String reason) {

    /** Why deliveries must pause, when they must. */
    public Optional<String> pauseReason() {
      return Optional.ofNullable(reason);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration maxUnstampedAge;
  private volatile Status last;

  public StampingState(JdbcClient jdbc, Clock clock, Duration maxUnstampedAge) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.maxUnstampedAge = maxUnstampedAge;
    this.last = evaluate(Backlog.NONE, clock.instant(), maxUnstampedAge);
  }

  /** Registers the gauges, read from the last state (no query per scrape). */
  public void bind(MeterRegistry meters) {
    Gauge.builder(
            "saphan.evidence.unstamped.records", this, s -> s.last.backlog().unstampedRecords())
        .description("Message log records no TSA token covers yet")
        .register(meters);
    Gauge.builder(
            "saphan.evidence.unstamped.manifests", this, s -> s.last.backlog().unstampedManifests())
        .description("Manifests waiting for their TSA token")
        .register(meters);
    Gauge.builder(
            "saphan.evidence.unstamped.oldest.age",
            this,
            s -> s.last.oldestAge().toMillis() / 1000.0)
        .description("Age of the oldest unstamped message log record")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("saphan.evidence.manifests", this, s -> s.last.backlog().lastManifest())
        .description("Manifests in the chain (the last manifest's id)")
        .register(meters);
    Gauge.builder("saphan.evidence.deliveries.paused", this, s -> s.last.deliveriesPaused() ? 1 : 0)
        .description("1 while the timestamping fail-safe pauses deliveries")
        .register(meters);
  }

  /** Reads the backlog from PostgreSQL and decides by the clock. */
  public Status refresh() {
    Backlog backlog = jdbc.sql(BACKLOG).query(StampingState::backlog).single();
    Status next = evaluate(backlog, clock.instant(), maxUnstampedAge);
    Status previous = last;
    last = next;
    if (next.deliveriesPaused() && !previous.deliveriesPaused()) {
      log.error("Timestamping fail-safe: deliveries pause; {}", next.reason());
    } else if (!next.deliveriesPaused() && previous.deliveriesPaused()) {
      log.info(
          "Timestamping fail-safe lifted: the message log is stamped again; deliveries resume");
    }
    return next;
  }

  /** The last state read (by {@link #refresh()}). */
  public Status last() {
    return last;
  }

  /** The fail-safe's decision for a backlog at {@code now}. */
  public static Status evaluate(Backlog backlog, Instant now, Duration maxUnstampedAge) {
    Duration age =
        backlog.oldestUnstamped() == null || backlog.oldestUnstamped().isAfter(now)
            ? Duration.ZERO
            : Duration.between(backlog.oldestUnstamped(), now);
    boolean paused = age.compareTo(maxUnstampedAge) > 0;
    String reason = null;
    if (paused) {
      reason =
          "the oldest unstamped message log record is "
              + age.toSeconds()
              + " s old, over saphan.evidence.max-unstamped-age ("
              + maxUnstampedAge.toSeconds()
              + " s); "
              + backlog.unstampedRecords()
              + " records wait for a TSA token"
              + (backlog.lastError() == null ? "" : "; the TSA: " + backlog.lastError());
    }
    return new Status(backlog, age, maxUnstampedAge, paused, reason);
  }

  // Each part is one index lookup (evidence_unstamped, evidence_manifest_unstamped, the keys).
  private static final String BACKLOG =
      "select"
          + " (select count(*) from evidence where manifest_id is null)"
          + "   + (select coalesce(sum(records), 0) from evidence_manifest"
          + "      where tsa_response is null) unstamped_records,"
          + " (select count(*) from evidence_manifest where tsa_response is null)"
          + "   unstamped_manifests,"
          + " (select e.at from evidence_manifest m join evidence e on e.id = m.first_record"
          + "   where m.tsa_response is null order by m.id limit 1) oldest_in_manifest,"
          + " (select at from evidence where manifest_id is null order by id limit 1)"
          + "   oldest_unsealed,"
          + " (select coalesce(max(id), 0) from evidence_manifest) last_manifest,"
          + " (select tsa_time from evidence_manifest where tsa_response is not null"
          + "   order by id desc limit 1) last_stamped,"
          + " (select last_error from evidence_manifest where tsa_response is null"
          + "   order by id limit 1) last_error";

  private static Backlog backlog(ResultSet rs, int row) throws SQLException {
    Instant inManifest = instant(rs.getTimestamp("oldest_in_manifest"));
    Instant unsealed = instant(rs.getTimestamp("oldest_unsealed"));
    Instant oldest =
        inManifest == null
            ? unsealed
            : unsealed == null || inManifest.isBefore(unsealed) ? inManifest : unsealed;
    return new Backlog(
        rs.getLong("unstamped_records"),
        rs.getLong("unstamped_manifests"),
        oldest,
        rs.getLong("last_manifest"),
        instant(rs.getTimestamp("last_stamped")),
        rs.getString("last_error"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
