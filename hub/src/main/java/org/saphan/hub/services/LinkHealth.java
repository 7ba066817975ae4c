package org.saphan.hub.services;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.saphan.catalog.common.Zones;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Link-out health (the model-1 probes' last results) and click counts, per service. */
public class LinkHealth {

  /** Thai time: clicks are counted per Bangkok day. */

  /**
   * The last probe of a connector's link-out URL.
   *
   * @param status UP, DOWN or REFUSED
   */
  public record Probe(
      String url,
      String status,
      Integer httpStatus,
      Long latencyMillis,
      String detail,
      java.time.Instant checkedAt,
      java.time.Instant lastUpAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public LinkHealth(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a probe result; keeps the last time the link was up. */
  public void record(String connector, Probe probe) {
    jdbc.sql(
            "insert into link_probe (connector, url, status, http_status, latency_ms, detail,"
                + " checked_at, last_up_at) values (?, ?, ?, ?, ?, ?, ?,"
                + " case when ? = 'UP' then ?::timestamptz end)"
                + " on conflict (connector) do update set url = excluded.url,"
                + " status = excluded.status, http_status = excluded.http_status,"
                + " latency_ms = excluded.latency_ms, detail = excluded.detail,"
                + " checked_at = excluded.checked_at,"
                + " last_up_at = coalesce(excluded.last_up_at, link_probe.last_up_at)")
        .params(
            connector,
            probe.url(),
            probe.status(),
            probe.httpStatus(),
            probe.latencyMillis(),
            probe.detail(),
            Timestamp.from(probe.checkedAt()),
            probe.status(),
            Timestamp.from(probe.checkedAt()))
        .update();
  }

  /** The last probe of a connector, if it was probed. */
  public Optional<Probe> last(String connector) {
    return jdbc.sql(
            "select url, status, http_status, latency_ms, detail, checked_at, last_up_at"
                + " from link_probe where connector = ?")
        .param(connector)
        .query(
            (rs, row) ->
                new Probe(
                    rs.getString("url"),
                    rs.getString("status"),
                    (Integer) rs.getObject("http_status"),
                    (Long) rs.getObject("latency_ms"),
                    rs.getString("detail"),
                    rs.getTimestamp("checked_at").toInstant(),
                    rs.getTimestamp("last_up_at") == null
                        ? null
                        : rs.getTimestamp("last_up_at").toInstant()))
        .optional();
  }

  /** Counts one click on a service's link-out (no personal data is kept). */
  public void click(String serviceId) {
    jdbc.sql(
            "insert into link_click (service_id, day, clicks) values (?, ?, 1)"
                + " on conflict (service_id, day) do update set clicks = link_click.clicks + 1")
        .params(serviceId, LocalDate.now(clock.withZone(Zones.BANGKOK)))
        .update();
  }

  /** Clicks on a service's link-out, all days. */
  public long clicks(String serviceId) {
    return jdbc.sql("select coalesce(sum(clicks), 0) from link_click where service_id = ?")
        .param(serviceId)
        .query(Long.class)
        .single();
  }
}
