package org.saphan.hub.delivery;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what became of each delivery attempt: {@code saphan.deliveries} (payment notices: {@code
 * saphan.payment.notices}) by connector, {@code outcome} and {@code cause}. Prometheus: {@code
 * saphan_deliveries_total{connector,outcome,cause}}.
 */
public class DeliveryOutcomes {

  /** What became of an attempt. */
  public enum Outcome {
    /** The agency acknowledged and accepted it. */
    DELIVERED("delivered"),
    /** The agency acknowledged it and refused the application (a business refusal). */
    REFUSED("refused"),
    /** The attempt failed; the broker delivers the message again later. */
    RETRIED("retried"),
    /** The attempt failed for good: the message is a dead letter. */
    DEAD_LETTERED("dead_lettered");

    private final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  /** The {@code cause} of an outcome without a failure. */
  public static final String NO_CAUSE = "none";

  private final MeterRegistry meters;

  public DeliveryOutcomes(MeterRegistry meters) {
    this.meters = meters;
  }

  /**
   * @param cause the failure code ({@code agency_unavailable}, ...), {@code agency_refused} for a
   *     refusal, {@link #NO_CAUSE} for a delivery
   */
  public void count(Delivery delivery, Outcome outcome, String cause) {
    meters
        .counter(
            delivery.isPayment() ? "saphan.payment.notices" : "saphan.deliveries",
            "connector",
            delivery.card().name(),
            "outcome",
            outcome.tag(),
            "cause",
            cause)
        .increment();
  }
}
