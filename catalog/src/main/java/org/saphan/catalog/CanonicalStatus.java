package org.saphan.catalog;

import java.util.Optional;

/** Status of an application as the portal shows it, whatever the agency calls it. */
public enum CanonicalStatus {
  SUBMITTED,
  DELIVERED,
  RECEIVED,
  IN_REVIEW,
  CORRECTION_REQUESTED,
  APPROVED,
  REJECTED,
  PAYMENT_REQUIRED,
  PAID,
  COMPLETED,
  CANCELLED,
  FAILED;

  /** The snake_case name used in cards and on the wire, for example {@code in_review}. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The status with this wire name, if any. */
  public static Optional<CanonicalStatus> fromWire(String wire) {
    for (CanonicalStatus status : values()) {
      if (status.wire().equals(wire)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
