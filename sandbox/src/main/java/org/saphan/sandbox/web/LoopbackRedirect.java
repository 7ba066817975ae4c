package org.saphan.sandbox.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Targets of the {@code redirect} faults: a loopback address on a port other than the simulator's
 * own, so a client that follows redirects blindly leaves the origin it was given.
 */
public final class LoopbackRedirect {

  private static final int ATTEMPTS = 5;

  private LoopbackRedirect() {}

  /**
   * {@code http://127.0.0.1:<port><path>} where the port is a currently free one, never {@code
   * ownPort}: nothing listens there, which is what a probe must notice.
   */
  public static String target(int ownPort, String path) {
    return "http://127.0.0.1:" + otherPort(ownPort) + path;
  }

  static int otherPort(int ownPort) {
    for (int i = 0; i < ATTEMPTS; i++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (port != ownPort) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free loopback port for the redirect fault", e);
      }
    }
    throw new IllegalStateException("no loopback port other than " + ownPort);
  }
}
