package org.saphan.sandbox.tsa;

/** Faults the time-stamping authority can play. */
public enum TsaFault {
  /** Healthy. */
  NONE,
  /** 503, no answer. */
  DOWN,
  /** A granted answer after {@code delayMillis}. */
  SLOW,
  /** A TimeStampResp with status rejection (systemFailure), no token. */
  REJECT,
  /** 200 with a body that is not DER. */
  MALFORMED
}
