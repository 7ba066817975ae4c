package org.saphan.hub.security.egress;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;

/** Egress clients for unit tests whose fake servers listen on loopback. */
public final class TestEgress {

  private TestEgress() {}

  /** A client that may reach loopback (as the sandbox profile does), on the system DNS. */
  public static EgressClient loopback() {
    return loopback(new SimpleMeterRegistry());
  }

  /** As {@link #loopback()}, counting into {@code meters}. */
  public static EgressClient loopback(MeterRegistry meters) {
    EgressProperties properties = new EgressProperties();
    properties.setAllowLoopback(true);
    properties.setAllowedPrivateCidrs(List.of());
    return new EgressClient(new SafeHttpClient(properties), meters);
  }

  /** A production-like client (no loopback, no private ranges) on the given DNS. */
  public static EgressClient strict(HostResolver dns, MeterRegistry meters) {
    return new EgressClient(new SafeHttpClient(new EgressProperties(), dns), meters);
  }
}
