package org.saphan.sandbox.agency;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The failure a simulated agency plays, set through its control API. */
public enum FaultMode {
  /** Normal service. */
  NONE,
  /** 503 to every delivery, nothing is registered. */
  DOWN,
  /** Every delivery is processed, its answer sent after {@code delayMillis}. */
  SLOW,
  /** 500 to every delivery, nothing is registered. */
  ERROR_500,
  /** 200 with a body that is not the agency's format (not JSON, not XML). */
  MALFORMED,
  /** Every status callback is sent twice (REST agency only). */
  DUPLICATE_CALLBACK,
  /** 400 to every delivery and payment notice, nothing is registered (REST agency only). */
  BAD_REQUEST,
  /**
   * 422 to every delivery and payment notice, as DCY refuses a request it cannot process (for
   * example a birth date without a day, E103); nothing is registered (REST agency only).
   */
  UNPROCESSABLE;

  /** The wire name, e.g. {@code error_500}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a wire name (case-insensitive); unknown names are refused. */
  @JsonCreator
  public static FaultMode parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown fault mode " + value);
    }
  }
}
