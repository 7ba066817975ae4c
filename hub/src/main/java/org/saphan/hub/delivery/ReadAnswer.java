package org.saphan.hub.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.platform.Json;

/**
 * Reads the agency's answer: classifies it by the card's {@code api.answers} ({@link
 * AgencyAnswers}), throws what is a contract fault or transient (the route's failure handling takes
 * it from there), and maps an acknowledgement with the card's {@code response} mapping into the
 * canonical acknowledgement ({@code accepted}, {@code agencyReference}, {@code agencyStatusCode},
 * {@code receivedAt}, {@code message}). A business refusal the card declares by status or fault
 * code becomes an acknowledgement with {@code accepted: false} and the agency's reason. A payment
 * notice's acknowledgement is its 2xx; its body is kept as evidence, not mapped.
 */
public class ReadAnswer implements Processor {

  private static final ObjectMapper JSON = Json.strict();

  private final DeliveryMappings mappings;

  public ReadAnswer(DeliveryMappings mappings) {
    this.mappings = mappings;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    ConnectorCard card = delivery.card();
    AgencyCall call = delivery.call();
    AgencyAnswers.Answer answer =
        AgencyAnswers.classify(
            card, call, delivery.isPayment() ? "payment notice" : "delivery", delivery.isPayment());
    switch (answer.answerClass()) {
      case ACKNOWLEDGEMENT -> {
        if (!delivery.isPayment()) {
          delivery.acknowledgement(acknowledgement(delivery, card, call));
        }
      }
      case REFUSAL -> delivery.acknowledgement(refusal(delivery, card, call, answer));
      default -> throw answer.failure();
    }
  }

  private JsonNode acknowledgement(Delivery delivery, ConnectorCard card, AgencyCall call) {
    JsonNode ack;
    try {
      ack = mappings.run(card, MappingKey.RESPONSE, input(delivery, call)).json();
    } catch (IllegalStateException e) {
      throw DeliveryFailure.permanent(
          ErrorCode.MALFORMED_RESPONSE, "response mapping: " + e.getMessage(), e);
    }
    if (!ack.path("accepted").isBoolean()) {
      throw DeliveryFailure.permanent(
          ErrorCode.MALFORMED_RESPONSE, "the agency's answer maps to no 'accepted' flag", null);
    }
    return ack;
  }

  /**
   * A refusal the card declares: the response mapping's reading of it where the answer has one (an
   * agency's 422 often carries its code and text), else the fault's or status's own words.
   */
  private JsonNode refusal(
      Delivery delivery, ConnectorCard card, AgencyCall call, AgencyAnswers.Answer answer) {
    ObjectNode refusal = JSON.createObjectNode();
    if (call.fault() == null) {
      try {
        if (acknowledgement(delivery, card, call) instanceof ObjectNode mapped) {
          refusal.setAll(mapped);
        }
      } catch (DeliveryFailure e) {
        // the answer has no readable body: the status says it all
      }
    }
    refusal.put("accepted", false);
    if (!refusal.hasNonNull("agencyStatusCode") && answer.code() != null) {
      refusal.put("agencyStatusCode", answer.code());
    }
    if (!refusal.hasNonNull("message")) {
      refusal.put("message", call.fault() != null ? call.fault().reason() : answer.reason());
    }
    return refusal;
  }

  private static MappingInput input(Delivery delivery, AgencyCall call) {
    if ("soap".equals(delivery.transport())) {
      return MappingInput.xml(call.body());
    }
    try {
      JsonNode parsed = JSON.readTree(call.body());
      if (parsed == null || !parsed.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return MappingInput.json(parsed);
    } catch (Exception e) {
      throw DeliveryFailure.permanent(
          ErrorCode.MALFORMED_RESPONSE,
          "agency answered HTTP "
              + call.httpStatus()
              + " with a body that is not a JSON object ("
              + AgencyAnswers.abbreviate(call.body())
              + ")",
          e);
    }
  }
}
