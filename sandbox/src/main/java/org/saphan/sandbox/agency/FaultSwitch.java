package org.saphan.sandbox.agency;

import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The current fault of one simulated agency; a volatile read on the hot path, nothing more. */
public final class FaultSwitch {

  private static final Logger log = LoggerFactory.getLogger(FaultSwitch.class);

  private final String agency;
  private final Set<FaultMode> supported;
  private volatile AgencyFault current = AgencyFault.NONE;

  /**
   * @param agency the agency code, for logs
   * @param supported the modes this agency can play
   */
  public FaultSwitch(String agency, Set<FaultMode> supported) {
    this.agency = Objects.requireNonNull(agency, "agency");
    this.supported = Set.copyOf(supported);
  }

  public AgencyFault current() {
    return current;
  }

  /**
   * Replaces the fault state.
   *
   * @throws IllegalArgumentException when this agency cannot play the mode
   */
  public AgencyFault set(AgencyFault fault) {
    AgencyFault next = fault == null ? AgencyFault.NONE : fault;
    if (!supported.contains(next.mode())) {
      throw new IllegalArgumentException(
          "agency " + agency + " cannot play fault mode " + next.mode().wireName());
    }
    current = next;
    log.info(
        "agency {} fault set to {} (delay {} ms, latency {} ms)",
        agency,
        next.mode().wireName(),
        next.delayMillis(),
        next.latencyMillis());
    return next;
  }
}
