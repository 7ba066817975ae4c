package org.saphan.hub.security.egress;

import java.net.URI;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * The hosts and ports one connector card lets the hub call: entries are {@code host} or {@code
 * host:port}; a bare host allows ports 80 and 443, plus the explicit port of the card's own URL
 * when that URL is on the same host.
 *
 * <p>Hosts are compared case-insensitively after IDN to ASCII conversion, and literally: a URL
 * naming {@code 127.1}, {@code 2130706433} or {@code [::1]} is refused before any DNS lookup unless
 * that exact text is an entry. Only http and https URLs without user information pass.
 */
public final class AllowList {

  private static final AllowList NONE = new AllowList(Set.of(), Set.of());

  private final Set<String> hosts;
  private final Set<String> hostPorts;

  private AllowList(Set<String> hosts, Set<String> hostPorts) {
    this.hosts = Collections.unmodifiableSet(hosts);
    this.hostPorts = Collections.unmodifiableSet(hostPorts);
  }

  /**
   * The allow-list of a card.
   *
   * @param allowedHosts the card's {@code allowedHosts} ({@code host} or {@code host:port})
   * @param cardUrl the card's own URL (e.g. {@code linkOut.url}), whose explicit port a bare entry
   *     for its host also allows; may be null
   * @throws SaphanException {@code catalog_invalid} when an entry is not a host or host:port
   */
  public static AllowList of(Collection<String> allowedHosts, URI cardUrl) {
    Target card = null;
    if (cardUrl != null) {
      try {
        card = Target.parse(cardUrl);
      } catch (Refused e) {
        card = null; // the card's URL is refused when used; it adds no port
      }
    }
    Set<String> hosts = new TreeSet<>();
    Set<String> hostPorts = new TreeSet<>();
    for (String entry : allowedHosts) {
      Target.HostPort hostPort;
      try {
        hostPort = Target.splitHostPort(entry == null ? "" : entry.trim());
      } catch (IllegalArgumentException e) {
        throw SaphanException.validation(
            ErrorCode.CATALOG_INVALID,
            "allowedHosts entry '" + entry + "' is not a host or host:port: " + e.getMessage());
      }
      String host = hostPort.host();
      hosts.add(host);
      if (hostPort.port() >= 0) {
        hostPorts.add(host + ":" + hostPort.port());
      } else {
        hostPorts.add(host + ":80");
        hostPorts.add(host + ":443");
        if (card != null && card.host().equals(host)) {
          hostPorts.add(card.hostAndPort());
        }
      }
    }
    return new AllowList(hosts, hostPorts);
  }

  /**
   * Exactly the origin (host and effective port) of one URL, for sources a card names without an
   * allow-list of their own, such as {@code info.source.url}.
   *
   * @throws SaphanException {@code egress_refused} when the URL itself is not acceptable
   */
  public static AllowList origin(URI url) {
    Target target;
    try {
      target = Target.parse(url);
    } catch (Refused e) {
      throw EgressProblems.refused(url, e);
    }
    return new AllowList(Set.of(target.host()), Set.of(target.hostAndPort()));
  }

  /** An allow-list that permits nothing. */
  public static AllowList none() {
    return NONE;
  }

  /** Whether the hub may call this URL (scheme, user information, host and port). */
  public boolean permits(URI url) {
    try {
      check(url);
      return true;
    } catch (Refused e) {
      return false;
    }
  }

  /**
   * Checks a URL, e.g. a link before the portal sends a citizen to it.
   *
   * @throws SaphanException {@code egress_refused} naming the URL and the reason
   */
  public void requirePermitted(URI url) {
    try {
      check(url);
    } catch (Refused e) {
      throw EgressProblems.refused(url, e);
    }
  }

  /** The permitted {@code host:port} pairs, sorted. */
  public Set<String> hostPorts() {
    return hostPorts;
  }

  Target check(URI url) {
    Target target = Target.parse(url);
    if (!hosts.contains(target.host())) {
      throw new Refused(
          RefusalReason.HOST_NOT_ALLOWED, "host " + target.host() + " is not in the allow-list");
    }
    if (!hostPorts.contains(target.hostAndPort())) {
      throw new Refused(
          RefusalReason.PORT_NOT_ALLOWED,
          "port " + target.port() + " of host " + target.host() + " is not in the allow-list");
    }
    return target;
  }

  @Override
  public String toString() {
    return "AllowList" + hostPorts;
  }
}
