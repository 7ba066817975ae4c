package org.saphan.hub.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of an application's delivery, in one database transaction: the attempt, the
 * acknowledgement, the agency's reference and the statuses (delivered, then what the agency said:
 * its status code through the card's {@code statusCodes}, {@code received} without one, {@code
 * rejected} with its reason for a refusal), and the message's dead letters marked replayed. A crash
 * anywhere before the commit makes the broker redeliver, and the agency repeat its (deduplicated)
 * answer.
 */
public class RecordDelivery implements Processor {

  private final ApplicationStore store;
  private final Evidence evidence;
  private final DeadLetters deadLetters;
  private final StatusRecorder statuses;
  private final TransactionTemplate transactions;
  private final DeliveryOutcomes outcomes;
  private final FaultInjection faults;
  private final Clock clock;

  public RecordDelivery(
      ApplicationStore store,
      Evidence evidence,
      DeadLetters deadLetters,
      StatusRecorder statuses,
      TransactionTemplate transactions,
      DeliveryOutcomes outcomes,
      FaultInjection faults,
      Clock clock) {
    this.store = store;
    this.evidence = evidence;
    this.deadLetters = deadLetters;
    this.statuses = statuses;
    this.transactions = transactions;
    this.outcomes = outcomes;
    this.faults = faults;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    JsonNode ack = delivery.acknowledgement();
    faults.reached(FaultInjection.Point.DELIVERY_AFTER_SEND, 0);
    transactions.executeWithoutResult(
        tx -> {
          delivery.recordAttempt(evidence, null);
          recordAcknowledgement(delivery, ack);
          deadLetters.markReplayed(delivery.messageId());
        });
    boolean accepted = ack.path("accepted").asBoolean();
    outcomes.count(
        delivery,
        accepted ? DeliveryOutcomes.Outcome.DELIVERED : DeliveryOutcomes.Outcome.REFUSED,
        accepted ? DeliveryOutcomes.NO_CAUSE : "agency_refused");
  }

  private void recordAcknowledgement(Delivery delivery, JsonNode ack) {
    Application application = delivery.application();
    ConnectorCard card = delivery.card();
    String messageId = delivery.messageId();
    boolean accepted = ack.path("accepted").asBoolean();
    String reference = ack.path("agencyReference").asText(null);
    Instant receivedAt = instant(ack.path("receivedAt").asText(null)).orElse(clock.instant());
    delivery.recordAcknowledgement(evidence, accepted ? "accepted" : "refused", reference, ack);
    if (reference != null) {
      store.setAgencyReference(application.id(), reference);
    }
    faults.reached(FaultInjection.Point.DELIVERY_BETWEEN_ACK_AND_STATUS, 0);
    // The hub's clock orders what the hub saw: delivered now, then whatever the agency said it
    // did; an agency timestamp (often to the second) never sorts before the delivery itself.
    Instant delivered = clock.instant();
    Instant agencyTime = receivedAt.isAfter(delivered) ? receivedAt : delivered.plusMillis(1);
    statuses.record(
        application,
        CanonicalStatus.DELIVERED,
        "hub",
        null,
        delivered,
        messageId + ":delivered",
        "delivered to " + card.agencyCode(),
        null);
    String code = ack.path("agencyStatusCode").asText(null);
    CanonicalStatus status;
    if (!accepted) {
      status = CanonicalStatus.REJECTED;
    } else {
      Optional<CanonicalStatus> canonical =
          code == null ? Optional.empty() : card.canonicalStatus(code);
      status = canonical.orElse(CanonicalStatus.RECEIVED);
    }
    statuses.record(
        application,
        status,
        "agency",
        code,
        agencyTime,
        messageId + ":ack",
        ack.path("message").asText(null),
        ack);
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
