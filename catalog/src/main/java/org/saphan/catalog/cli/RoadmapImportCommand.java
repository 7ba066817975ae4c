package org.saphan.catalog.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.saphan.catalog.Finding;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.catalog.roadmap.RoadmapGenerator;

/**
 * {@code ./saphan catalog import-roadmap [--home DIR] [--check] [csv]}: generates {@code
 * connectors/roadmap/services.json} from the roadmap CSV and the hand-written tables beside it.
 * Exit status 0 when written (or, with {@code --check}, up to date), 1 when the input is invalid
 * (or the file is stale), 2 on a usage error.
 */
public final class RoadmapImportCommand {

  /** Exit status: the catalog was written, or is up to date. */
  public static final int OK = 0;

  /** Exit status: the CSV or a table is invalid, or (with --check) the catalog is stale. */
  public static final int INVALID = 1;

  /** Exit status: the command line is wrong. */
  public static final int USAGE = 2;

  /** Where the roadmap CSV is by default, relative to the Saphan home. */
  public static final Path DEFAULT_CSV = Path.of("..", "shared", "data", "service-roadmap-th.csv");

  static final String USAGE_TEXT =
      """
      Usage: catalog import-roadmap [--home DIR] [--check] [csv]
        Generates connectors/roadmap/services.json from the roadmap CSV and the hand-written
        tables in connectors/roadmap/ (agencies, ministries, target groups, English service
        names, spelling variants). Every problem is listed; nothing is written then.
        csv       the roadmap CSV (default: ../shared/data/service-roadmap-th.csv from the home)
        --home    the Saphan home (default: the saphan.home system property, else the current folder)
        --check   write nothing; fail when services.json differs from what the command would write
      Exit status: 0 written (or up to date), 1 invalid input (or stale with --check), 2 usage error.""";

  private final PrintStream out;
  private final PrintStream err;
  private final String defaultHome;

  /**
   * A command writing to the given streams.
   *
   * @param defaultHome the home used without {@code --home}; {@code null} for the current folder
   */
  public RoadmapImportCommand(PrintStream out, PrintStream err, String defaultHome) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.defaultHome = defaultHome;
  }

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    int status =
        new RoadmapImportCommand(System.out, System.err, System.getProperty("saphan.home"))
            .run(args);
    System.exit(status);
  }

  /** Runs the command; returns the exit status. */
  public int run(String... args) {
    String home = defaultHome;
    String csv = null;
    boolean check = false;
    int start = args.length > 0 && args[0].equals("import-roadmap") ? 1 : 0;
    boolean optionsEnded = false;
    for (int i = start; i < args.length; i++) {
      String arg = args[i];
      if (optionsEnded || !arg.startsWith("-")) {
        if (csv != null) {
          return usage("only one CSV file may be given, found " + csv + " and " + arg);
        }
        csv = arg;
      } else if (arg.equals("--")) {
        optionsEnded = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE_TEXT);
        return OK;
      } else if (arg.equals("--check")) {
        check = true;
      } else if (arg.equals("--home")) {
        if (i + 1 >= args.length) {
          return usage("--home needs a folder");
        }
        home = args[++i];
      } else if (arg.startsWith("--home=")) {
        home = arg.substring("--home=".length());
      } else {
        return usage("unknown option " + arg);
      }
    }
    Path homePath;
    Path csvPath;
    try {
      homePath = Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().normalize();
      csvPath = csv == null ? homePath.resolve(DEFAULT_CSV).normalize() : Path.of(csv);
    } catch (InvalidPathException e) {
      return usage("not a valid path: " + e.getInput());
    }
    if (!Files.isDirectory(homePath)) {
      return usage("the Saphan home " + homePath + " is not a folder");
    }
    if (!Files.isRegularFile(csvPath)) {
      return usage("no such CSV file: " + csvPath);
    }

    RoadmapGenerator generator = new RoadmapGenerator(homePath);
    RoadmapGenerator.Result result;
    try {
      result = check ? generator.generate(csvPath) : generator.generateAndWrite(csvPath);
    } catch (IOException e) {
      err.println("import-roadmap: cannot write " + RoadmapCatalog.SERVICES_FILE + ": " + e);
      return INVALID;
    }
    for (Finding error : result.errors()) {
      out.println("error: " + error);
    }
    if (!result.isValid()) {
      out.println(
          count(result.errors().size(), "error")
              + "; "
              + slashes(RoadmapCatalog.SERVICES_FILE)
              + " was not written");
      return INVALID;
    }
    long missing = result.services().stream().filter(s -> !s.hasEnglishName()).count();
    String summary =
        result.services().size()
            + " services ("
            + (result.services().size() - missing)
            + " with an English name, "
            + missing
            + " marked missing), from "
            + result.csvName()
            + " (SHA-256 "
            + result.csvSha256()
            + ")";
    if (check) {
      return checkUpToDate(homePath, result, summary);
    }
    out.println("wrote " + slashes(RoadmapCatalog.SERVICES_FILE) + ": " + summary);
    return OK;
  }

  private int checkUpToDate(Path home, RoadmapGenerator.Result result, String summary) {
    Path file = RoadmapGenerator.servicesFile(home);
    try {
      if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), result.json())) {
        out.println(slashes(RoadmapCatalog.SERVICES_FILE) + " is up to date: " + summary);
        return OK;
      }
    } catch (IOException e) {
      err.println("import-roadmap: cannot read " + RoadmapCatalog.SERVICES_FILE + ": " + e);
      return INVALID;
    }
    out.println(
        "error: "
            + slashes(RoadmapCatalog.SERVICES_FILE)
            + ": differs from what the CSV and the tables give; run "
            + RoadmapGenerator.COMMAND
            + " and commit the result");
    return INVALID;
  }

  private int usage(String problem) {
    err.println("import-roadmap: " + problem);
    err.println(USAGE_TEXT);
    return USAGE;
  }

  private static String slashes(Path path) {
    return path.toString().replace('\\', '/');
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
