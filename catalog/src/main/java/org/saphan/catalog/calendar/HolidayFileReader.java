package org.saphan.catalog.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.saphan.catalog.YamlCardReader;
import org.saphan.catalog.YamlCardReader.Problem;

/**
 * Reads and checks one year of the working-day calendar, {@code
 * batch/calendar/th-holidays-<year>.yaml}: Christian-era (Gregorian) years and ISO dates, each date
 * in the file's year and listed once, every holiday named and of a known kind, substitution days
 * naming an earlier holiday. Used by {@code ./saphan validate} and by the hub's working-day
 * calendar, which refuses to start on a file with problems.
 */
public final class HolidayFileReader {

  /** How a calendar file is named; group 1 is its year. */
  public static final Pattern FILE = Pattern.compile("th-holidays-(\\d{4})\\.ya?ml");

  /** The kinds of holiday. */
  public static final Set<String> KINDS = Set.of("annual", "special", "substitution");

  /** The first Buddhist-era year that a Christian-era calendar could not mean (CE 1900). */
  static final int FIRST_BUDDHIST_ERA_YEAR = 2443;

  private static final Set<String> TOP_KEYS = Set.of("year", "provisional", "holidays");
  private static final Set<String> HOLIDAY_KEYS =
      Set.of("date", "name", "kind", "substitutes", "confirmed");

  /**
   * What reading one file produced.
   *
   * @param year the year, or empty when the file cannot be read as one
   * @param problems every problem; the year is not to be used when there is one
   */
  public record Result(Optional<HolidayYear> year, List<Problem> problems) {

    public Result {
      problems = List.copyOf(problems);
    }
  }

  private final YamlCardReader.Result yaml;
  private final List<Problem> problems = new ArrayList<>();

  private HolidayFileReader(YamlCardReader.Result yaml) {
    this.yaml = yaml;
  }

  /** The year a file name gives, when it is a calendar file's name. */
  public static Optional<Integer> yearOf(String fileName) {
    Matcher name = FILE.matcher(fileName);
    return name.matches() ? Optional.of(Integer.parseInt(name.group(1))) : Optional.empty();
  }

  /** Reads the file of {@code expectedYear} (the year in its name). */
  public static Result read(String text, int expectedYear) {
    YamlCardReader.Result yaml = new YamlCardReader().read(text);
    if (yaml.root() == null) {
      return new Result(
          Optional.empty(),
          yaml.problems().stream()
              .map(p -> new Problem("", "not valid YAML: " + p.describe(), p.line()))
              .toList());
    }
    HolidayFileReader reader = new HolidayFileReader(yaml);
    reader.problems.addAll(yaml.problems());
    Optional<HolidayYear> year = reader.read(yaml.root(), expectedYear);
    return new Result(year, reader.problems);
  }

