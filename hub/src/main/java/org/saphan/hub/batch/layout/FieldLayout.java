package org.saphan.hub.batch.layout;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of a fixed-width record: where it is (0-based {@code start}, {@code length}), what it
 * holds ({@link FieldType}), whether it may be blank, how it is trimmed, and optional allowed
 * values or pattern for text.
 *
 * @param values allowed values of a text field (empty: any)
 * @param pattern regex a text field's trimmed value must match (null: any)
 */
public record FieldLayout(
    String name,
    int start,
    int length,
    FieldType type,
    boolean required,
    Trim trim,
    List<String> values,
    Pattern pattern,
    String description) {

  /** Longest number or amount field: 18 digits always fit a {@code long}. */
  static final int MAX_NUMBER_LENGTH = 18;

  public FieldLayout {
    values = List.copyOf(values);
  }

  /** The exclusive end offset. */
  public int end() {
    return start + length;
  }

  /** {@code name [start:end]}, the way layouts and messages name a field. */
  public String label() {
    return name + " [" + start + ":" + end() + "]";
  }

  /**
   * The value of this field in a decoded record: String, Long, BigDecimal, LocalDate, LocalTime, or
   * for a blank optional field {@code ""} (text) or null (other types).
   */
  Object parse(String record, YearEra era) throws FieldValueException {
    int from = start;
    int to = start + length;
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
      if (required) {
        throw new FieldValueException("missing required field " + label());
      }
      return type == FieldType.TEXT ? "" : null;
    }
    return switch (type) {
      case TEXT -> text(record.substring(from, to));
      case NUMBER -> digits(record, from, to, "number");
      case AMOUNT2 -> BigDecimal.valueOf(digits(record, from, to, "amount"), 2);
      case DATE_DDMMYYYY -> date(record, from, to, era);
      case TIME_HHMMSS -> time(record, from, to);
      case SPARE -> null;
    };
  }

  private boolean isBlank(String record) {
    for (int i = start; i < start + length; i++) {
      if (record.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }

  private String text(String value) throws FieldValueException {
    if (!values.isEmpty() && !values.contains(value)) {
      throw new FieldValueException(
          "bad value \""
              + value
              + "\" in field "
              + label()
              + ", allowed: "
              + String.join(", ", values));
    }
    // The value is not echoed: free text fields can carry personal data.
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw new FieldValueException(
          "field " + label() + " does not match the pattern " + pattern.pattern());
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
              + label()
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
    return new FieldValueException("bad " + what + " \"" + raw(record) + "\" in field " + label());
  }

  private String raw(String record) {
    return record.substring(start, start + length);
  }
}
