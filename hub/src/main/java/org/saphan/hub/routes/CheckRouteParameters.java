package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.RouteBindings;

/**
 * The {@code model3-check} route of each card that declares check operations ({@code checks}),
 * whatever its model: the api layer ({@code POST /api/v1/services/{id}/checks/{operation}}) calls
 * it and waits for the result.
 */
public class CheckRouteParameters implements ConnectorRouteParameters {

  /** The template id in {@code routes/}. */
  public static final String TEMPLATE_ID = RouteBindings.CHECK_TEMPLATE;

  @Override
  public String templateId() {
    return TEMPLATE_ID;
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.checks().isPresent();
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    return Map.of("connector", card.name());
  }

  /** The endpoint of a card's check route. */
  public static String endpoint(String connector) {
    return "direct:" + connector + "-" + TEMPLATE_ID;
  }
}
