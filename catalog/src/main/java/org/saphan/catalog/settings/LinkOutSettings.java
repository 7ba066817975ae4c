package org.saphan.catalog.settings;

import java.net.URI;
import java.util.List;

/**
 * The card's {@code linkOut} block: the agency e-service the portal links to (models 1 and 2).
 *
 * @param url the agency e-service URL
 * @param allowedHosts the hosts the link and its probe may reach
 * @param probe how the hub checks that the link is up
 */
public record LinkOutSettings(URI url, List<String> allowedHosts, Probe probe) {

  public LinkOutSettings {
    allowedHosts = List.copyOf(allowedHosts);
  }

  /**
   * The card's {@code linkOut.probe}.
   *
   * @param method the HTTP method of a probe
   * @param intervalSeconds the time between probes, in seconds
   * @param timeoutMillis how long a probe waits for the answer, in milliseconds
   */
  public record Probe(Method method, int intervalSeconds, int timeoutMillis) {}

  /** The HTTP method of a probe, named as in the card. */
  public enum Method {
    /** {@code HEAD}. */
    HEAD,
    /** {@code GET}, for agencies whose servers refuse {@code HEAD}. */
    GET
  }
}
