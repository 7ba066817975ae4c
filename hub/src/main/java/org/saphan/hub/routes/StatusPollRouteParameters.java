package org.saphan.hub.routes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.springframework.stereotype.Component;

/** The {@code model3-status-poll} route of each model-3 card that asks to be polled. */
@Component
public class StatusPollRouteParameters implements ConnectorRouteParameters {

  /** The template id in {@code routes/}. */
  public static final String TEMPLATE_ID = "model3-status-poll";

  /** The poll interval when the card does not say (the schema's default). */
  static final long DEFAULT_INTERVAL_SECONDS = 900;

  @Override
  public String templateId() {
    return TEMPLATE_ID;
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.integrationModel() == IntegrationModel.THREE && card.at("/api/polling").isObject();
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    return Map.of("connector", card.name());
  }

  @Override
  public Optional<Duration> cadence(ConnectorCard card) {
    return Optional.of(
        Duration.ofSeconds(
            card.at("/api/polling/intervalSeconds").asLong(DEFAULT_INTERVAL_SECONDS)));
  }
}
