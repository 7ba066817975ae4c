package org.saphan.hub.platform;

/**
 * Names the hub's own routes set on an exchange (never taken from the outside). Headers carry
 * identifiers and strings only: a Java object travels in the body or an exchange property.
 */
public final class RouteHeaders {

  /**
   * The exchange property naming the connector card the exchange belongs to: every template sets it
   * first (a property, so the delivery route's header gate never strips it), and the failure and
   * retry recorders read it.
   */
  public static final String CONNECTOR = "SaphanConnector";

  /** The connector of an exchange, or {@code unknown} before a route named it. */
  public static String connector(org.apache.camel.Exchange exchange) {
    return exchange.getProperty(CONNECTOR, "unknown", String.class);
  }

  private RouteHeaders() {}
}
