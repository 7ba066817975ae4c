package org.saphan.hub.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's skip branch: the agency already acknowledged this message id, so nothing is sent; a
 * dead letter of it that an operator replays meanwhile is marked replayed.
 */
public class SkipAcknowledged implements Processor {

  private static final Logger log = LoggerFactory.getLogger(SkipAcknowledged.class);

  private final DeadLetters deadLetters;

  public SkipAcknowledged(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    log.debug(
        "Message {} of application {} was already acknowledged; nothing to send",
        delivery.messageId(),
        delivery.application().id());
    deadLetters.markReplayed(delivery.messageId());
  }
}
