package org.saphan.sandbox.agency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.saphan.sandbox.common.DetachedJws;
import org.saphan.sandbox.common.HubProperties;
import org.saphan.sandbox.common.PartyKey;
import org.saphan.sandbox.common.PartyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.util.UriUtils;

/**
 * Sends DCY status callbacks to the hub: {@code POST
 * {hub}/agency/v1/applications/{requestRef}/status} with a detached JWS by the agency's key. Each
 * attempt is signed afresh (new {@code iat} and {@code jti}, as the hub's replay check requires);
 * the body, and so its {@code messageId}, stays the same. Retried with exponential backoff until
 * the hub answers 2xx or 4xx, or the attempts run out.
 */
public final class StatusCallbackSender implements DisposableBean {

  /** Where a callback stands. */
  public enum Outcome {
    PENDING,
    DELIVERED,
    REFUSED,
    GAVE_UP
  }

  /** One callback (one copy of it in {@code duplicate_callback} mode) and its delivery state. */
  public static final class Callback {
    private final String messageId;
    private final String refNo;
    private final String requestRef;
    private final String statusCode;
    private final int copy;
    private final Instant createdAt;
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile Integer lastHttpStatus;
    private volatile String lastError;
    private volatile Outcome outcome = Outcome.PENDING;

    Callback(
        String messageId,
        String refNo,
        String requestRef,
        String statusCode,
        int copy,
        Instant createdAt) {
      this.messageId = messageId;
      this.refNo = refNo;
      this.requestRef = requestRef;
      this.statusCode = statusCode;
      this.copy = copy;
      this.createdAt = createdAt;
    }

    public String messageId() {
      return messageId;
    }

    public String refNo() {
      return refNo;
    }

    public String requestRef() {
      return requestRef;
    }

    public String statusCode() {
      return statusCode;
    }

    /** 1, or 2 for the duplicate sent in {@code duplicate_callback} mode. */
    public int copy() {
      return copy;
    }

    public Instant createdAt() {
      return createdAt;
    }

    public int attempts() {
      return attempts.get();
    }

    public Integer lastHttpStatus() {
      return lastHttpStatus;
    }

    public String lastError() {
      return lastError;
    }

    public Outcome outcome() {
      return outcome;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(StatusCallbackSender.class);

  private final HubProperties hub;
  private final PartyKeys keys;
  private final DcyProperties properties;
  private final ObjectMapper json;
  private final HttpClient http;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "dcy-status-callbacks");
            t.setDaemon(true);
            return t;
          });
  private final Deque<Callback> recent = new ConcurrentLinkedDeque<>();
  private final AtomicInteger recentSize = new AtomicInteger();

  public StatusCallbackSender(
      HubProperties hub,
      PartyKeys keys,
      DcyProperties properties,
      ObjectMapper json,
      HttpClient http,
      Clock clock) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.properties = Objects.requireNonNull(properties, "properties");
    this.json = Objects.requireNonNull(json, "json");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Sends one status change as a callback, {@code copies} times (2 in {@code duplicate_callback}
   * mode, each copy delivered and retried on its own).
   *
   * @return the callbacks, pending
   * @throws IllegalStateException when the agency's signing key cannot be read
   */
  public List<Callback> send(
      DcyRegistration registration, DcyStatus status, String description, int copies) {
    PartyKey key = keys.get(properties.signingParty());
    Instant now = clock.instant();
    ZonedDateTime thai = BuddhistEra.inBangkok(now);
    String messageId = "DCY-CB-" + UUID.randomUUID();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("refNo", registration.refNo());
    body.put("requestRef", registration.requestRef());
    body.put("statusCode", status.code());
    body.put("statusDesc", description);
    body.put("updateDate", BuddhistEra.date(thai));
    body.put("updateTime", BuddhistEra.time(thai));
    body.put("messageId", messageId);
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a callback body", e);
    }
    URI uri =
        hub.resolve(
            "/agency/v1/applications/"
                + UriUtils.encodePathSegment(registration.requestRef(), "UTF-8")
                + "/status");
    List<Callback> sent = new ArrayList<>();
    for (int copy = 1; copy <= copies; copy++) {
      Callback callback =
          new Callback(
              messageId, registration.refNo(), registration.requestRef(), status.code(), copy, now);
      remember(callback);
      sent.add(callback);
      attempt(callback, key, uri, bytes);
    }
    log.info(
        "dcy callback {} for {} ({}) status {} queued, {} cop{}",
        messageId,
        registration.requestRef(),
        registration.refNo(),
        status.code(),
        copies,
        copies == 1 ? "y" : "ies");
    return sent;
  }

  /** Runs a task later on the callback thread (auto-progress). */
  public void later(Duration delay, Runnable task) {
    scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The most recent callbacks, oldest first. */
  public List<Callback> recent() {
    return List.copyOf(recent);
  }

  /** Forgets the callback log (control API, tests); deliveries in flight go on. */
  public void clearLog() {
    recent.clear();
    recentSize.set(0);
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }

  private void attempt(Callback callback, PartyKey key, URI uri, byte[] body) {
    int attempt = callback.attempts.incrementAndGet();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(properties.callback().timeout())
            .header("Content-Type", "application/json")
            .header("X-Message-Id", callback.messageId)
            .header("X-Correlation-Id", callback.messageId)
            .header(DetachedJws.HEADER, DetachedJws.sign(body, key, clock.instant()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              if (error == null) {
                callback.lastHttpStatus = response.statusCode();
                callback.lastError = null;
              } else {
                callback.lastError = error.getClass().getSimpleName();
              }
              int status = error == null ? response.statusCode() : 0;
              if (status >= 200 && status < 300) {
                callback.outcome = Outcome.DELIVERED;
                log.info("dcy callback {} delivered (HTTP {})", callback.messageId, status);
              } else if (status >= 400 && status < 500) {
                callback.outcome = Outcome.REFUSED;
                log.warn(
                    "dcy callback {} refused by the hub (HTTP {})", callback.messageId, status);
              } else if (attempt >= properties.callback().maxAttempts()) {
                callback.outcome = Outcome.GAVE_UP;
                log.error(
                    "dcy callback {} given up after {} attempts (last: {})",
                    callback.messageId,
                    attempt,
                    error == null ? "HTTP " + status : callback.lastError);
              } else {
                long wait = backoffMillis(attempt);
                log.debug(
                    "dcy callback {} attempt {} failed; retry in {} ms",
                    callback.messageId,
                    attempt,
                    wait);
                retryLater(callback, key, uri, body, wait);
              }
            });
  }

  private void retryLater(Callback callback, PartyKey key, URI uri, byte[] body, long wait) {
    try {
      scheduler.schedule(() -> attempt(callback, key, uri, body), wait, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shutting down: the callback stays pending, as it would in a crashed agency.
      log.warn("dcy callback {} not retried: shutting down", callback.messageId);
    }
  }

  /** initialBackoff * 2^(attempt-1), capped at maxBackoff. */
  long backoffMillis(int attempt) {
    long initial = properties.callback().initialBackoff().toMillis();
    long max = properties.callback().maxBackoff().toMillis();
    int shift = Math.min(attempt - 1, 30);
    long wait = initial << shift;
    return wait < 0 || wait > max ? max : wait;
  }

  private void remember(Callback callback) {
    recent.addLast(callback);
    if (recentSize.incrementAndGet() > properties.callback().logSize()) {
      if (recent.pollFirst() != null) {
        recentSize.decrementAndGet();
      }
    }
  }
}
