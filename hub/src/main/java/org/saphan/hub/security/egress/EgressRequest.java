package org.saphan.hub.security.egress;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One outbound call: method, URL, headers, body and the limits of this call.
 *
 * @param method GET, HEAD or POST
 * @param url the URL asked for, checked against the allow-list before anything else
 * @param accept the {@code Accept} header, or null
 * @param timeout the whole call's budget, redirects included, or null for {@code connect-timeout +
 *     read-timeout}
 * @param maxBodyBytes body bytes read at most, or 0 for {@code saphan.egress.max-response-bytes}
 * @param truncateBody true to keep the first {@code maxBodyBytes} of a longer body, false to refuse
 *     it
 * @param headers further request headers (never {@code Host}, {@code Content-Length} and the like,
 *     which the client sets); values may be secrets and are never logged
 * @param body the POST body, or null
 * @param contentType the POST body's {@code Content-Type}, or null
 */
public record EgressRequest(
    Method method,
    URI url,
    String accept,
    Duration timeout,
    long maxBodyBytes,
    boolean truncateBody,
    Map<String, String> headers,
    byte[] body,
    String contentType) {

  /** Headers the client owns: set from the checked target and the body, never by a caller. */
  private static final Set<String> RESERVED =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "accept",
          "user-agent",
          "expect",
          "upgrade",
          "te",
          "proxy-authorization");

  /** The methods the egress client sends. */
  public enum Method {
    GET,
    HEAD,
    /** Sent once: a POST is never retried by the client and never follows a redirect. */
    POST
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
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (RESERVED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header " + header.getKey() + " is set by the client");
      }
      if (!header.getKey().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")
          || header.getValue() == null
          || header.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        throw new IllegalArgumentException("header " + header.getKey() + " is not a valid header");
      }
    }
    if (body != null && method != Method.POST) {
      throw new IllegalArgumentException("only a POST carries a body");
    }
    body = body == null ? null : body.clone();
  }

  /** A request without headers or body (GET and HEAD). */
  public EgressRequest(
      Method method,
      URI url,
      String accept,
      Duration timeout,
      long maxBodyBytes,
      boolean truncateBody) {
    this(method, url, accept, timeout, maxBodyBytes, truncateBody, Map.of(), null, null);
  }

  /** A GET with the client's defaults. */
  public static EgressRequest get(URI url) {
    return new EgressRequest(Method.GET, url, null, null, 0, false);
  }

  /** A HEAD with the client's defaults. */
  public static EgressRequest head(URI url) {
    return new EgressRequest(Method.HEAD, url, null, null, 0, false);
  }

  /** A POST of {@code body} as {@code contentType}, with the client's defaults. */
  public static EgressRequest post(URI url, String contentType, byte[] body) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    return new EgressRequest(Method.POST, url, null, null, 0, false, Map.of(), body, contentType);
  }

  @Override
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  /** This request with an {@code Accept} header. */
  public EgressRequest withAccept(String mediaType) {
    return new EgressRequest(
        method, url, mediaType, timeout, maxBodyBytes, truncateBody, headers, body, contentType);
  }

  /** This request with a budget of its own for the whole call. */
  public EgressRequest withTimeout(Duration budget) {
    return new EgressRequest(
        method, url, accept, budget, maxBodyBytes, truncateBody, headers, body, contentType);
  }

  /** This request reading at most {@code bytes} of the body and keeping them (a probe's peek). */
  public EgressRequest withBodyTruncatedAt(long bytes) {
    return new EgressRequest(method, url, accept, timeout, bytes, true, headers, body, contentType);
  }

  /** This request refusing an answer longer than {@code bytes}. */
  public EgressRequest withMaxBody(long bytes) {
    return new EgressRequest(
        method, url, accept, timeout, bytes, false, headers, body, contentType);
  }

  /** This request with these headers added (a later value of the same name wins). */
  public EgressRequest withHeaders(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new EgressRequest(
        method, url, accept, timeout, maxBodyBytes, truncateBody, all, body, contentType);
  }

  @Override
  public String toString() {
    // Headers carry secrets (API keys, bearer tokens) and the query personal data: neither shown.
    return "EgressRequest[" + method + " " + url.getScheme() + "://" + url.getRawAuthority() + "]";
  }
}
