package org.saphan.hub.security.egress;

import java.net.URI;
import java.time.Instant;

/**
 * The health of one link-out URL at one moment.
 *
 * @param status UP, DOWN or REFUSED
 * @param httpStatus the final HTTP status, or null when there was no answer (timeout, refused)
 * @param latencyMillis time the probe took, all requests and redirects included
 * @param checkedAt when the probe started (the hub's clock)
 * @param finalUrl where the link ended: the last URL answered, or for REFUSED the URL or redirect
 *     target that was refused (and never fetched)
 * @param detail why, in plain words (empty when UP)
 */
public record ProbeResult(
    Status status,
    Integer httpStatus,
    long latencyMillis,
    Instant checkedAt,
    URI finalUrl,
    String detail) {

  /** Outcome of a probe. */
  public enum Status {
    /** The e-service answered 2xx, or 3xx that needs no further (permitted) hop. */
    UP,
    /** 4xx or 5xx, a timeout, connection refused, or an unknown host. */
    DOWN,
    /** The egress policy refused the URL or a redirect; the detail names the reason. */
    REFUSED
  }
}
