package org.saphan.hub.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts this attempt of the message (in the database, so the count survives the broker's
 * redeliveries and restarts); the card's {@code api.retry.maxAttempts} is compared with it when an
 * attempt fails.
 */
public class CountAttempt implements Processor {

  private final DeadLetters deadLetters;

  public CountAttempt(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    delivery.attempt(
        deadLetters.countAttempt(
            delivery.messageId(), delivery.application().id(), delivery.card().name()));
  }
}
