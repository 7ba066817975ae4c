package org.saphan.hub.routes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;

/** The {@code model1-link-out} probe of each model-1 and model-2 card, at the card's interval. */
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
    return Map.of("connector", card.name());
  }

  @Override
  public Optional<Duration> cadence(ConnectorCard card) {
    return Optional.of(Duration.ofSeconds(card.linkOut().orElseThrow().probe().intervalSeconds()));
  }
}
