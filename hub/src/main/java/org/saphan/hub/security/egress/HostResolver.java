package org.saphan.hub.security.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into addresses; the seam where tests put a DNS of their own. */
@FunctionalInterface
public interface HostResolver {

  /**
   * All addresses of a host.
   *
   * @throws UnknownHostException when the host has none
   */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /** The JVM's resolver (system DNS, {@code /etc/hosts}). */
  static HostResolver system() {
    return InetAddress::getAllByName;
  }
}
