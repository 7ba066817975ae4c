package org.saphan.sandbox.infosource;

/** Faults the agency info source can play. */
public enum InfoSourceFault {
  /** Healthy. */
  NONE,
  /** 503. */
  DOWN,
  /** 200 after {@code delayMillis}. */
  SLOW,
  /** 200 with a body that is not JSON. */
  MALFORMED,
  /** 302 to a loopback address on another port. */
  REDIRECT
}
