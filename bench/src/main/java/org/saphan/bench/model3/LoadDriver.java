package org.saphan.bench.model3;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A lightweight HTTP load generator on the JDK's asynchronous {@link HttpClient}, with latencies in
 * HdrHistogram (microseconds).
 *
 * <p>{@link #open} is an open model: request {@code i} is due at {@code start + i / rate} whatever
 * happened to the earlier ones, with at most {@code maxInFlight} outstanding; its latency is
 * measured from the time it was <em>due</em>, so a stall in the server (or a full in-flight window)
 * shows in the percentiles instead of silently lowering the offered load (no coordinated omission).
 * {@link #closed} is a closed loop: {@code concurrency} callers, each sending its next request when
 * the previous one is answered, for the maximum throughput.
 */
final class LoadDriver implements AutoCloseable {

  /**
   * What one phase measured.
   *
   * @param name the phase
   * @param seconds the length of the measured window (requests were sent in it)
   * @param spanSeconds from the start to the last answer (at least {@code seconds}): an overloaded
   *     server answers after the window, and its throughput is counted over the span
   * @param sent requests sent
   * @param unsent requests due in the window but not sent: the in-flight window stayed full until
   *     the window closed (open model only)
   * @param ok answers that counted as success
   * @param failed other answers and transport errors
   * @param statuses answers by HTTP status (-1 = transport error)
   * @param latency microseconds from due (open) or sent (closed) to answered, of the successes
   * @param lateStarts requests that left more than 1 ms after they were due (client saturated or
   *     the in-flight window full)
   * @param targetRate the offered rate (open model), or 0
   */
  record Result(
      String name,
      double seconds,
      double spanSeconds,
      long sent,
      long unsent,
      long ok,
      long failed,
      Map<Integer, Long> statuses,
      Histogram latency,
      long lateStarts,
      double targetRate) {

    double okPerSecond() {
      return ok / Math.max(seconds, spanSeconds);
    }

    double sentPerSecond() {
      return sent / seconds;
    }

    double millis(double percentile) {
      return latency.getTotalCount() == 0
          ? Double.NaN
          : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
      return latency.getMaxValue() / 1000.0;
    }
  }

  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "load-http");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(executor)
          .build();

  /**
   * Sends {@code requests} at a fixed rate for {@code duration}.
   *
   * @param requests the request of sequence number {@code i}
   * @param success which HTTP statuses count as success
   */
  Result open(
      String name,
      LongFunction<HttpRequest> requests,
      IntPredicate success,
      double rate,
      Duration duration,
      int maxInFlight)
      throws InterruptedException {
    Tally tally = new Tally();
    Semaphore window = new Semaphore(maxInFlight);
    long period = Math.round(1e9 / rate);
    long start = System.nanoTime() + 5_000_000;
    long end = start + duration.toNanos();
    long late = 0;
    long sent = 0;
    long unsent = 0;
    for (long i = 0; ; i++) {
      long due = start + i * period;
      if (due >= end) {
        break;
      }
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      // A request still waiting for room when the window closes is not sent: the server did not
      // keep up, and the shortfall shows as "not sent" rather than stretching the run.
      if (!window.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        unsent = (end - start + period - 1) / period - sent;
        break;
      }
      if (System.nanoTime() - due > 1_000_000) {
        late++;
      }
      HttpRequest request = requests.apply(i);
      sent++;
      send(request, due, success, tally, window);
    }
    window.acquire(maxInFlight); // every answer is in (timeouts bound the wait)
    window.release(maxInFlight);
    return tally.result(name, start, duration.toNanos() / 1e9, sent, unsent, late, rate);
  }

  /** {@code concurrency} callers in a closed loop for {@code duration}. */
  Result closed(
      String name,
      LongFunction<HttpRequest> requests,
      IntPredicate success,
      int concurrency,
      Duration duration)
      throws InterruptedException {
    Tally tally = new Tally();
    AtomicLong sequence = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    Semaphore done = new Semaphore(0);
    for (int c = 0; c < concurrency; c++) {
      loop(requests, success, tally, sequence, sent, end, done);
    }
    done.acquire(concurrency);
    double seconds = (System.nanoTime() - started) / 1e9;
    return tally.result(name, started, seconds, sent.get(), 0, 0, 0);
  }

  private void loop(
      LongFunction<HttpRequest> requests,
      IntPredicate success,
      Tally tally,
      AtomicLong sequence,
      AtomicLong sent,
      long end,
      Semaphore done) {
    long now = System.nanoTime();
    if (now >= end) {
      done.release();
      return;
    }
    HttpRequest request = requests.apply(sequence.getAndIncrement());
    sent.incrementAndGet();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              tally.record(response, error, now, success);
              loop(requests, success, tally, sequence, sent, end, done);
            });
  }

  private void send(
      HttpRequest request, long due, IntPredicate success, Tally tally, Semaphore window) {
    client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              tally.record(response, error, due, success);
              window.release();
            });
  }

  /** One request now, waiting for the answer (setup calls). */
  HttpResponse<String> call(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts and latencies of one phase, recorded from the client's completion threads. */
  private static final class Tally {
    final Histogram latency = new ConcurrentHistogram(3);
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    final AtomicLong lastAnswer = new AtomicLong(Long.MIN_VALUE);

    void record(HttpResponse<?> response, Throwable error, long from, IntPredicate success) {
      long now = System.nanoTime();
      lastAnswer.accumulateAndGet(now, Math::max);
      long micros = (now - from) / 1000;
      int status = error != null || response == null ? -1 : response.statusCode();
      statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
      if (status != -1 && success.test(status)) {
        ok.incrementAndGet();
        latency.recordValue(Math.max(1, micros));
      } else {
        failed.incrementAndGet();
      }
    }

    Result result(
        String name, long start, double seconds, long sent, long unsent, long late, double rate) {
      Map<Integer, Long> byStatus = new TreeMap<>();
      statuses.forEach((k, v) -> byStatus.put(k, v.get()));
      double span = lastAnswer.get() == Long.MIN_VALUE ? seconds : (lastAnswer.get() - start) / 1e9;
      return new Result(
          name,
          seconds,
          Math.max(seconds, span),
          sent,
          unsent,
          ok.get(),
          failed.get(),
          byStatus,
          latency.copy(),
          late,
          rate);
    }
  }
}
