package org.saphan.hub.routes;

/** Names of the message headers the hub's own routes set (never taken from the outside). */
public final class RouteHeaders {

  /** The connector card the exchange belongs to. */
  public static final String CONNECTOR = "SaphanConnector";

  /** The authenticated caller an api-layer request hands to a route. */
  public static final String CALLER = "SaphanCaller";

  /** The connector card an api-layer request hands to a route. */
  public static final String CARD = "SaphanCard";

  private RouteHeaders() {}
}
