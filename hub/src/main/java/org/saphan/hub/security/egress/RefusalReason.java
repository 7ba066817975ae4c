package org.saphan.hub.security.egress;

import java.util.Locale;

/** Why the egress policy refused an outbound request; the snake_case code is part of the API. */
public enum RefusalReason {
  /** Not http or https (file:, ftp:, jar:...). */
  SCHEME_NOT_ALLOWED,
  /** The URL carries user information ({@code user:password@host}). */
  USERINFO_NOT_ALLOWED,
  /** The URL (or a redirect's Location) cannot be parsed into scheme, host and port. */
  MALFORMED_URL,
  /** The host is not literally in the card's allow-list. */
  HOST_NOT_ALLOWED,
  /** The host is allowed, but not on this port. */
  PORT_NOT_ALLOWED,
  /** A redirect from https to plain http. */
  SCHEME_DOWNGRADE,
  /** The host resolves to an address the hub never calls (loopback, private, link-local...). */
  ADDRESS_NOT_ALLOWED,
  /** More redirects than {@code saphan.egress.max-redirects}. */
  TOO_MANY_REDIRECTS;

  /** The stable code, as it appears in problem properties and probe details. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
