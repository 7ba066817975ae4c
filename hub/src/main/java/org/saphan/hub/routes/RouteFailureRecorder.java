package org.saphan.hub.routes;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.platform.RouteHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of the {@code saphan-errors} and {@code saphan-broker-redelivery} route
 * configurations: one log line and one metric per failed exchange, naming the connector, the
 * message, the cause and what to do. The cause is named by its classes and SQLState only: its
 * messages may quote the message's personal data.
 */
public class RouteFailureRecorder {

  private static final Logger log = LoggerFactory.getLogger(RouteFailureRecorder.class);

  private final MeterRegistry meters;

  public RouteFailureRecorder(MeterRegistry meters) {
    this.meters = meters;
  }

  /** A route gave up on an exchange (after Camel's retries). */
  public void record(Exchange exchange) {
    Throwable cause = count(exchange);
    log.error(
        "Route {} for connector {} gave up on exchange {} after retries: {}."
            + " What to do: check the connector's endpoint and card, then look at the route in the"
            + " console (Hawtio) and the metric saphan_route_failures_total.",
        exchange.getFromRouteId(),
        RouteHeaders.connector(exchange),
        exchange.getExchangeId(),
        SafeErrors.describe(cause));
  }

  /**
   * A transacted route's attempt failed and rolls back: the broker delivers the message again later
   * (its redelivery backoff), so this is a warning, not the end.
   */
  public void rolledBack(Exchange exchange) {
    Throwable cause = count(exchange);
    log.warn(
        "Route {} for connector {} rolls back exchange {}: {}. The broker redelivers the message"
            + " later; if it keeps failing, look at the route in the console (Hawtio) and the"
            + " metric saphan_route_failures_total.",
        exchange.getFromRouteId(),
        RouteHeaders.connector(exchange),
        exchange.getExchangeId(),
        SafeErrors.describe(cause));
  }

  private Throwable count(Exchange exchange) {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    if (cause == null) {
      cause = exchange.getException();
    }
    meters
        .counter(
            "saphan.route.failures",
            "route",
            String.valueOf(exchange.getFromRouteId()),
            "connector",
            RouteHeaders.connector(exchange),
            "cause",
            cause == null ? "unknown" : cause.getClass().getSimpleName())
        .increment();
    return cause;
  }
}
