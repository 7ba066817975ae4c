package org.saphan.sandbox.eservice;

/** Faults the DLT e-learning page can play. */
public enum EserviceFault {
  /** Healthy. */
  NONE,
  /** 503, or the status given as {@code code}. */
  DOWN,
  /** 200 after {@code delayMillis}. */
  SLOW,
  /** 302 to a loopback address on another port. */
  REDIRECT,
  /** 405 on HEAD, 200 on GET: probes must fall back to GET. */
  HEAD_NOT_ALLOWED
}
