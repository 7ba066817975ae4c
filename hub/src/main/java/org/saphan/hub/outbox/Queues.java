package org.saphan.hub.outbox;

import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.platform.BrokerSettings;

/**
 * Names the broker queue of a connector's work: the outbox fills it and the connector's route
 * consumes it (the route parameters bind the same name), so both sides ask here.
 */
public final class Queues {

  /** Address prefix of the back office's queues (model 4). */
  public static final String BACKOFFICE_PREFIX = "saphan.backoffice.";

  private Queues() {}

  /** The queue a connector's messages travel on. */
  public static String of(ConnectorCard card) {
    return of(card.model(), card.name());
  }

  /**
   * The queue of a connector's work by its model: the back office's (model 4), else the agency
   * delivery route's (applications, payment notices), whose broker settings key on the same prefix.
   */
  public static String of(int model, String connector) {
    return (model == 4 ? BACKOFFICE_PREFIX : BrokerSettings.DELIVERY_PREFIX) + connector;
  }
}
