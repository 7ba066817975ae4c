package org.saphan.hub.routes;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Runs a scheduled connector route: for the job scheduler on the route's schedule, and now for
 * operators ({@code /ops/v1/connectors/{name}/...}): one exchange through the route's own steps, so
 * the work has one sequence (the template), its route counters count it and its cluster lock guards
 * it.
 */
public class RouteTrigger {

  private final CamelContext camel;

  public RouteTrigger(CamelContext camel) {
    this.camel = camel;
  }

  /**
   * Fires route {@code routeId} for the job scheduler, unless the route is not started (an operator
   * stopped it, or the hub is stopping): a stopped route does no scheduled work.
   *
   * @return whether the route ran
   * @throws SaphanException as {@link #runNow} when the route failed
   */
  public boolean fireScheduled(String routeId) {
    ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
    if (status == null || !status.isStarted()) {
      return false;
    }
    runNow(routeId, Object.class);
    return true;
  }

  /**
   * Fires route {@code routeId} once and waits for it.
   *
   * @return the route's last body (null when another node held the work, or a failure was recorded
   *     by the route's error policy)
   * @throws SaphanException {@code not_found} when the connector has no such route
   */
  public <T> T runNow(String routeId, Class<T> bodyType) {
    Route route = camel.getRoute(routeId);
    if (route == null) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "no route " + routeId);
    }
    Consumer consumer = route.getConsumer();
    Exchange exchange = consumer.createExchange(false);
    try {
      try {
        consumer.getProcessor().process(exchange);
      } catch (Exception e) {
        exchange.setException(e);
      }
      Exception failure = exchange.getException();
      if (failure instanceof SaphanException saphan) {
        throw saphan;
      }
      if (failure != null) {
        throw SaphanException.wrap(
            ErrorCode.INTERNAL_ERROR, "route " + routeId + " failed", failure);
      }
      return exchange.getMessage().getBody(bodyType);
    } finally {
      consumer.releaseExchange(exchange, false);
    }
  }
}
