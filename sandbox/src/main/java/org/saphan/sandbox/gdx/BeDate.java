package org.saphan.sandbox.gdx;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;

/**
 * Buddhist Era dates as the DOPA registers write them: the integer {@code yyyyMMdd} with BE = CE +
 * 543, an unknown month or day written as {@code 00} ({@code 25380500}, {@code 25290000}).
 */
public final class BeDate {

  /** BE = CE + 543. */
  public static final int BE_OFFSET = 543;

  private BeDate() {}

  /**
   * True when the value is a BE date the registers could hold: 8 digits, a real day when month and
   * day are known, and no known day in an unknown month.
   */
  public static boolean isValid(int value) {
    int year = value / 10_000;
    int month = value / 100 % 100;
    int day = value % 100;
    if (year < 2400 || year > 2999 || month > 12 || day > 31) {
      return false;
    }
    if (month == 0) {
      return day == 0;
    }
    if (day == 0) {
      return true;
    }
    try {
      LocalDate.of(year - BE_OFFSET, month, day);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /**
   * True when a date given by a caller matches the registered one. A part the caller writes as
   * {@code 00} is one it does not know and matches anything; a part the caller does know must equal
   * the registered part, so a known day never matches a register that does not know the day.
   */
  public static boolean matches(String given, int registered) {
    if (given == null || !given.matches("\\d{8}")) {
      return false;
    }
    int value = Integer.parseInt(given);
    if (value / 10_000 != registered / 10_000) {
      return false;
    }
    return partMatches(value / 100 % 100, registered / 100 % 100)
        && partMatches(value % 100, registered % 100);
  }

  private static boolean partMatches(int given, int registered) {
    return given == 0 || given == registered;
  }

  /**
   * Age in whole years on {@code today}. An unknown month or day counts as the first, so a person
   * born in an unknown month of a year is as old as if born on 1 January of it.
   */
  public static int age(int dateOfBirth, LocalDate today) {
    int month = Math.max(1, dateOfBirth / 100 % 100);
    int day = Math.max(1, dateOfBirth % 100);
    LocalDate born = LocalDate.of(dateOfBirth / 10_000 - BE_OFFSET, month, day);
    return Math.max(0, Period.between(born, today).getYears());
  }

  /** A fully known BE date as a calendar date. */
  public static LocalDate toLocalDate(int value) {
    return LocalDate.of(value / 10_000 - BE_OFFSET, value / 100 % 100, value % 100);
  }

  /** A calendar date as a BE integer. */
  public static int of(LocalDate date) {
    return (date.getYear() + BE_OFFSET) * 10_000
        + date.getMonthValue() * 100
        + date.getDayOfMonth();
  }
}
