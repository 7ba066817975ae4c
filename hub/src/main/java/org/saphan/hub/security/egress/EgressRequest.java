package org.saphan.hub.security.egress;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One outbound read: method, URL and the limits of this call.
 *
 * @param method GET or HEAD (the egress client only reads)
 * @param url the URL asked for, checked against the allow-list before anything else
 * @param accept the {@code Accept} header, or null
 * @param timeout the whole call's budget, redirects included, or null for {@code connect-timeout +
 *     read-timeout}
 * @param maxBodyBytes body bytes read at most, or 0 for {@code saphan.egress.max-response-bytes}
 * @param truncateBody true to keep the first {@code maxBodyBytes} of a longer body, false to refuse
 *     it
 */
public record EgressRequest(
    Method method,
    URI url,
    String accept,
    Duration timeout,
    long maxBodyBytes,
    boolean truncateBody) {

  /** The methods the egress client sends. */
  public enum Method {
    GET,
    HEAD
  }

  public EgressRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
    }
  }

  /** A GET with the client's defaults. */
  public static EgressRequest get(URI url) {
    return new EgressRequest(Method.GET, url, null, null, 0, false);
  }

  /** A HEAD with the client's defaults. */
  public static EgressRequest head(URI url) {
    return new EgressRequest(Method.HEAD, url, null, null, 0, false);
  }

  /** This request with an {@code Accept} header. */
  public EgressRequest withAccept(String mediaType) {
    return new EgressRequest(method, url, mediaType, timeout, maxBodyBytes, truncateBody);
  }

  /** This request with a budget of its own for the whole call. */
  public EgressRequest withTimeout(Duration budget) {
    return new EgressRequest(method, url, accept, budget, maxBodyBytes, truncateBody);
  }

  /** This request reading at most {@code bytes} of the body and keeping them (a probe's peek). */
  public EgressRequest withBodyTruncatedAt(long bytes) {
    return new EgressRequest(method, url, accept, timeout, bytes, true);
  }
}
