package org.saphan.hub.gdx;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * A Gregorian (CE) date whose month, or day, may be unknown, as the Thai registers keep birth
 * dates; written in ISO form {@code 1995}, {@code 1995-05} or {@code 1995-05-12}.
 *
 * @param year the CE year, 1 to 9999
 * @param month 1 to 12, or 0 when unknown
 * @param day 1 to the month's length, or 0 when unknown (always 0 when the month is unknown)
 */
public record PartialDate(int year, int month, int day) {

  private static final Pattern ISO = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

  /** Refuses a month or day that does not exist, and a known day in an unknown month. */
  public PartialDate {
    if (year < 1 || year > 9999) {
      throw invalid("year " + year + " is outside 1-9999");
    }
    if (month < 0 || month > 12) {
      throw invalid("month " + month + " does not exist");
    }
    if (month == 0 && day != 0) {
      throw invalid("a day is given but the month is unknown");
    }
    if (day < 0 || (month > 0 && day > YearMonth.of(year, month).lengthOfMonth())) {
      throw invalid("day " + day + " does not exist in " + YearMonth.of(year, Math.max(month, 1)));
    }
  }

  /** A date of which only the year is known. */
  public static PartialDate ofYear(int year) {
    return new PartialDate(year, 0, 0);
  }

  /** A date of which the year and month are known. */
  public static PartialDate ofMonth(int year, int month) {
    return new PartialDate(year, month, 0);
  }

  /** A fully known date. */
  public static PartialDate of(LocalDate date) {
    return new PartialDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  /** Reads the ISO form ({@code 1995}, {@code 1995-05}, {@code 1995-05-12}). */
  public static PartialDate parse(String iso) {
    Matcher m = iso == null ? null : ISO.matcher(iso.trim());
    if (m == null || !m.matches()) {
      throw invalid("expected yyyy, yyyy-MM or yyyy-MM-dd");
    }
    int month = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int day = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if ((m.group(2) != null && month == 0) || (m.group(3) != null && day == 0)) {
      throw invalid("leave an unknown part out instead of writing 00");
    }
    return new PartialDate(Integer.parseInt(m.group(1)), month, day);
  }

  /** True when the month is known. */
  public boolean hasMonth() {
    return month != 0;
  }

  /** True when the day (and so the month) is known. */
  public boolean hasDay() {
    return day != 0;
  }

  /** The calendar date, when every part is known. */
  public Optional<LocalDate> toLocalDate() {
    return hasDay() ? Optional.of(LocalDate.of(year, month, day)) : Optional.empty();
  }

  /** The ISO form: only the known parts. */
  @JsonValue
  public String iso() {
    if (!hasMonth()) {
      return String.format("%04d", year);
    }
    if (!hasDay()) {
      return String.format("%04d-%02d", year, month);
    }
    return String.format("%04d-%02d-%02d", year, month, day);
  }

  @Override
  public String toString() {
    return iso();
  }

  private static SaphanException invalid(String reason) {
    return SaphanException.validation(ErrorCode.VALIDATION_FAILED, "Invalid date: " + reason);
  }
}
