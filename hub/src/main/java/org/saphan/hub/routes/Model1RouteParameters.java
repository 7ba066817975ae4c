package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.springframework.stereotype.Component;

/** The {@code model1-link-out} probe of each model-1 and model-2 card, at the card's interval. */
@Component
public class Model1RouteParameters implements ConnectorRouteParameters {

  @Override
  public String templateId() {
    return IntegrationModel.ONE.templateId();
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.integrationModel() == IntegrationModel.ONE
        || card.integrationModel() == IntegrationModel.TWO;
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    int seconds = card.linkOut().orElseThrow().probe().intervalSeconds();
    return Map.of("connector", card.name(), "intervalSeconds", Integer.toString(seconds));
  }
}
