package org.saphan.hub.security.egress;

import java.net.URI;

/**
 * The final answer of an outbound call, after any redirects.
 *
 * @param url the URL asked for
 * @param finalUrl the URL that gave this answer (differs from {@code url} after redirects)
 * @param status the HTTP status of the final answer
 * @param contentType the {@code Content-Type} header, or null
 * @param body the body as read (empty for HEAD), at most the request's limit
 * @param truncated whether the body was longer than the limit and cut (only when asked for)
 * @param redirects how many redirects were followed
 * @param elapsedMillis time from the first connection attempt to the end of the body, all hops
 * @param extensionHeaders the final answer's {@code X-*} headers (an agency's own, e.g. its
 *     detached signature {@code X-JWS-Signature}), first value of each, names as sent
 */
public record EgressResponse(
    URI url,
    URI finalUrl,
    int status,
    String contentType,
    byte[] body,
    boolean truncated,
    int redirects,
    long elapsedMillis,
    java.util.Map<String, String> extensionHeaders) {

  public EgressResponse {
    body = body == null ? new byte[0] : body.clone();
    extensionHeaders =
        extensionHeaders == null
            ? java.util.Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(extensionHeaders));
  }

  /** An {@code X-*} header of the answer, by name whatever its case. */
  public java.util.Optional<String> header(String name) {
    return extensionHeaders.entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(java.util.Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "EgressResponse[finalUrl=%s, status=%d, contentType=%s, bodyBytes=%d, truncated=%s, redirects=%d, elapsedMillis=%d]"
        .formatted(finalUrl, status, contentType, body.length, truncated, redirects, elapsedMillis);
  }
}
