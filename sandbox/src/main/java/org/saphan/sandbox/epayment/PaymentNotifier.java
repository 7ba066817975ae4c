package org.saphan.sandbox.epayment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.saphan.sandbox.epayment.NotificationLog.Attempt;
import org.saphan.sandbox.epayment.NotificationLog.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers payment notifications to the hub: signed with the {@code epayment} key (a fresh JWS, so
 * a fresh {@code jti}, on every attempt), retried with exponential backoff until the hub answers
 * 2xx or 4xx or the attempts run out. The notifications of one payment go out one after another, in
 * the order given, each after the previous one is settled.
 */
public final class PaymentNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PaymentNotifier.class);

  private final ScheduledExecutorService executor;
  private final HttpClient http;
  private final URI endpoint;
  private final EpaymentKeys keys;
  private final ObjectMapper mapper;
  private final NotificationLog notificationLog;
  private final EpaymentProperties properties;
  private final Clock clock;

  public PaymentNotifier(
      ScheduledExecutorService executor,
      HttpClient http,
      URI endpoint,
      EpaymentKeys keys,
      ObjectMapper mapper,
      NotificationLog notificationLog,
      EpaymentProperties properties,
      Clock clock) {
    this.executor = executor;
    this.http = http;
    this.endpoint = endpoint;
    this.keys = keys;
    this.mapper = mapper;
    this.notificationLog = notificationLog;
    this.properties = properties;
    this.clock = clock;
  }

  /** Stops delivering: pending retries are dropped (the sandbox is shutting down). */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Where notifications go. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Queues deliveries; each waits {@code delay} before its first attempt.
   *
   * @param deliveries the notifications in sending order; a notification listed twice is a
   *     duplicate (same body, same {@code notificationId})
   */
  public void send(List<PaymentNotification> deliveries, Duration delay) {
    Deque<Pending> queue = new ArrayDeque<>();
    Map<String, Integer> copies = new HashMap<>();
    for (PaymentNotification n : deliveries) {
      int copy = copies.merge(n.notificationId(), 1, Integer::sum);
      queue.addLast(new Pending(n, body(n), copy));
    }
    next(queue, delay);
  }

  private void next(Deque<Pending> queue, Duration delay) {
    Pending pending = queue.pollFirst();
    if (pending == null) {
      return;
    }
    NotificationLog.Entry entry = notificationLog.start(pending.notification(), pending.copy());
    schedule(() -> attempt(queue, delay, pending, entry, 1), delay);
  }

  private void attempt(
      Deque<Pending> queue, Duration delay, Pending pending, NotificationLog.Entry entry, int n) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(endpoint)
              .timeout(properties.requestTimeout())
              .header("Content-Type", "application/json")
              .header(
                  DetachedJws.HEADER,
                  DetachedJws.sign(pending.body(), keys.epayment(), clock.instant()))
              .POST(HttpRequest.BodyPublishers.ofByteArray(pending.body()))
              .build();
    } catch (RuntimeException e) {
      settle(queue, delay, pending, entry, n, 0, e.getMessage());
      return;
    }
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                settle(queue, delay, pending, entry, n, 0, String.valueOf(cause));
              } else {
                settle(queue, delay, pending, entry, n, response.statusCode(), null);
              }
            });
  }

  private void settle(
      Deque<Pending> queue,
      Duration delay,
      Pending pending,
      NotificationLog.Entry entry,
      int n,
      int status,
      String error) {
    PaymentNotification notification = pending.notification();
    Attempt attempt = new Attempt(clock.instant(), status, error);
    if (status >= 200 && status < 300) {
      entry.record(attempt, Outcome.DELIVERED);
      log.info(
          "notification {} ({}) delivered", notification.notificationId(), notification.status());
      next(queue, delay);
    } else if (status >= 400 && status < 500) {
      entry.record(attempt, Outcome.REFUSED);
      log.warn(
          "notification {} ({}) refused by the hub with {}",
          notification.notificationId(),
          notification.status(),
          status);
      next(queue, delay);
    } else if (n >= properties.maxAttempts()) {
      entry.record(attempt, Outcome.GAVE_UP);
      log.error(
          "notification {} ({}) not delivered after {} attempts; last: {}",
          notification.notificationId(),
          notification.status(),
          n,
          error == null ? "HTTP " + status : error);
      next(queue, delay);
    } else {
      entry.record(attempt, Outcome.PENDING);
      Duration wait = backoff(n);
      log.debug(
          "notification {} attempt {} failed ({}); next in {}",
          notification.notificationId(),
          n,
          error == null ? "HTTP " + status : error,
          wait);
      schedule(() -> attempt(queue, delay, pending, entry, n + 1), wait);
    }
  }

  /** The wait after failed attempt {@code n}: initial × multiplier^(n-1), at most the maximum. */
  Duration backoff(int n) {
    double millis =
        properties.retryInitialDelay().toMillis() * Math.pow(properties.retryMultiplier(), n - 1);
    return Duration.ofMillis((long) Math.min(millis, properties.retryMaxDelay().toMillis()));
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.warn("notification not sent: the gateway is shutting down");
    }
  }

  private byte[] body(PaymentNotification notification) {
    try {
      return mapper.writeValueAsBytes(notification);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a notification", e);
    }
  }

  private record Pending(PaymentNotification notification, byte[] body, int copy) {}
}
