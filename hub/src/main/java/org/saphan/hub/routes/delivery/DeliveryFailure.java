package org.saphan.hub.routes.delivery;

/**
 * A delivery attempt that failed: {@link #transientFailure} ones (agency down, slow, 5xx, 429) wait
 * for the agency and never count against the card's attempts; the others (refused credentials, a
 * request the agency cannot take, a malformed answer, a mapping error) count, and go to the dead
 * letters when the card's attempts are used up.
 */
public final class DeliveryFailure extends RuntimeException {

  private final String code;
  private final boolean transientFailure;

  public DeliveryFailure(String code, String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.transientFailure = transientFailure;
  }

  /** A failure that waits for the agency (the circuit breaker counts it). */
  public static DeliveryFailure transientFailure(String code, String message, Throwable cause) {
    return new DeliveryFailure(code, message, true, cause);
  }

  /** A failure that counts against the card's attempts. */
  public static DeliveryFailure permanent(String code, String message, Throwable cause) {
    return new DeliveryFailure(code, message, false, cause);
  }

  /** A stable snake_case cause code: {@code agency_unavailable}, {@code malformed_response}... */
  public String code() {
    return code;
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
