package org.saphan.hub.delivery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.PatternHelper;
import org.saphan.catalog.Secret;

/**
 * Sends the signed body to a REST agency through {@link RestTransport} (the hub's one egress
 * client): POST to the address the route chose (its exchange property {@code SaphanAddress}), with
 * the message's {@code X-*} headers and the card's API key, if it has one (added here, so the
 * secret never sits on the exchange).
 */
public class SendRest implements Processor {

  private final RestTransport rest;

  public SendRest(RestTransport rest) {
    this.rest = rest;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    String address = exchange.getProperty(Delivery.ADDRESS, String.class);
    Message message = exchange.getMessage();
    Map<String, String> headers = new LinkedHashMap<>();
    message
        .getHeaders()
        .forEach(
            (name, value) -> {
              if (PatternHelper.matchPattern(name, SignRequest.AGENCY_HEADERS)) {
                headers.put(name, String.valueOf(value));
              }
            });
    delivery
        .card()
        .credential("apiKey")
        .map(Secret::reveal)
        .ifPresent(key -> headers.put("X-Api-Key", key));
    byte[] body = message.getBody(byte[].class);
    delivery.sending(body);
    delivery.transport("rest");
    delivery.call(rest.post(delivery.card().name(), URI.create(address), body, headers));
  }
}
