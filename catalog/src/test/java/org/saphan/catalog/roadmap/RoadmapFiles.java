package org.saphan.catalog.roadmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project's roadmap inputs, and throw-away copies of them for tests to break. */
final class RoadmapFiles {

  static final List<String> TABLES =
      List.of(
          RoadmapTables.AGENCIES,
          RoadmapTables.MINISTRIES,
          RoadmapTables.TARGET_GROUPS,
          RoadmapTables.SERVICES_EN,
          RoadmapTables.SPELLING_VARIANTS);

  private RoadmapFiles() {}

  /** The project's own Saphan home: the {@code saphan.home} the build sets, else {@code ..}. */
  static Path projectHome() {
    String home = System.getProperty("saphan.home");
    return Path.of(home == null || home.isBlank() ? ".." : home).toAbsolutePath().normalize();
  }

  /** The roadmap CSV in {@code shared/}, beside the project, where the launcher looks for it. */
  static Path sharedCsv() {
    return projectHome().resolve("../shared/data/service-roadmap-th.csv").normalize();
  }

  /** The shared roadmap CSV's text. */
  static String csvText() {
    return read(sharedCsv());
  }

  /** A home under {@code dir} holding copies of the project's tables (and no services.json). */
  static Path homeWithTables(Path dir) {
    Path home = dir.resolve("home");
    for (String table : TABLES) {
      write(
          home.resolve(RoadmapTables.FOLDER).resolve(table),
          read(projectHome().resolve(RoadmapTables.FOLDER).resolve(table)));
    }
    return home;
  }

  /** A table of {@code home}, such as {@code agencies.csv}. */
  static Path table(Path home, String name) {
    return home.resolve(RoadmapTables.FOLDER).resolve(name);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code text} without its lines that contain {@code part}; fails when none does. */
  static String withoutLine(String text, String part) {
    String result =
        String.join("\n", text.lines().filter(line -> !line.contains(part)).toList()) + "\n";
    if (result.equals(text)) {
      throw new IllegalArgumentException("no line contains " + part);
    }
    return result;
  }
}
