package org.saphan.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a cron expression offline as the hub's scheduler reads it (Spring's six fields: second
 * minute hour day-of-month month day-of-week, or a macro such as {@code @daily}), so {@code
 * ./saphan validate} refuses what start-up would. Values, ranges ({@code 1-5}), lists ({@code
 * 1,15}), steps ({@code *}{@code /10}), {@code ?}, month and day names; {@code L}, {@code W} and
 * {@code #} in the day fields.
 */
final class CronFields {

  private static final Set<String> MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** One field: its name, its range and the names that stand for values. */
  private record Field(String name, int min, int max, List<String> names, int firstName) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("second", 0, 59, List.of(), 0),
          new Field("minute", 0, 59, List.of(), 0),
          new Field("hour", 0, 23, List.of(), 0),
          new Field("day of month", 1, 31, List.of(), 0),
          new Field("month", 1, 12, MONTHS, 1),
          new Field("day of week", 0, 7, DAYS, 0));

  private static final Pattern RANGE = Pattern.compile("([^-/]+)(?:-([^-/]+))?(?:/(\\d+))?");
  private static final Pattern DAY_OF_MONTH_SPECIAL = Pattern.compile("L(-\\d+)?W?|LW|\\d+W");
  private static final Pattern DAY_OF_WEEK_SPECIAL = Pattern.compile("[0-7A-Z]{1,3}(L|#[1-5])");

  private CronFields() {}

  /** Why {@code cron} is not a valid expression, or null when it is. */
  static String problem(String cron) {
    String trimmed = cron.strip();
    if (trimmed.startsWith("@")) {
      return MACROS.contains(trimmed.toLowerCase(Locale.ROOT))
          ? null
          : "'" + cron + "' is not a known macro (" + String.join(", ", sorted()) + ")";
    }
    String[] parts = trimmed.split("\\s+");
    if (parts.length != FIELDS.size()) {
      return "'"
          + cron
          + "' has "
          + parts.length
          + " fields; write six: second minute hour day-of-month month day-of-week";
    }
    for (int i = 0; i < parts.length; i++) {
      String reason = fieldProblem(FIELDS.get(i), parts[i].toUpperCase(Locale.ROOT));
      if (reason != null) {
        return "'" + cron + "': " + FIELDS.get(i).name() + " '" + parts[i] + "' " + reason;
      }
    }
    return null;
  }

  private static List<String> sorted() {
    return MACROS.stream().sorted().toList();
  }

  private static String fieldProblem(Field field, String text) {
    if (text.equals("?")) {
      return field.name().startsWith("day") ? null : "may not be ?";
    }
    for (String item : text.split(",", -1)) {
      if (field.name().equals("day of month") && DAY_OF_MONTH_SPECIAL.matcher(item).matches()) {
        continue;
      }
      if (field.name().equals("day of week") && DAY_OF_WEEK_SPECIAL.matcher(item).matches()) {
        continue;
      }
      String reason = itemProblem(field, item);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  private static String itemProblem(Field field, String item) {
    Matcher matcher = RANGE.matcher(item);
    if (!matcher.matches()) {
      return "is not a value, a range, a list or a step";
    }
    if (matcher.group(3) != null && Integer.parseInt(matcher.group(3)) == 0) {
      return "has a step of 0";
    }
    if (matcher.group(1).equals("*")) {
      return matcher.group(2) == null ? null : "is not a value, a range, a list or a step";
    }
    Integer from = value(field, matcher.group(1));
    Integer to = matcher.group(2) == null ? from : value(field, matcher.group(2));
    if (from == null || to == null) {
      return "is out of range " + field.min() + "-" + field.max();
    }
    return null;
  }

  /** The value of {@code text} in the field, or null when it is none. */
  private static Integer value(Field field, String text) {
    int named = field.names().indexOf(text);
    if (named >= 0) {
      return named + field.firstName();
    }
    if (!text.matches("\\d{1,2}")) {
      return null;
    }
    int value = Integer.parseInt(text);
    return value < field.min() || value > field.max() ? null : value;
  }
}
