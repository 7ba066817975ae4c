package org.saphan.hub.sla;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.saphan.catalog.calendar.Holiday;
import org.saphan.catalog.calendar.HolidayFileReader;
import org.saphan.catalog.calendar.HolidayYear;
import org.saphan.catalog.common.Zones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Thai working-day calendar of SLA clocks: Monday to Friday except the government holidays of
 * {@code batch/calendar/th-holidays-<year>.yaml}, in Asia/Bangkok. Immutable once loaded.
 */
public final class WorkingDayCalendar {

  /** Thai time, in which working days begin and end. */
  private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

  private final Map<LocalDate, Holiday> holidays;
  private final Map<Integer, HolidayYear> years;
  private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

  private WorkingDayCalendar(Collection<HolidayYear> years) {
    Map<LocalDate, Holiday> byDate = new TreeMap<>();
    Map<Integer, HolidayYear> byYear = new TreeMap<>();
    for (HolidayYear year : years) {
      byYear.put(year.year(), year);
      year.holidays().forEach(h -> byDate.put(h.date(), h));
    }
    this.holidays = Collections.unmodifiableMap(byDate);
    this.years = Collections.unmodifiableMap(byYear);
  }

  /** A calendar of the given years (tests, tools). */
  public static WorkingDayCalendar of(Collection<HolidayYear> years) {
    return new WorkingDayCalendar(years);
  }

  /**
   * Reads every {@code th-holidays-<year>.yaml} of a directory.
   *
   * @throws IllegalArgumentException listing every problem of every file when one is malformed
   */
  public static WorkingDayCalendar load(Path directory) {
    List<HolidayYear> years = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("calendar directory " + directory + " does not exist");
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      List<Path> sorted = new ArrayList<>();
      files.forEach(sorted::add);
      Collections.sort(sorted);
      for (Path file : sorted) {
        Optional<Integer> name = HolidayFileReader.yearOf(file.getFileName().toString());
        if (name.isEmpty()) {
          continue;
        }
        int year = name.get();
        parse(
                Files.readString(file, StandardCharsets.UTF_8),
                file.getFileName().toString(),
                year,
                problems)
            .ifPresent(years::add);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the calendar in " + directory, e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the working-day calendar is invalid:\n  " + String.join("\n  ", problems));
    }
    return new WorkingDayCalendar(years);
  }

  /** Parses one year's file, adding what is wrong with it to {@code problems}. */
  static Optional<HolidayYear> parse(
      String yaml, String source, int expectedYear, List<String> problems) {
    HolidayFileReader.Result read = HolidayFileReader.read(yaml, expectedYear);
    read.problems().forEach(problem -> problems.add(source + ": " + problem.describe()));
    return read.problems().isEmpty() ? read.year() : Optional.empty();
  }

  /** The holiday on a date, if any. */
  public Optional<Holiday> holiday(LocalDate date) {
    return Optional.ofNullable(holidays.get(date));
  }

  /** Whether government offices are open on a date. */
  public boolean isWorkingDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
      return false;
    }
    if (!years.containsKey(date.getYear()) && warnedYears.add(date.getYear())) {
      log.warn(
          "The working-day calendar has no holidays for {}: counting weekends only. Add"
              + " batch/calendar/th-holidays-{}.yaml.",
          date.getYear(),
          date.getYear());
    }
    return !holidays.containsKey(date);
  }

  /** The first working day on or after a date. */
  public LocalDate firstWorkingDayFrom(LocalDate date) {
    LocalDate day = date;
    while (!isWorkingDay(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  /**
   * The N-th working day after a date ({@code n = 0}: the date itself when it is a working day,
   * else the next working day).
   */
  public LocalDate addWorkingDays(LocalDate start, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("working days must not be negative: " + n);
    }
    if (n == 0) {
      return firstWorkingDayFrom(start);
    }
    LocalDate day = start;
    int counted = 0;
    while (counted < n) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /**
   * When something started at {@code start} with {@code workingDays} to do is due: the end
   * (midnight, Bangkok time) of the N-th working day after the start's date.
   */
  public Instant dueAt(Instant start, int workingDays) {
    LocalDate last = addWorkingDays(start.atZone(Zones.BANGKOK).toLocalDate(), workingDays);
    return last.plusDays(1).atStartOfDay(Zones.BANGKOK).toInstant();
  }

  /**
   * Working days elapsed between two instants: the working days after {@code from}'s date up to and
   * including {@code to}'s date (0 when both fall on the same day).
   */
  public int workingDaysBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return 0;
    }
    LocalDate day = from.atZone(Zones.BANGKOK).toLocalDate();
    LocalDate end = to.atZone(Zones.BANGKOK).toLocalDate();
    int counted = 0;
    while (day.isBefore(end)) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return counted;
  }

  /** Whole working days left until a due instant (negative when overdue). */
  public int workingDaysLeft(Instant now, Instant due) {
    return now.isBefore(due)
        ? workingDaysBetween(now, due.minus(Duration.ofMillis(1)))
        : -workingDaysBetween(due.minus(Duration.ofMillis(1)), now);
  }

  /** The years with a holiday list. */
  public Set<Integer> coveredYears() {
    return years.keySet();
  }

  /** A year's list, if the calendar has one. */
  public Optional<HolidayYear> year(int year) {
    return Optional.ofNullable(years.get(year));
  }

  /** Every holiday, in date order. */
  public Collection<Holiday> holidays() {
    return holidays.values();
  }
}
