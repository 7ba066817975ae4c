package org.saphan.hub.delivery;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code saphan-delivery} route configuration does with a failed attempt ({@link
 * DeliveryFailure}): {@link #isFinal} tells a dead letter from a retry; {@link #deadLetter} records
 * a dead letter (the exchange is then handled: the broker message is consumed), {@link #retry}
 * records the attempt and leaves the failure on the exchange, so the transacted consumer rolls back
 * and the broker redelivers it with its backoff. Either way the attempt is in the evidence, its
 * cause in the attempt count, and the outcome in {@code saphan_deliveries_total}.
 */
public class DeliveryFailures {

  private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

  private final Evidence evidence;
  private final DeadLetters deadLetters;
  private final StatusRecorder statuses;
  private final DeliveryOutcomes outcomes;
  private final Clock clock;

  public DeliveryFailures(
      Evidence evidence,
      DeadLetters deadLetters,
      StatusRecorder statuses,
      DeliveryOutcomes outcomes,
      Clock clock) {
    this.evidence = evidence;
    this.deadLetters = deadLetters;
    this.statuses = statuses;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  /**
   * Whether the failure ends the message: a contract fault at once, another non-transient failure
   * once the card's {@code api.retry.maxAttempts} are used. A transient failure never does.
   */
  public boolean isFinal(Exchange exchange) {
    DeliveryFailure failure = failure(exchange);
    Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
    if (failure == null || delivery == null || delivery.attempt() == 0) {
      return false;
    }
    return switch (failure.kind()) {
      case CONTRACT -> true;
      case COUNTED -> delivery.attempt() >= maxAttempts(delivery);
      case TRANSIENT -> false;
    };
  }

  /** Records a failed attempt that the broker delivers again later. */
  public void retry(Exchange exchange) {
    DeliveryFailure failure = failure(exchange);
    Delivery delivery = recordFailedAttempt(exchange, failure);
    outcomes.count(delivery, DeliveryOutcomes.Outcome.RETRIED, failure.code());
    String what = describe(delivery);
    if (failure.isTransient()) {
      log.warn(
          "{} to {} failed ({}: {}); the broker redelivers it later and the circuit"
              + " breaker pauses the route while the agency is down",
          what,
          delivery.card().name(),
          failure.code(),
          failure.getMessage());
    } else {
      log.warn(
          "{} to {} failed, attempt {} of {} ({}: {})",
          what,
          delivery.card().name(),
          delivery.attempt(),
          maxAttempts(delivery),
          failure.code(),
          failure.getMessage());
    }
  }

  /**
   * Moves the message to the dead letters with its cause; an application that never reached the
   * agency is {@code failed} (a payment notice leaves its application paid: the operator sees the
   * letter). One ERROR line tells the operator what to do.
   */
  public void deadLetter(Exchange exchange) {
    DeliveryFailure failure = failure(exchange);
    Delivery delivery = recordFailedAttempt(exchange, failure);
    String connector = delivery.card().name();
    long id =
        deadLetters.add(
            connector,
            delivery.application().id(),
            delivery.messageId(),
            delivery.messageId(),
            failure.code(),
            failure.getMessage(),
            delivery.attempt(),
            delivery.letterKind());
    if (!delivery.isPayment()) {
      statuses.record(
          delivery.application(),
          CanonicalStatus.FAILED,
          "hub",
          null,
          clock.instant(),
          delivery.messageId() + ":dead:" + id,
          "delivery failed: " + failure.code(),
          null);
    }
    outcomes.count(delivery, DeliveryOutcomes.Outcome.DEAD_LETTERED, failure.code());
    log.error(
        "{} (message {}) to {} gave up after {} attempt(s): {}: {}. It is dead letter {}: fix the"
            + " cause (agency answer, mapping or card), then POST /ops/v1/dead-letters/{}/replay.",
        describe(delivery),
        delivery.messageId(),
        connector,
        delivery.attempt(),
        failure.code(),
        failure.getMessage(),
        id,
        id);
  }

  private Delivery recordFailedAttempt(Exchange exchange, DeliveryFailure failure) {
    Delivery delivery = Delivery.of(exchange);
    if (delivery.sent()) {
      delivery.recordAttempt(evidence, failure);
    }
    deadLetters.attemptFailed(delivery.messageId(), failure.code(), failure.getMessage());
    return delivery;
  }

  private static DeliveryFailure failure(Exchange exchange) {
    Throwable caught = exchange.getException();
    if (caught == null) {
      caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
    return caught instanceof DeliveryFailure failure ? failure : null;
  }

  private static int maxAttempts(Delivery delivery) {
    return delivery.card().api().orElseThrow().retry().maxAttempts();
  }

  private static String describe(Delivery delivery) {
    return (delivery.isPayment() ? "Payment notice of " : "Delivery of ")
        + delivery.application().id();
  }
}
