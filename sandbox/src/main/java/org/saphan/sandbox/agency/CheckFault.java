package org.saphan.sandbox.agency;

import java.util.Locale;

/**
 * Faults a signed check agency can play (docs/agency/checks.md: the LED bankruptcy check, the
 * police's traffic fines), set through {@code POST /sandbox/v1/agencies/<agency>/faults}: one
 * vocabulary for every check agency. The wire names are the constants' names in lower case with
 * {@code -} for {@code _} (e.g. {@code foreign-signature}).
 */
public enum CheckFault {
  /** Normal service. */
  NONE,
  /** 503 to every check, nothing read. */
  DOWN,
  /** 500 to every check, nothing read. */
  ERROR,
  /** The usual answer, sent after {@code delayMillis}. */
  SLOW,
  /** A signed answer whose body is changed after signing ({@code validUntil} 30 days later). */
  TAMPERED,
  /** An answer without {@code X-JWS-Signature}. */
  UNSIGNED,
  /** An answer signed by a throw-away EC P-256 key that claims the agency's {@code kid}. */
  FOREIGN_SIGNATURE,
  /** A valid answer signed by the agency, padded with JSON whitespace to over 1 MiB. */
  OVERSIZED,
  /** A valid answer signed by the agency about another {@code requestId}. */
  WRONG_REQUEST;

  /** The wire name, e.g. {@code foreign-signature}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
