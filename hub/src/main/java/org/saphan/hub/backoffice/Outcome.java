package org.saphan.hub.backoffice;

import java.util.Locale;
import java.util.Optional;

/** What a back-office step ends with (or waits for), as cards and the API name it. */
public enum Outcome {
  /** The step is done, positively. */
  APPROVED(true),
  /** The case ends, rejected. */
  REJECTED(true),
  /** The citizen is asked to correct the application; their reply resumes the step. */
  CORRECTION_REQUESTED(true),
  /** The officer set a fee; the step is done when it is paid. */
  PAYMENT_REQUIRED(true),
  /** The step is done and, at the last stage, the case is complete. */
  COMPLETED(true),
  /** The fee was paid (set by the hub, never chosen by an officer). */
  PAID(false);

  private final boolean decidable;

  Outcome(boolean decidable) {
    this.decidable = decidable;
  }

  /** Whether an officer may choose it (cards list only these). */
  public boolean decidable() {
    return decidable;
  }

  /** Whether a step that ends with it lets the case go on. */
  public boolean positive() {
    return this == APPROVED || this == COMPLETED || this == PAID;
  }

  /** The snake_case name used in cards and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome with this wire name, if any. */
  public static Optional<Outcome> fromWire(String wire) {
    for (Outcome outcome : values()) {
      if (outcome.wire().equals(wire)) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }
}
