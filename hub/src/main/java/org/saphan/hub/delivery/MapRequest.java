package org.saphan.hub.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Maps the canonical message (the application, or the payment branch's notice) with the card's
 * mapping for it ({@code request} or {@code payment}); the mapped text becomes the message body.
 */
public class MapRequest implements Processor {

  private final DeliveryMappings mappings;

  public MapRequest(DeliveryMappings mappings) {
    this.mappings = mappings;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    exchange
        .getMessage()
        .setBody(mappings.run(delivery.card(), delivery.mapping(), delivery.canonical()).text());
  }
}
