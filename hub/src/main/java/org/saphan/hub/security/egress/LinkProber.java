package org.saphan.hub.security.egress;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Model 1's health probe of a link-out URL: HEAD (or GET when the card says so), then GET when the
 * server answers HEAD with 405 or 501, reading no more than a peek of the GET body. Never throws
 * for what the agency does: every outcome is a {@link ProbeResult}; metrics are the caller's.
 */
public final class LinkProber {

  /** Body bytes a GET probe reads at most; enough to know the page answers. */
  public static final int PEEK_BYTES = 4 * 1024;

  private final SafeHttpClient client;
  private final Clock clock;

  public LinkProber(SafeHttpClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Probes with HEAD and the client's default timeouts. */
  public ProbeResult probe(URI url, AllowList allow) {
    return probe(url, allow, EgressRequest.Method.HEAD, null);
  }

  /**
   * Probes as a card's {@code linkOut.probe} asks.
   *
   * @param method the first method tried ({@code probe.method})
   * @param timeout the whole probe's budget ({@code probe.timeoutMillis}), or null for the defaults
   */
  public ProbeResult probe(
      URI url, AllowList allow, EgressRequest.Method method, Duration timeout) {
    Instant checkedAt = clock.instant();
    long started = System.nanoTime();
    try {
      EgressResponse response = client.execute(request(method, url, timeout), allow);
      if (method == EgressRequest.Method.HEAD
          && (response.status() == 405 || response.status() == 501)) {
        Duration left = timeout == null ? null : timeout.minusNanos(System.nanoTime() - started);
        if (left != null && (left.isNegative() || left.isZero())) {
          return down(response, started, checkedAt, "HEAD not allowed and no time left for GET");
        }
        response = client.execute(request(EgressRequest.Method.GET, url, left), allow);
      }
      return classify(response, started, checkedAt);
    } catch (SaphanException e) {
      return failed(e, url, started, checkedAt);
    }
  }

  private static EgressRequest request(EgressRequest.Method method, URI url, Duration timeout) {
    EgressRequest request =
        method == EgressRequest.Method.HEAD ? EgressRequest.head(url) : EgressRequest.get(url);
    request = request.withBodyTruncatedAt(PEEK_BYTES);
    return timeout == null ? request : request.withTimeout(timeout);
  }

  private static ProbeResult classify(EgressResponse response, long started, Instant checkedAt) {
    int status = response.status();
    if (status >= 200 && status < 400) {
      return new ProbeResult(
          ProbeResult.Status.UP, status, millisSince(started), checkedAt, response.finalUrl(), "");
    }
    return down(response, started, checkedAt, "HTTP " + status);
  }

  private static ProbeResult down(
      EgressResponse response, long started, Instant checkedAt, String detail) {
    return new ProbeResult(
        ProbeResult.Status.DOWN,
        response.status(),
        millisSince(started),
        checkedAt,
        response.finalUrl(),
        detail);
  }

  private static ProbeResult failed(SaphanException e, URI url, long started, Instant checkedAt) {
    if (e.code() == ErrorCode.EGRESS_REFUSED) {
      Object location = e.properties().get(EgressProblems.LOCATION);
      URI refused = location == null ? url : safeUri(location.toString(), url);
      return new ProbeResult(
          ProbeResult.Status.REFUSED,
          null,
          millisSince(started),
          checkedAt,
          refused,
          e.getMessage());
    }
    Object httpStatus = e.properties().get(EgressProblems.HTTP_STATUS);
    return new ProbeResult(
        ProbeResult.Status.DOWN,
        httpStatus instanceof Integer status ? status : null,
        millisSince(started),
        checkedAt,
        url,
        e.getMessage());
  }

  private static URI safeUri(String text, URI fallback) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  private static long millisSince(long started) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }
}
