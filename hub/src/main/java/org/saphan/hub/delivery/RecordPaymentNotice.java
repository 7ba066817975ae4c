package org.saphan.hub.delivery;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.hub.evidence.Evidence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of a payment notice, in one database transaction: the attempt, the agency's
 * acknowledgement (its 2xx) and the message's dead letters marked replayed. The application's
 * status does not move: it is paid already.
 */
public class RecordPaymentNotice implements Processor {

  private static final Logger log = LoggerFactory.getLogger(RecordPaymentNotice.class);

  private final Evidence evidence;
  private final DeadLetters deadLetters;
  private final TransactionTemplate transactions;
  private final DeliveryOutcomes outcomes;

  public RecordPaymentNotice(
      Evidence evidence,
      DeadLetters deadLetters,
      TransactionTemplate transactions,
      DeliveryOutcomes outcomes) {
    this.evidence = evidence;
    this.deadLetters = deadLetters;
    this.transactions = transactions;
    this.outcomes = outcomes;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    String applicationId = delivery.application().id();
    String messageId = delivery.messageId();
    transactions.executeWithoutResult(
        tx -> {
          delivery.recordAttempt(evidence, null);
          delivery.recordAcknowledgement(
              evidence,
              "accepted",
              delivery.agencyReference(),
              Map.of("paymentId", delivery.order().id()));
          deadLetters.markReplayed(messageId);
        });
    outcomes.count(delivery, DeliveryOutcomes.Outcome.DELIVERED, DeliveryOutcomes.NO_CAUSE);
    log.info(
        "Payment {} of application {} notified to {} (attempt {})",
        delivery.order().id(),
        applicationId,
        delivery.card().name(),
        delivery.attempt());
  }
}
