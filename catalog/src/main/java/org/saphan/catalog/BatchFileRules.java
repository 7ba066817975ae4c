package org.saphan.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.saphan.catalog.YamlCardReader.Problem;
import org.saphan.catalog.calendar.HolidayFileReader;
import org.saphan.catalog.layout.LayoutReader;

/**
 * Checks the people-edited files of {@code batch/} offline, with the rules the hub applies when it
 * reads them: every fixed-width layout of {@code batch/layouts/} ({@link LayoutReader}) and every
 * year of the working-day calendar in {@code batch/calendar/} ({@link HolidayFileReader}), and that
 * the calendar covers the current year (and, in December, the next).
 */
public final class BatchFileRules {

  /** The layouts' folder under the Saphan home. */
  public static final Path LAYOUTS_FOLDER = Path.of("batch", "layouts");

  /** The calendar's folder under the Saphan home. */
  public static final Path CALENDAR_FOLDER = Path.of("batch", "calendar");

  private BatchFileRules() {}

  /**
   * Every finding about {@code home}'s layouts and calendar files.
   *
   * @param today the date in Thailand, to tell whether the calendar covers this year and the next
   */
  public static List<Finding> check(Path home, LocalDate today) {
    List<Finding> findings = new ArrayList<>();
    for (Path file : yamlFiles(home.resolve(LAYOUTS_FOLDER), findings, LAYOUTS_FOLDER)) {
      Path shown = LAYOUTS_FOLDER.resolve(file.getFileName().toString());
      read(file, shown, findings)
          .ifPresent(text -> report(LayoutReader.read(text).problems(), shown, findings));
    }
    Path calendar = home.resolve(CALENDAR_FOLDER);
    if (!Files.isDirectory(calendar)) {
      return findings;
    }
    Set<Integer> covered = new TreeSet<>();
    for (Path file : yamlFiles(calendar, findings, CALENDAR_FOLDER)) {
      Path shown = CALENDAR_FOLDER.resolve(file.getFileName().toString());
      Optional<Integer> year = HolidayFileReader.yearOf(file.getFileName().toString());
      if (year.isEmpty()) {
        findings.add(
            Finding.warning(
                "",
                "",
                "is not read by the hub: name a calendar file th-holidays-<year>.yaml",
                shown,
                0));
        continue;
      }
      covered.add(year.get());
      read(file, shown, findings)
          .ifPresent(
              text -> report(HolidayFileReader.read(text, year.get()).problems(), shown, findings));
    }
    uncovered(today.getYear(), covered, findings);
    if (today.getMonth() == Month.DECEMBER) {
      uncovered(today.getYear() + 1, covered, findings);
    }
    return findings;
  }

  private static void uncovered(int year, Set<Integer> covered, List<Finding> findings) {
    if (!covered.contains(year)) {
      findings.add(
          Finding.warning(
              "",
              "",
              "has no th-holidays-"
                  + year
                  + ".yaml: SLA clocks in "
                  + year
                  + " skip weekends only; add the year's government holidays",
              CALENDAR_FOLDER,
              0));
    }
  }

  private static void report(List<Problem> problems, Path shown, List<Finding> findings) {
    for (Problem problem : problems) {
      findings.add(Finding.error("", problem.path(), problem.reason(), shown, problem.line()));
    }
  }

  private static Optional<String> read(Path file, Path shown, List<Finding> findings) {
    try {
      if (Files.size(file) > CatalogLoader.MAX_CARD_BYTES) {
        findings.add(
            Finding.error(
                "",
                "",
                "file is larger than " + CatalogLoader.MAX_CARD_BYTES + " bytes",
                shown,
                0));
        return Optional.empty();
      }
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      findings.add(Finding.error("", "", "cannot be read as UTF-8 text", shown, 0));
      return Optional.empty();
    }
  }

  private static List<Path> yamlFiles(Path folder, List<Finding> findings, Path shown) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              file ->
                  file.getFileName().toString().endsWith(".yaml")
                      || file.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      findings.add(Finding.error("", "", "folder cannot be read", shown, 0));
      return List.of();
    }
  }
}
