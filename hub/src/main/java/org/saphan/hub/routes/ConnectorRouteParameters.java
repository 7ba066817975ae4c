package org.saphan.hub.routes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.ConnectorCard;

/**
 * Which cards a route template serves, and the template parameters a card gives it. One small class
 * per template ({@code Model<n>RouteParameters}), needing nothing but the card: the parameters are
 * card properties, named like them, bound as strings. {@code ./saphan validate} checks that each
 * template uses what it declares, and {@code RouteParametersTest} that each class binds exactly
 * what its template declares.
 */
public interface ConnectorRouteParameters {

  /** The template id in {@code routes/<id>.camel.yaml}. */
  String templateId();

  /** Whether this card gets a route from the template. */
  boolean appliesTo(ConnectorCard card);

  /** The template parameters for this card (bound values only: never message data). */
  Map<String, Object> parameters(ConnectorCard card);

  /**
   * For a template the job scheduler fires (a per-connector job of {@code batch/schedules.yaml}):
   * how often this card's route runs, from the card's setting; empty for a template that consumes
   * messages.
   */
  default Optional<Duration> cadence(ConnectorCard card) {
    return Optional.empty();
  }
}
