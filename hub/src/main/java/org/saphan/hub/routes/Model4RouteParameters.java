package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.outbox.Queues;

/** The {@code model4-back-office} route of each model-4 card, on the card's back-office queue. */
public class Model4RouteParameters implements ConnectorRouteParameters {

  @Override
  public String templateId() {
    return IntegrationModel.FOUR.templateId();
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.integrationModel() == IntegrationModel.FOUR;
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    return Map.of("connector", card.name(), "queue", Queues.of(card));
  }
}
