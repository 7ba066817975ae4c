package org.saphan.hub.delivery;

import org.saphan.hub.error.ErrorCode;

/**
 * A delivery attempt that failed, in one of three classes that decide what happens to the message
 * (the delivery route's {@code saphan-delivery} configuration applies them):
 *
 * <ul>
 *   <li>{@link #transientFailure} (agency down, slow, 5xx, 429, {@code soap:Server}): rolled back
 *       to the broker, which redelivers with backoff; never counts against the card's attempts, and
 *       the route's circuit counts it;
 *   <li>{@link #contractFault} (a 4xx to a request the hub built, a {@code soap:Client} fault, a
 *       code the card lists in {@code api.answers.contractFaults}): a dead letter at once, since
 *       sending the same request again cannot change the answer;
 *   <li>{@link #permanent} (a malformed answer, a mapping error, the egress policy, a card that
 *       cannot be used): counts, and goes to the dead letters when the card's {@code
 *       api.retry.maxAttempts} are used up (the cause may be fixed meanwhile: a proxy's error page,
 *       a mapping or card redeployed).
 * </ul>
 */
public final class DeliveryFailure extends RuntimeException {

  /** What the failure does to the message. */
  public enum Kind {
    TRANSIENT,
    COUNTED,
    CONTRACT
  }

  private final ErrorCode code;
  private final Kind kind;

  /** A failure whose cause is a catalogued code, so every dead letter's cause is explained. */
  public DeliveryFailure(ErrorCode code, String message, Kind kind, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.kind = kind;
  }

  /** A failure that waits for the agency (the circuit breaker counts it). */
  public static DeliveryFailure transientFailure(ErrorCode code, String message, Throwable cause) {
    return new DeliveryFailure(code, message, Kind.TRANSIENT, cause);
  }

  /** A failure that counts against the card's attempts. */
  public static DeliveryFailure permanent(ErrorCode code, String message, Throwable cause) {
    return new DeliveryFailure(code, message, Kind.COUNTED, cause);
  }

  /** The agency refused the request the hub built: a dead letter without further attempts. */
  public static DeliveryFailure contractFault(ErrorCode code, String message) {
    return new DeliveryFailure(code, message, Kind.CONTRACT, null);
  }

  /** A stable snake_case cause code: {@code agency_unavailable}, {@code malformed_response}... */
  public String code() {
    return code.code();
  }

  public Kind kind() {
    return kind;
  }

  public boolean isTransient() {
    return kind == Kind.TRANSIENT;
  }
}
