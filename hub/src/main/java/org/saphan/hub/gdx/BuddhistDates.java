package org.saphan.hub.gdx;

import java.time.YearMonth;
import java.util.Optional;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Buddhist Era dates as DOPA, the Linkage Center and the laser-code check write them: {@code
 * yyyyMMdd} (an integer or a string) with BE = CE + 543 and an unknown month or day written {@code
 * 00} ({@code 25380500}, {@code 25380000}); {@code 0} or {@code 00000000} means the date is not
 * known at all.
 *
 * <p>Refuses rather than guesses: a month or day that does not exist (25380231, 25440229), a known
 * day in an unknown month (25380012), and a year outside BE {@value #MIN_YEAR}-{@value #MAX_YEAR},
 * which is almost always a CE date passed by mistake (19950512).
 */
public final class BuddhistDates {

  /** BE = CE + 543. */
  public static final int BE_OFFSET = 543;

  /** Earliest BE year accepted (CE 1857); the registers hold nothing older. */
  public static final int MIN_YEAR = 2400;

  /** Latest BE year accepted (CE 2456). */
  public static final int MAX_YEAR = 2999;

  private static final String UNKNOWN = "00000000";
  private static final int DIGITS = 8;

  private BuddhistDates() {}

  /**
   * Reads a BE {@code yyyyMMdd} string.
   *
   * @return empty when the date is unknown entirely ({@code 0} or {@code 00000000})
   * @throws SaphanException {@link ErrorCode#VALIDATION_FAILED} when the value is not 8 digits or
   *     not a date
   */
  public static Optional<PartialDate> parse(String value) {
    if (value == null) {
      throw invalid("no value (expected 8 digits yyyyMMdd, BE)");
    }
    String digits = value.trim();
    if ("0".equals(digits)) {
      return Optional.empty();
    }
    if (digits.length() != DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid("expected 8 digits yyyyMMdd (BE), or 0 when unknown");
    }
    return parseDigits(digits);
  }

  /**
   * Reads a BE {@code yyyyMMdd} integer, as the Linkage records carry dates.
   *
   * @return empty when the value is {@code 0}
   * @throws SaphanException {@link ErrorCode#VALIDATION_FAILED} when the value is negative, longer
   *     than 8 digits or not a date
   */
  public static Optional<PartialDate> parse(long value) {
    if (value < 0 || value > 99_999_999L) {
      throw invalid("expected a non-negative number of at most 8 digits yyyyMMdd (BE)");
    }
    return parseDigits(String.format("%08d", value));
  }

  /**
   * Writes a date as BE {@code yyyyMMdd}, unknown parts as {@code 00} ({@code 25380000}), the form
   * of the laser-code check's {@code BEBirthDate}; {@code null} (unknown entirely) as {@code
   * 00000000}.
   */
  public static String format(PartialDate date) {
    if (date == null) {
      return UNKNOWN;
    }
    return String.format("%04d%02d%02d", date.year() + BE_OFFSET, date.month(), date.day());
  }

  private static Optional<PartialDate> parseDigits(String digits) {
    if (UNKNOWN.equals(digits)) {
      return Optional.empty();
    }
    int year = Integer.parseInt(digits.substring(0, 4));
    int month = Integer.parseInt(digits.substring(4, 6));
    int day = Integer.parseInt(digits.substring(6, 8));
    if (year == 0) {
      throw invalid("the year is unknown (0000) but the month or day is given");
    }
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw invalid(
          "BE year "
              + year
              + " is outside "
              + MIN_YEAR
              + "-"
              + MAX_YEAR
              + (year >= 1800 && year < MIN_YEAR ? " (a CE year given as BE?)" : ""));
    }
    if (month > 12) {
      throw invalid("month " + month + " does not exist");
    }
    if (month == 0 && day != 0) {
      throw invalid("a day is given but the month is unknown (00)");
    }
    int ceYear = year - BE_OFFSET;
    if (month != 0 && day > YearMonth.of(ceYear, month).lengthOfMonth()) {
      throw invalid(
          String.format(
              "day %d does not exist in month %02d of BE %d (CE %d)", day, month, year, ceYear));
    }
    return Optional.of(new PartialDate(ceYear, month, day));
  }

  private static SaphanException invalid(String reason) {
    return SaphanException.validation(ErrorCode.VALIDATION_FAILED, "Invalid BE date: " + reason);
  }
}
