package org.saphan.hub.applications;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.security.Signing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells the portal about every status change: a signed ({@code X-JWS-Signature}, detached JWS by
 * the hub), retried, at-least-once webhook, with every attempt kept. The portal deduplicates on
 * {@code eventId}. Runs once per cluster.
 */
public class PortalNotifier {

  private static final Logger log = LoggerFactory.getLogger(PortalNotifier.class);
  static final int MAX_ATTEMPTS = 12;

  private final JdbcClient jdbc;
  private final Signing signing;
  private final ClusterLock lock;
  private final MeterRegistry meters;
  private final Clock clock;
  private final URI webhook;
  private final Duration timeout;
  private final HttpClient http;

  public PortalNotifier(
      JdbcClient jdbc,
      Signing signing,
      ClusterLock lock,
      MeterRegistry meters,
      Clock clock,
      URI webhook,
      Duration timeout) {
    this.jdbc = jdbc;
    this.signing = signing;
    this.lock = lock;
    this.meters = meters;
    this.clock = clock;
    this.webhook = webhook;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Sends the events that are due (one scheduler tick). */
  public void sendDue() {
    if (webhook == null) {
      return;
    }
    lock.runIfFree("portal-notifier", this::sendBatch);
  }

  private void sendBatch() {
    List<Map<String, Object>> due =
        jdbc.sql(
                "select event_id, payload::text payload, attempts from portal_event"
                    + " where state = 'pending' and next_attempt_at <= ? order by id limit 200")
            .param(Timestamp.from(clock.instant()))
            .query()
            .listOfRows();
    for (Map<String, Object> event : due) {
      send(
          (UUID) event.get("event_id"),
          (String) event.get("payload"),
          ((Number) event.get("attempts")).intValue());
    }
  }

  private void send(UUID eventId, String payload, int attempts) {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    String signature = signing.signArchival(body);
    long started = System.nanoTime();
    Integer status = null;
    String error = null;
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(webhook)
                  .timeout(timeout)
                  .header("Content-Type", "application/json")
                  .header("X-JWS-Signature", signature)
                  .header("X-Event-Id", eventId.toString())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      status = response.statusCode();
    } catch (IOException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    jdbc.sql(
            "insert into portal_event_attempt (event_id, http_status, error, millis)"
                + " values (?, ?, ?, ?)")
        .params(eventId, status, error, millis)
        .update();
    boolean delivered = status != null && status >= 200 && status < 300;
    int attempt = attempts + 1;
    if (delivered) {
      jdbc.sql(
              "update portal_event set state = 'delivered', attempts = ?, delivered_at = now()"
                  + " where event_id = ?")
          .params(attempt, eventId)
          .update();
      meters.counter("saphan.portal.events", "outcome", "delivered").increment();
    } else if (attempt >= MAX_ATTEMPTS
        || (status != null && status >= 400 && status < 500 && status != 429)) {
      jdbc.sql("update portal_event set state = 'failed', attempts = ? where event_id = ?")
          .params(attempt, eventId)
          .update();
      meters.counter("saphan.portal.events", "outcome", "failed").increment();
      log.error(
          "Portal webhook gave up on event {} after {} attempts (last: {}). What to do: check the"
              + " portal's webhook endpoint {}, then requeue with POST /ops/v1/portal-events/{}/retry.",
          eventId,
          attempt,
          status != null ? "HTTP " + status : error,
          webhook,
          eventId);
    } else {
      long backoff = Math.min(300_000L, 1000L << Math.min(attempt, 18));
      long jitter = (long) (backoff * 0.2 * Math.random());
      jdbc.sql("update portal_event set attempts = ?, next_attempt_at = ? where event_id = ?")
          .params(attempt, Timestamp.from(clock.instant().plusMillis(backoff + jitter)), eventId)
          .update();
    }
  }

  /** The delivery attempts of one event, for operators. */
  public List<Map<String, Object>> attempts(UUID eventId) {
    return jdbc.sql(
            "select at, http_status, error, millis from portal_event_attempt where event_id = ?"
                + " order by id")
        .param(eventId)
        .query()
        .listOfRows();
  }

  /** Events of one application, with their delivery state. */
  public List<Map<String, Object>> events(String applicationId) {
    return jdbc.sql(
            "select event_id, status, occurred_at, state, attempts, delivered_at from portal_event"
                + " where application_id = ? order by id")
        .param(applicationId)
        .query()
        .listOfRows();
  }

  /** Puts a failed event back in the queue. */
  public boolean retry(UUID eventId) {
    return jdbc.sql(
                "update portal_event set state = 'pending', next_attempt_at = now() where"
                    + " event_id = ? and state = 'failed'")
            .param(eventId)
            .update()
        == 1;
  }

  /**
   * Queues an event for the portal that is not a status change (for example {@code
   * licence.expiring}), in the caller's transaction; it is then sent like every status event:
   * signed, retried, at least once.
   *
   * @param type the event type, for example {@code licence.issued}
   * @param status what the portal_event row is filed under (the type, for non-status events)
   * @param fields the event's own fields (never a citizen id); eventId, type, applicationId and
   *     occurredAt are added
   * @return the event id
   */
  public UUID publish(
      String applicationId,
      String type,
      String status,
      java.time.Instant occurredAt,
      Map<String, Object> fields) {
    UUID eventId = UUID.randomUUID();
    Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("eventId", eventId.toString());
    payload.put("type", type);
    payload.put("applicationId", applicationId);
    payload.put("occurredAt", occurredAt.toString());
    payload.putAll(fields);
    String json;
    try {
      json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(payload);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("portal event fields are not JSON", e);
    }
    jdbc.sql(
            "insert into portal_event (event_id, application_id, status, occurred_at, payload)"
                + " values (?, ?, ?, ?, cast(? as jsonb))")
        .params(eventId, applicationId, status, Timestamp.from(occurredAt), json)
        .update();
    return eventId;
  }
}
