package org.saphan.hub.routes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.RouteBindings;
import org.saphan.catalog.settings.ApiSettings;

/** The {@code model3-status-poll} route of each model-3 card that asks to be polled. */
public class StatusPollRouteParameters implements ConnectorRouteParameters {

  /** The template id in {@code routes/}. */
  public static final String TEMPLATE_ID = RouteBindings.STATUS_POLL_TEMPLATE;

  @Override
  public String templateId() {
    return TEMPLATE_ID;
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.integrationModel() == IntegrationModel.THREE
        && card.api().flatMap(ApiSettings::polling).isPresent();
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    return Map.of("connector", card.name());
  }

  @Override
  public Optional<Duration> cadence(ConnectorCard card) {
    return Optional.of(
        Duration.ofSeconds(
            card.api().flatMap(ApiSettings::polling).orElseThrow().intervalSeconds()));
  }
}
