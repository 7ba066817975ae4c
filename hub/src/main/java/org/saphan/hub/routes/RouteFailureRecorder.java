package org.saphan.hub.routes;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.saphan.hub.error.SafeErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last step of the {@code saphan-errors} route configuration: one log line and one metric per
 * failed exchange, naming the connector, the message, the cause and what to do. The cause is named
 * by its classes and SQLState only: its messages may quote the message's personal data.
 */
@Component("routeFailureRecorder")
public class RouteFailureRecorder {

  private static final Logger log = LoggerFactory.getLogger(RouteFailureRecorder.class);

  private final MeterRegistry meters;

  public RouteFailureRecorder(MeterRegistry meters) {
    this.meters = meters;
  }

  public void record(Exchange exchange) {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String connector =
        exchange.getMessage().getHeader(RouteHeaders.CONNECTOR, "unknown", String.class);
    String routeId = exchange.getFromRouteId();
    String causeName = cause == null ? "unknown" : cause.getClass().getSimpleName();
    meters
        .counter(
            "saphan.route.failures",
            "route",
            String.valueOf(routeId),
            "connector",
            connector,
            "cause",
            causeName)
        .increment();
    log.error(
        "Route {} for connector {} gave up on exchange {} after retries: {}."
            + " What to do: check the connector's endpoint and card, then look at the route in the"
            + " console (Hawtio) and the metric saphan_route_failures_total.",
        routeId,
        connector,
        exchange.getExchangeId(),
        SafeErrors.describe(cause));
  }
}
