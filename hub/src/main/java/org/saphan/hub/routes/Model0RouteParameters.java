package org.saphan.hub.routes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.springframework.stereotype.Component;

/** The {@code model0-e-info} route of every card with service information, on its schedule. */
@Component
public class Model0RouteParameters implements ConnectorRouteParameters {

  /** How often a card's information is refreshed when it does not say. */
  static final long DEFAULT_REFRESH_MINUTES = 60;

  @Override
  public String templateId() {
    return IntegrationModel.ZERO.templateId();
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.json().has("info");
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    return Map.of("connector", card.name());
  }

  @Override
  public Optional<Duration> cadence(ConnectorCard card) {
    return Optional.of(
        Duration.ofMinutes(card.at("/info/source/refreshMinutes").asLong(DEFAULT_REFRESH_MINUTES)));
  }
}
