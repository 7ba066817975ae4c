package org.saphan.hub.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.security.KeyIds;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.EgressRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells the portal about every status change: a signed ({@code X-JWS-Signature}, detached JWS by
 * the hub), retried, at-least-once webhook, with every attempt kept, in order per application and
 * concurrently across applications. The portal deduplicates on {@code eventId}. Runs once per
 * cluster. Calls go through the hub's {@link EgressClient}, so the webhook's host is held to the
 * egress policy like any agency's.
 */
public class PortalNotifier implements AutoCloseable {

  /** The party name of the portal in egress problems and metrics. */
  static final String PARTY = "portal";

  private static final Logger log = LoggerFactory.getLogger(PortalNotifier.class);
  static final int MAX_ATTEMPTS = 12;

  private final JdbcClient jdbc;
  private final Signing signing;
  private final ClusterLock lock;
  private final MeterRegistry meters;
  private final Clock clock;
  private final URI webhook;
  private final Duration timeout;
  private final int concurrency;
  private final int batchSize;
  private final EgressClient egress;
  private final ExecutorService senders;
  private final AsyncCommit commits;
  private final Evidence evidence;

  public PortalNotifier(
      JdbcClient jdbc,
      Signing signing,
      ClusterLock lock,
      MeterRegistry meters,
      Clock clock,
      PortalProperties properties,
      AsyncCommit commits,
      EgressClient egress,
      Evidence evidence) {
    this.jdbc = jdbc;
    this.evidence = evidence;
    this.commits = commits;
    this.signing = signing;
    this.lock = lock;
    this.meters = meters;
    this.clock = clock;
    this.webhook = properties.getWebhookUrl();
    this.timeout = properties.getTimeout();
    this.concurrency = properties.getConcurrency();
    this.batchSize = properties.getBatchSize();
    this.egress = egress;
    this.senders =
        Executors.newFixedThreadPool(
            concurrency,
            runnable -> {
              Thread thread = new Thread(runnable, "saphan-portal-webhook");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Sends the events that are due (one scheduler tick). */
  public void sendDue() {
    if (webhook == null) {
      return;
    }
    lock.runIfFree("portal-notifier", this::sendBatch);
  }

  /** What was sent, for the message log: the exact body's SHA-256 and its detached JWS. */
  private record Sent(String applicationId, String connector, String sha256, String signature) {}

  /** What one webhook call gave. */
  private record Outcome(
      UUID eventId, int attempts, Integer status, String error, long millis, Sent sent) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  /**
   * One tick: the due events go out concurrently, at most {@code saphan.portal.concurrency}
   * applications at a time and each application's events in order (one waits for the one before it;
   * an event that fails holds back the application's later ones until it is delivered or given up),
   * then every outcome of the batch is recorded in one transaction.
   */
  private void sendBatch() {
    Timestamp now = Timestamp.from(clock.instant());
    List<Map<String, Object>> due =
        jdbc.sql(
                "select e.event_id, e.application_id, e.payload::text payload, e.attempts,"
                    + " (select a.connector from application a where a.id = e.application_id)"
                    + " connector from portal_event e where e.state = 'pending' and e.next_attempt_at <= ?"
                    + " and not exists (select 1 from portal_event b where b.application_id ="
                    + " e.application_id and b.state = 'pending' and b.id < e.id and"
                    + " b.next_attempt_at > ?) order by e.id limit ?")
            .params(now, now, batchSize)
            .query()
            .listOfRows();
    if (due.isEmpty()) {
      return;
    }
    Map<String, List<Map<String, Object>>> byApplication = new LinkedHashMap<>();
    for (Map<String, Object> event : due) {
      byApplication
          .computeIfAbsent((String) event.get("application_id"), a -> new ArrayList<>())
          .add(event);
    }
    Semaphore inFlight = new Semaphore(concurrency);
    List<CompletableFuture<List<Outcome>>> calls = new ArrayList<>(byApplication.size());
    for (List<Map<String, Object>> events : byApplication.values()) {
      inFlight.acquireUninterruptibly();
      calls.add(inOrder(events, 0, new ArrayList<>()).whenComplete((o, f) -> inFlight.release()));
    }
    List<Outcome> outcomes =
        calls.stream().map(CompletableFuture::join).flatMap(List::stream).toList();
    // One commit for the batch, not waited for: lost in a crash, the events go out again and the
    // portal deduplicates them on eventId.
    commits.run(() -> record(outcomes));
  }

  /** Sends one application's events one after the other, stopping at the first failure. */
  private CompletableFuture<List<Outcome>> inOrder(
      List<Map<String, Object>> events, int next, List<Outcome> done) {
    if (next == events.size()) {
      return CompletableFuture.completedFuture(done);
    }
    Map<String, Object> event = events.get(next);
    return send(
            (UUID) event.get("event_id"),
            (String) event.get("payload"),
            ((Number) event.get("attempts")).intValue(),
            (String) event.get("application_id"),
            (String) event.get("connector"))
        .thenCompose(
            outcome -> {
              done.add(outcome);
              return outcome.delivered()
                  ? inOrder(events, next + 1, done)
                  : CompletableFuture.completedFuture(done);
            });
  }

  private CompletableFuture<Outcome> send(
      UUID eventId, String payload, int attempts, String applicationId, String connector) {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    String signature = signing.signArchival(body);
    Sent sent = new Sent(applicationId, connector, Digests.sha256(body), signature);
    long started = System.nanoTime();
    EgressRequest request =
        EgressRequest.post(webhook, "application/json", body)
            .withHeaders(Map.of("X-JWS-Signature", signature, "X-Event-Id", eventId.toString()))
            .withTimeout(timeout)
            .withBodyTruncatedAt(4096);
    return CompletableFuture.supplyAsync(() -> egress.send(PARTY, request), senders)
        .handle(
            (response, failure) -> {
              long millis = (System.nanoTime() - started) / 1_000_000;
              if (failure != null) {
                Throwable cause =
                    failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                String error =
                    cause instanceof SaphanException problem
                        ? problem.code().code() + ": " + problem.getMessage()
                        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
                return new Outcome(eventId, attempts, null, error, millis, sent);
              }
              return new Outcome(eventId, attempts, response.status(), null, millis, sent);
            });
  }

  private void record(List<Outcome> outcomes) {
    for (Outcome outcome : outcomes) {
      jdbc.sql(
              "insert into portal_event_attempt (event_id, http_status, error, millis)"
                  + " values (?, ?, ?, ?)")
          .params(outcome.eventId(), outcome.status(), outcome.error(), outcome.millis())
          .update();
      logged(outcome);
      int attempt = outcome.attempts() + 1;
      Integer status = outcome.status();
      if (outcome.delivered()) {
        jdbc.sql(
                "update portal_event set state = 'delivered', attempts = ?, delivered_at = now()"
                    + " where event_id = ?")
            .params(attempt, outcome.eventId())
            .update();
        meters.counter("saphan.portal.events", "outcome", "delivered").increment();
      } else if (attempt >= MAX_ATTEMPTS
          || (status != null && status >= 400 && status < 500 && status != 429)) {
        jdbc.sql("update portal_event set state = 'failed', attempts = ? where event_id = ?")
            .params(attempt, outcome.eventId())
            .update();
        meters.counter("saphan.portal.events", "outcome", "failed").increment();
        log.error(
            "Portal webhook gave up on event {} after {} attempts (last: {}). What to do: check"
                + " the portal's webhook endpoint {}, then requeue with POST"
                + " /ops/v1/portal-events/{}/retry.",
            outcome.eventId(),
            attempt,
            status != null ? "HTTP " + status : outcome.error(),
            webhook,
            outcome.eventId());
      } else {
        long backoff = Math.min(300_000L, 1000L << Math.min(attempt, 18));
        long jitter = (long) (backoff * 0.2 * Math.random());
        jdbc.sql("update portal_event set attempts = ?, next_attempt_at = ? where event_id = ?")
            .params(
                attempt,
                Timestamp.from(clock.instant().plusMillis(backoff + jitter)),
                outcome.eventId())
            .update();
        meters.counter("saphan.portal.events", "outcome", "retry").increment();
      }
    }
  }

  /** The attempt in the message log, in the batch's one commit. */
  private void logged(Outcome outcome) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("attempt", outcome.attempts() + 1);
    if (outcome.status() != null) {
      detail.put("httpStatus", outcome.status());
    }
    detail.put("millis", outcome.millis());
    if (outcome.error() != null) {
      detail.put("error", outcome.error());
    }
    Sent sent = outcome.sent();
    evidence.record(
        Evidence.entry("portal_webhook")
            .application(sent.applicationId())
            .message(outcome.eventId().toString())
            .outcome(outcome.status() != null ? "http_" + outcome.status() : "failed")
            .exchange("portal_webhook", "out")
            .connector(sent.connector())
            .sha256(sent.sha256())
            .signature(sent.signature(), KeyIds.ofJws(sent.signature()))
            .detail(detail));
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
      json = org.saphan.hub.platform.Json.strict().writeValueAsString(payload);
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

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
