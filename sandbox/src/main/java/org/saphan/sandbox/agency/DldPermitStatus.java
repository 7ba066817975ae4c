package org.saphan.sandbox.agency;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Status of a DLD animal movement permit application, as GetPermitStatus answers it. */
public enum DldPermitStatus {
  RECEIVED,
  IN_REVIEW,
  APPROVED,
  REJECTED,
  CANCELLED;

  public static Optional<DldPermitStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
  }
}
