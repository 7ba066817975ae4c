package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.applications.ApplicationIntake;
import org.springframework.stereotype.Component;

/** The {@code model3-api-share} route of each model-3 card, with the card's limits. */
@Component
public class Model3RouteParameters implements ConnectorRouteParameters {

  @Override
  public String templateId() {
    return IntegrationModel.THREE.templateId();
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.integrationModel() == IntegrationModel.THREE;
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    int concurrency = card.at("/api/limits/concurrency").asInt(4);
    return Map.of(
        "connector", card.name(),
        "queue", ApplicationIntake.destinationOf(card),
        "concurrency", Integer.toString(concurrency));
  }
}
