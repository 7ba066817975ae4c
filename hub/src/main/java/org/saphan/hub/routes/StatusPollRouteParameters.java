package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.RouteBindings;
import org.saphan.catalog.settings.ApiSettings;
import org.springframework.stereotype.Component;

/** The {@code model3-status-poll} route of each model-3 card that asks to be polled. */
@Component
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
    int seconds = card.api().flatMap(ApiSettings::polling).orElseThrow().intervalSeconds();
    return Map.of("connector", card.name(), "intervalSeconds", Integer.toString(seconds));
  }
}
