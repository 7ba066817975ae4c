package org.saphan.sandbox.agency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The fault state of a simulated agency, as posted to {@code /sandbox/v1/agencies/<agency>/faults}.
 * Posting replaces the whole state, so {@code {"mode":"none"}} clears everything.
 *
 * @param mode the failure to play
 * @param delayMillis extra delay of every answer in {@code slow} mode (milliseconds)
 * @param code the {@code resultCode} / fault code to put in {@code error_500} answers (optional)
 * @param latencyMillis delay added to every delivery in any mode, for benchmarks (milliseconds)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgencyFault(FaultMode mode, long delayMillis, String code, long latencyMillis) {

  /** No fault, no latency. */
  public static final AgencyFault NONE = new AgencyFault(FaultMode.NONE, 0, null, 0);

  /** Longest delay accepted, so a typo cannot park requests for hours. */
  public static final long MAX_DELAY_MILLIS = 600_000;

  public AgencyFault {
    mode = mode == null ? FaultMode.NONE : mode;
    if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
      throw new IllegalArgumentException("delayMillis must be 0.." + MAX_DELAY_MILLIS);
    }
    if (latencyMillis < 0 || latencyMillis > MAX_DELAY_MILLIS) {
      throw new IllegalArgumentException("latencyMillis must be 0.." + MAX_DELAY_MILLIS);
    }
    if (code != null && !code.matches("[A-Za-z0-9_.-]{1,32}")) {
      throw new IllegalArgumentException("code must be 1-32 letters, digits, '_', '.' or '-'");
    }
  }

  /** How long the answer to one delivery is held back. */
  public long answerDelayMillis() {
    return latencyMillis + (mode == FaultMode.SLOW ? delayMillis : 0);
  }
}