  private Optional<HolidayYear> read(JsonNode root, int expectedYear) {
    if (!root.isObject()) {
      add("", "must be a mapping with year and holidays", "");
      return Optional.empty();
    }
    if (expectedYear >= FIRST_BUDDHIST_ERA_YEAR) {
      add(
          "",
          "the file name's year "
              + expectedYear
              + " is a Buddhist-era year; calendar files use Christian-era (Gregorian) years: "
              + "th-holidays-"
              + (expectedYear - 543)
              + ".yaml",
          "");
      return Optional.empty();
    }
    if (!root.path("year").isInt() || root.path("year").intValue() != expectedYear) {
      add("", "year must be " + expectedYear + " (the year in the file name)", "year");
      return Optional.empty();
    }
    unknownKeys(root, TOP_KEYS, "");
    boolean provisional = bool(root, "provisional", "provisional", false);
    JsonNode entries = root.path("holidays");
    if (!entries.isArray()) {
      add("", "holidays must be a list", "holidays");
      return Optional.empty();
    }
    List<Holiday> holidays = new ArrayList<>();
    Set<LocalDate> seen = new TreeSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "holidays[" + i + "]";
      holiday(entries.get(i), where, expectedYear, seen).ifPresent(holidays::add);
    }
    for (int i = 0; i < holidays.size(); i++) {
      checkSubstitution(holidays.get(i), seen, expectedYear, i, entries);
    }
    return Optional.of(new HolidayYear(expectedYear, provisional, holidays));
  }

  private Optional<Holiday> holiday(
      JsonNode entry, String where, int expectedYear, Set<LocalDate> seen) {
    if (!entry.isObject()) {
      add(where, "must be a mapping", where);
      return Optional.empty();
    }
    unknownKeys(entry, HOLIDAY_KEYS, where);
    LocalDate date = date(entry.get("date"), where + ".date");
    JsonNode names = entry.path("name");
    String th = text(names.path("th"));
    String en = text(names.path("en"));
    if (th == null) {
      add(where + ".name.th", "is required", where + ".name");
    }
    String kind = text(entry.path("kind"));
    if (kind == null || !KINDS.contains(kind)) {
      add(where + ".kind", "must be one of " + new TreeSet<>(KINDS), where + ".kind");
    }
    JsonNode substitutesNode = entry.get("substitutes");
    LocalDate substitutes =
        substitutesNode == null || substitutesNode.isNull()
            ? null
            : date(substitutesNode, where + ".substitutes");
    if ("substitution".equals(kind) && substitutes == null && substitutesNode == null) {
      add(where + ".substitutes", "a substitution day names the holiday it replaces", where);
    }
    boolean confirmed = bool(entry, "confirmed", where + ".confirmed", true);
    if (date == null) {
      return Optional.empty();
    }
    if (date.getYear() != expectedYear) {
      add(where + ".date", date + " is not in " + expectedYear, where + ".date");
    } else if (!seen.add(date)) {
      add(where + ".date", date + " is listed twice", where + ".date");
    } else if (th != null && kind != null && KINDS.contains(kind)) {
      return Optional.of(new Holiday(date, th, en, kind, substitutes, confirmed));
    }
    return Optional.empty();
  }

  /** A substitution day follows the holiday it replaces, which this file lists if in its year. */
  private void checkSubstitution(
      Holiday holiday, Set<LocalDate> listed, int expectedYear, int index, JsonNode entries) {
    LocalDate replaced = holiday.substitutes();
    if (replaced == null) {
      return;
    }
    String where = "holidays[" + indexOf(entries, holiday.date(), index) + "].substitutes";
    if (!replaced.isBefore(holiday.date())) {
      add(where, replaced + " is not before the substitution day " + holiday.date(), where);
    } else if (replaced.getYear() == expectedYear && !listed.contains(replaced)) {
      add(where, replaced + " is not a holiday of this file", where);
    }
  }

  private static int indexOf(JsonNode entries, LocalDate date, int fallback) {
    for (int i = 0; i < entries.size(); i++) {
      if (date.toString().equals(entries.get(i).path("date").asText())) {
        return i;
      }
    }
    return fallback;
  }

  private LocalDate date(JsonNode value, String where) {
    if (value != null && value.isTextual()) {
      try {
        return LocalDate.parse(value.textValue());
      } catch (DateTimeParseException e) {
        add(where, "'" + value.textValue() + "' is not an ISO date (yyyy-MM-dd)", where);
        return null;
      }
    }
    add(where, "is required (yyyy-MM-dd)", where);
    return null;
  }

  private boolean bool(JsonNode node, String key, String where, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      add(where, "must be true or false", where);
      return fallback;
    }
    return value.booleanValue();
  }

  private void unknownKeys(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!allowed.contains(key)) {
        String path = where.isEmpty() ? key : where + "." + key;
        add(path, "is not a calendar property; use " + new TreeSet<>(allowed), path);
      }
    }
  }

  private static String text(JsonNode value) {
    return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
  }

  private void add(String path, String reason, String at) {
    problems.add(new Problem(path, reason, yaml.lineOf(at)));
  }
}
