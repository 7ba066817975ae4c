package org.saphan.hub.routes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.springframework.stereotype.Component;

/** The {@code model1-link-out} probe of each model-1 and model-2 card, at the card's interval. */
@Component
public class Model1RouteParameters implements ConnectorRouteParameters {

  /** The probe interval when the card does not say (the schema's default). */
  static final long DEFAULT_INTERVAL_SECONDS = 300;

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
    return Optional.of(
        Duration.ofSeconds(
            card.at("/linkOut/probe/intervalSeconds").asLong(DEFAULT_INTERVAL_SECONDS)));
  }
}
