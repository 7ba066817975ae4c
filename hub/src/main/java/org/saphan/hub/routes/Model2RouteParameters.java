package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;

/**
 * The {@code model2-sso-link} route of each model-2 card, with the card's assurance floor for SSO.
 */
public class Model2RouteParameters implements ConnectorRouteParameters {

  @Override
  public String templateId() {
    return IntegrationModel.TWO.templateId();
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.integrationModel() == IntegrationModel.TWO;
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    // The stricter of the service's floor and the SSO's own: SSO may raise it, never lower it.
    return Map.of(
        "connector",
        card.name(),
        "minimumIal",
        card.minimumIal(card.sso().orElseThrow().minimumIal()).orElseThrow());
  }
}
