package org.saphan.hub.payment;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The life of a payment order: {@code created → pending → paid | expired | failed}, then {@code
 * refunded}. The transitions are the whole state machine; anything else is refused or, for a
 * gateway notification that arrives late, ignored as stale.
 */
public enum PaymentStatus {
  /** The order exists and its QR can be paid. */
  CREATED,
  /** The gateway reported a payment in progress. */
  PENDING,
  /** The gateway reported the payment done. */
  PAID,
  /** Nobody paid before the order expired. */
  EXPIRED,
  /** The gateway reported the payment failed. */
  FAILED,
  /** A paid order was paid back. */
  REFUNDED;

  /** Statuses in which the order still waits for money. */
  public static final Set<PaymentStatus> OPEN = EnumSet.of(CREATED, PENDING);

  /** The status as stored and sent: lower case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status of a wire name. */
  public static PaymentStatus fromWire(String wire) {
    return Arrays.stream(values())
        .filter(s -> s.wire().equals(wire))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("payment status " + wire));
  }

  /**
   * Whether the order no longer waits for a payment. A paid order is finished (it can still be
   * refunded); an expired or failed one can still turn paid when the bank took the money anyway.
   */
  public boolean finished() {
    return !OPEN.contains(this);
  }

  /**
   * Where a gateway status takes an order in this status, or empty when it must not move it: a
   * PENDING after PAID, a FAILED after PAID, a repeated status. A PAID for an expired or failed
   * order is applied: the payer's bank took the money, which only a refund undoes.
   */
  public Optional<PaymentStatus> on(GatewayStatus event) {
    PaymentStatus target =
        switch (event) {
          case PENDING -> this == CREATED ? PENDING : null;
          case PAID ->
              this == CREATED || this == PENDING || this == EXPIRED || this == FAILED ? PAID : null;
          case FAILED -> this == CREATED || this == PENDING ? FAILED : null;
          case REFUNDED -> this == PAID ? REFUNDED : null;
        };
    return Optional.ofNullable(target);
  }

  /** Whether the hub itself may expire an order in this status (the expiry sweep). */
  public boolean expirable() {
    return OPEN.contains(this);
  }

  /** What the e-Payment gateway reports in a notification. */
  public enum GatewayStatus {
    PENDING,
    PAID,
    FAILED,
    REFUNDED;

    /** The gateway status of a notification's {@code status}, if known. */
    public static Optional<GatewayStatus> parse(String value) {
      return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }
  }
}
