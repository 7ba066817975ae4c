package org.saphan.hub.routes;

import java.util.Map;
import org.saphan.catalog.ConnectorCard;

/**
 * Which cards a route template serves, and the template parameters a card gives it. One bean per
 * template; the parameters are named exactly like the connector properties they come from.
 */
public interface ConnectorRouteParameters {

  /** The template id in {@code routes/<id>.camel.yaml}. */
  String templateId();

  /** Whether this card gets a route from the template. */
  boolean appliesTo(ConnectorCard card);

  /** The template parameters for this card (bound values only: never message data). */
  Map<String, Object> parameters(ConnectorCard card);
}
