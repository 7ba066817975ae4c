package org.saphan.hub.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.common.Zones;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.payment.PaymentLedger;
import org.saphan.hub.payment.PaymentOrder;
import org.saphan.hub.platform.Json;

/**
 * The payment branch of a delivery: the canonical payment notice of the paid order that sends this
 * message id, for the card's {@code payment} mapping; the route has chosen its address ({@code
 * api.paymentEndpoint} over REST, {@code api.endpoint} over SOAP). A notice needs the agency's
 * reference of the application: there is nothing to pay against before the agency acknowledged it.
 */
public class BuildPaymentNotice implements Processor {

  private static final ObjectMapper JSON = Json.strict();

  private final PaymentLedger payments;
  private final ApplicationStore store;

  public BuildPaymentNotice(PaymentLedger payments, ApplicationStore store) {
    this.payments = payments;
    this.store = store;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    String messageId = delivery.messageId();
    String applicationId = delivery.application().id();
    PaymentOrder order =
        payments
            .byMessageId(UUID.fromString(messageId))
            .orElseThrow(
                () ->
                    DeliveryFailure.permanent(
                        ErrorCode.PAYMENT_NOT_FOUND,
                        "no payment order sends message " + messageId,
                        null));
    String reference = store.get(applicationId).agencyReference();
    if (reference == null) {
      throw DeliveryFailure.permanent(
          ErrorCode.PAYMENT_BEFORE_ACKNOWLEDGEMENT,
          "the agency has not acknowledged application "
              + applicationId
              + " (no agency reference): there is nothing to pay against yet",
          null);
    }
    String address = exchange.getProperty(Delivery.ADDRESS, "", String.class);
    if (address.isBlank() || delivery.card().mappingFile(MappingKey.PAYMENT).isEmpty()) {
      throw DeliveryFailure.permanent(
          ErrorCode.CARD_INVALID,
          delivery.card().name()
              + " declares no payment notice (api.mappings.payment, api.paymentEndpoint)",
          null);
    }
    ObjectNode notice = JSON.createObjectNode();
    notice.put("messageId", messageId);
    notice.put("applicationId", applicationId);
    notice.put("agencyReference", reference);
    notice.put("paymentId", order.id());
    notice.put("billerId", order.billerId());
    notice.put("ref1", order.ref1());
    notice.put("ref2", order.ref2());
    notice.put("amount", order.amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString());
    notice.put("currency", order.currency());
    notice.put(
        "paidAt",
        order.paidAt() == null
            ? null
            : OffsetDateTime.ofInstant(order.paidAt(), Zones.BANGKOK).toString());
    notice.put("transactionId", order.transactionId());
    notice.put("bankRef", order.bankRef());
    notice.put("payerBank", order.payerBank());
    notice.put("receiptUrl", "/api/v1/payments/" + order.id() + "/receipt");
    delivery.paymentNotice(order, reference, MappingInput.json(notice));
  }
}
