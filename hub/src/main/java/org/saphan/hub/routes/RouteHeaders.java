package org.saphan.hub.routes;

/**
 * Names of the message headers the hub's own routes set (never taken from the outside). Headers
 * carry identifiers and strings only: a Java object travels in the body or an exchange property.
 */
public final class RouteHeaders {

  /** The connector card the exchange belongs to. */
  public static final String CONNECTOR = "SaphanConnector";

  private RouteHeaders() {}
}
