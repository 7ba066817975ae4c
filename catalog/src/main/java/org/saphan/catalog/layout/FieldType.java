package org.saphan.catalog.layout;

import java.util.Locale;
import java.util.Optional;

/** How a fixed-width field's bytes become a value; the YAML name is {@link #yamlName()}. */
public enum FieldType {
  /** Text, trimmed per the field's trim option; a blank optional field is {@code ""}. */
  TEXT("text"),
  /** Digits only, as a {@code Long}. */
  NUMBER("number"),
  /** Digits only with 2 implied decimals, as a {@code BigDecimal} of scale 2. */
  AMOUNT2("amount2"),
  /** {@code DDMMYYYY}, as a {@code LocalDate}; the year era comes from the layout. */
  DATE_DDMMYYYY("date-ddmmyyyy"),
  /** {@code HHMMSS}, as a {@code LocalTime}. */
  TIME_HHMMSS("time-hhmmss"),
  /** Filler: not parsed and not returned (its bytes are still decoded). */
  SPARE("spare");

  private final String yamlName;

  FieldType(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in layout files. */
  public String yamlName() {
    return yamlName;
  }

  /** The type a layout file names {@code name}, if any. */
  public static Optional<FieldType> fromYaml(String name) {
    for (FieldType type : values()) {
      if (type.yamlName.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
