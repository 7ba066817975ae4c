package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.settings.InfoSettings;
import org.springframework.stereotype.Component;

/** The {@code model0-e-info} route of every card with service information, on its schedule. */
@Component
public class Model0RouteParameters implements ConnectorRouteParameters {

  /**
   * How often a card without an info source stores its own information again, in minutes (with a
   * source, the source's {@code refreshMinutes}, whose default the schema gives).
   */
  static final int WITHOUT_SOURCE_MINUTES = 60;

  @Override
  public String templateId() {
    return IntegrationModel.ZERO.templateId();
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.info().isPresent();
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    int minutes =
        card.info()
            .flatMap(InfoSettings::source)
            .map(InfoSettings.Source::refreshMinutes)
            .orElse(WITHOUT_SOURCE_MINUTES);
    return Map.of("connector", card.name(), "refreshMinutes", Integer.toString(minutes));
  }
}
