package org.saphan.hub.batch.layout;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import org.saphan.catalog.layout.FieldDefinition;
import org.saphan.catalog.layout.FieldType;
import org.saphan.catalog.layout.Trim;
import org.saphan.catalog.layout.YearEra;

/**
 * Decodes one fixed-width field's characters into its value, as its {@link FieldDefinition} says.
 * The layout's definition (read and checked in the catalog) stays data; this is the codec.
 */
final class FieldCodec {

  private final FieldDefinition field;

  FieldCodec(FieldDefinition field) {
    this.field = field;
  }

  /** The field this codec decodes. */
  FieldDefinition field() {
    return field;
  }

  /**
   * The value of this field in a decoded record: String, Long, BigDecimal, LocalDate, LocalTime, or
   * for a blank optional field {@code ""} (text) or null (other types).
   */
  Object parse(String record, YearEra era) throws FieldValueException {
    int start = field.start();
    int from = start;
    int to = start + field.length();
    Trim trim = field.trim();
    if (trim == Trim.BOTH || trim == Trim.LEFT) {
      while (from < to && record.charAt(from) == ' ') {
        from++;
      }
    }
    if (trim == Trim.BOTH || trim == Trim.RIGHT) {
      while (to > from && record.charAt(to - 1) == ' ') {
        to--;
      }
    }
    if (isBlank(record)) {
      if (field.required()) {
        throw new FieldValueException("missing required field " + field.label());
      }
      return field.type() == FieldType.TEXT ? "" : null;
    }
    return switch (field.type()) {
      case TEXT -> text(record.substring(from, to));
      case NUMBER -> digits(record, from, to, "number");
      case AMOUNT2 -> BigDecimal.valueOf(digits(record, from, to, "amount"), 2);
      case DATE_DDMMYYYY -> date(record, from, to, era);
      case TIME_HHMMSS -> time(record, from, to);
      case SPARE -> null;
    };
  }

  private boolean isBlank(String record) {
    for (int i = field.start(); i < field.end(); i++) {
      if (record.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }

  private String text(String value) throws FieldValueException {
    if (!field.values().isEmpty() && !field.values().contains(value)) {
      throw new FieldValueException(
          "bad value \""
              + value
              + "\" in field "
              + field.label()
              + ", allowed: "
              + String.join(", ", field.values()));
    }
    // The value is not echoed: free text fields can carry personal data.
    if (field.pattern() != null && !field.pattern().matcher(value).matches()) {
      throw new FieldValueException(
          "field " + field.label() + " does not match the pattern " + field.pattern().pattern());
    }
    return value;
  }

  private long digits(String record, int from, int to, String what) throws FieldValueException {
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = record.charAt(i);
      if (c < '0' || c > '9') {
        throw bad(what, record);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private LocalDate date(String record, int from, int to, YearEra era) throws FieldValueException {
    if (to - from != 8) {
      throw bad("date", record);
    }
    int day = (int) digits(record, from, from + 2, "date");
    int month = (int) digits(record, from + 2, from + 4, "date");
    int year = (int) digits(record, from + 4, from + 8, "date");
    if (!era.plausible(year)) {
      throw new FieldValueException(
          "bad date \""
              + raw(record)
              + "\" in field "
              + field.label()
              + ": year "
              + year
              + " is outside "
              + era.plausibleRange()
              + " for yearEra "
              + era
              + (era == YearEra.CE ? " (a Buddhist-era year?)" : " (a Christian-era year?)"));
    }
    try {
      return LocalDate.of(era.toCe(year), month, day);
    } catch (DateTimeException e) {
      throw bad("date", record);
    }
  }

  private LocalTime time(String record, int from, int to) throws FieldValueException {
    if (to - from != 6) {
      throw bad("time", record);
    }
    int hour = (int) digits(record, from, from + 2, "time");
    int minute = (int) digits(record, from + 2, from + 4, "time");
    int second = (int) digits(record, from + 4, from + 6, "time");
    try {
      return LocalTime.of(hour, minute, second);
    } catch (DateTimeException e) {
      throw bad("time", record);
    }
  }

  private FieldValueException bad(String what, String record) {
    return new FieldValueException(
        "bad " + what + " \"" + raw(record) + "\" in field " + field.label());
  }

  private String raw(String record) {
    return record.substring(field.start(), field.end());
  }
}
