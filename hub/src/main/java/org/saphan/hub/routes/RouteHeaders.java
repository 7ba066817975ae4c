package org.saphan.hub.routes;

/** Names of the message headers the hub's own routes set (never taken from the outside). */
public final class RouteHeaders {

  /** The connector card the exchange belongs to. */
  public static final String CONNECTOR = "SaphanConnector";

  private RouteHeaders() {}
}
