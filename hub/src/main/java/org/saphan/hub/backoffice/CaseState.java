package org.saphan.hub.backoffice;

import java.util.Locale;
import java.util.Optional;

/** Where a back-office case stands. */
public enum CaseState {
  /** Steps are being worked. */
  OPEN,
  /** Every step done; the licence issued where the card says so. */
  COMPLETED,
  /** A step rejected the application. */
  REJECTED,
  /** Stopped by the citizen or an operator. */
  CANCELLED;

  /** The snake_case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state with this wire name, if any. */
  public static Optional<CaseState> fromWire(String wire) {
    for (CaseState state : values()) {
      if (state.wire().equals(wire)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
