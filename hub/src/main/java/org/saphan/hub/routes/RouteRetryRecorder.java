package org.saphan.hub.routes;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.platform.RouteHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each redelivery of the {@code saphan-errors} route configuration in place of Camel's own
 * retry line, which quotes the exception's message (and with it whatever data the failure quoted).
 */
public class RouteRetryRecorder implements Processor {

  private static final Logger log = LoggerFactory.getLogger(RouteRetryRecorder.class);

  @Override
  public void process(Exchange exchange) {
    log.warn(
        "Route {} for connector {} retries exchange {} (attempt {}): {}",
        exchange.getFromRouteId(),
        RouteHeaders.connector(exchange),
        exchange.getExchangeId(),
        exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) + 1,
        SafeErrors.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
  }
}
