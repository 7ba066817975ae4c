package org.saphan.hub.routes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.settings.InfoSettings;

/** The {@code model0-e-info} route of every card with service information, on its schedule. */
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
    return Map.of("connector", card.name());
  }

  @Override
  public Optional<Duration> cadence(ConnectorCard card) {
    return Optional.of(
        Duration.ofMinutes(
            card.info()
                .flatMap(InfoSettings::source)
                .map(InfoSettings.Source::refreshMinutes)
                .orElse(WITHOUT_SOURCE_MINUTES)));
  }
}
