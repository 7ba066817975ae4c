package org.saphan.hub.backoffice;

import java.util.Locale;
import java.util.Optional;

/** Where a back-office task stands. */
public enum TaskState {
  /** Waiting for an officer with the step's role to claim it. */
  OPEN,
  /** An officer works on it. */
  CLAIMED,
  /** Waiting for the citizen to answer a correction request. */
  AWAITING_CORRECTION,
  /** Waiting for the citizen to pay the fee the officer set. */
  AWAITING_PAYMENT,
  /** Decided. */
  DONE,
  /** Stopped because the case ended (a rejection in a parallel branch, a cancellation). */
  CANCELLED;

  /** Whether the task still needs work (or waits for the citizen). */
  public boolean active() {
    return this != DONE && this != CANCELLED;
  }

  /** Whether the task waits for the citizen, so its SLA clock does not run. */
  public boolean waitingForCitizen() {
    return this == AWAITING_CORRECTION || this == AWAITING_PAYMENT;
  }

  /** The snake_case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state with this wire name, if any. */
  public static Optional<TaskState> fromWire(String wire) {
    for (TaskState state : values()) {
      if (state.wire().equals(wire)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
