package org.saphan.sandbox.agency;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Thai agency date formats: Buddhist-era years (CE + 543) and Thai time (UTC+07:00, no DST). */
public final class BuddhistEra {

  /** Thai time. */
  public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  /** Difference between Buddhist-era and Common-era years. */
  public static final int OFFSET = 543;

  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMdd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  private BuddhistEra() {}

  /** Thai local time of an instant. */
  public static ZonedDateTime inBangkok(Instant instant) {
    return instant.atZone(BANGKOK);
  }

  /** {@code yyyyMMdd} with the Buddhist-era year, e.g. 25680402. */
  public static String date(ZonedDateTime time) {
    return (time.getYear() + OFFSET) + MONTH_DAY.format(time);
  }

  /** {@code yyMMdd} with the last two digits of the Buddhist-era year, e.g. 680402. */
  public static String shortDate(ZonedDateTime time) {
    return date(time).substring(2);
  }

  /** {@code HHmmss}, e.g. 141000. */
  public static String time(ZonedDateTime time) {
    return TIME.format(time);
  }

  /** ISO 8601 with seconds and offset, e.g. 2025-04-02T14:10:00+07:00. */
  public static String iso(ZonedDateTime time) {
    return ISO_SECONDS.format(time);
  }

  /** ISO 8601 with milliseconds and offset, e.g. 2025-04-02T14:10:00.123+07:00. */
  public static String isoMillis(ZonedDateTime time) {
    return ISO_MILLIS.format(time);
  }

  /**
   * Reads a Buddhist-era {@code yyyyMMdd} date.
   *
   * @return the date, or null when the value is not 8 digits forming a real date in BE 2400-2699
   */
  public static LocalDate parseDate(String value) {
    if (value == null || !value.matches("[0-9]{8}")) {
      return null;
    }
    int year = Integer.parseInt(value.substring(0, 4));
    if (year < 2400 || year > 2699) {
      return null;
    }
    try {
      return LocalDate.of(
          year - OFFSET,
          Integer.parseInt(value.substring(4, 6)),
          Integer.parseInt(value.substring(6, 8)));
    } catch (DateTimeException e) {
      return null;
    }
  }
}
