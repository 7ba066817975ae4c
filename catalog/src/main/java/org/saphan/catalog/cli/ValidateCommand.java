package org.saphan.catalog.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.saphan.catalog.BatchFileRules;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.Finding;
import org.saphan.catalog.LoadOptions;
import org.saphan.catalog.LoadResult;
import org.saphan.catalog.RouteTemplateRules;
import org.saphan.catalog.ScheduleRules;
import org.saphan.catalog.SecretResolver;
import org.saphan.catalog.common.Zones;
import org.saphan.catalog.egress.Cidr;

/**
 * {@code ./saphan validate [--home DIR] [--sandbox] [path...]}: checks connector cards (and, for a
 * whole home, its route templates, batch layouts and calendar) offline and prints every finding,
 * then a summary. Exit status 0 when valid (warnings allowed), 1 when invalid, 2 on a usage error.
 */
public final class ValidateCommand {

  /** Exit status: every card is valid. */
  public static final int VALID = 0;

  /** Exit status: at least one error. */
  public static final int INVALID = 1;

  /** Exit status: the command line is wrong. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      Usage: validate [--home DIR] [--sandbox] [--egress-allow CIDR]... [path...]
        Checks connector cards offline: YAML, the connector schema, file and secret references,
        the golden examples of every mapping, and the roadmap service catalog
        (connectors/roadmap/services.json) with each card's service.roadmap reference; without
        a path, also the route files (routes/*.camel.yaml): Camel YAML DSL entries, each
        template's declared parameters described, used and bound by the hub, each {{name}} it
        uses declared; the fixed-width layouts (batch/layouts/*.yaml); and the working-day
        calendar (batch/calendar/th-holidays-<year>.yaml), which should cover this year.
        path       a card file, a folder of cards, or a Saphan home (a folder with connectors/);
                   none: every card and route file of the home
        --home     the Saphan home (default: the saphan.home system property, else the current folder)
        --sandbox  accept plain http and loopback URLs silently, as the sandbox profile does
        --egress-allow CIDR
                   a private range the deployment lets the hub call (as
                   saphan.egress.allowed-private-cidrs); repeatable. Card URLs at cloud metadata,
                   link-local, unspecified, loopback (outside --sandbox) and unlisted private
                   addresses are errors.
      Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.""";

  private final PrintStream out;
  private final PrintStream err;
  private final SecretResolver resolver;
  private final String defaultHome;
  private final Clock clock;

  /**
   * A command writing to the given streams.
   *
   * @param defaultHome the home used without {@code --home}; {@code null} for the current folder
   */
  public ValidateCommand(
      PrintStream out, PrintStream err, SecretResolver resolver, String defaultHome) {
    this(out, err, resolver, defaultHome, Clock.system(Zones.BANGKOK));
  }

  /**
   * A command writing to the given streams, telling today's date (Thai time) by {@code clock}.
   *
   * @param defaultHome the home used without {@code --home}; {@code null} for the current folder
   */
  public ValidateCommand(
      PrintStream out, PrintStream err, SecretResolver resolver, String defaultHome, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.defaultHome = defaultHome;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    // The command prints its own findings; without a logging backend SLF4J would add noise.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    int status =
        new ValidateCommand(
                System.out,
                System.err,
                SecretResolver.environment(),
                System.getProperty("saphan.home"))
            .run(args);
    System.exit(status);
  }

  /** Runs the command; returns the exit status. */
  public int run(String... args) {
    String home = defaultHome;
    boolean sandbox = false;
    List<String> egressAllow = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    int start = args.length > 0 && args[0].equals("validate") ? 1 : 0;
    boolean optionsEnded = false;
    for (int i = start; i < args.length; i++) {
      String arg = args[i];
      if (optionsEnded || !arg.startsWith("-")) {
        paths.add(arg);
      } else if (arg.equals("--")) {
        optionsEnded = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE_TEXT);
        return VALID;
      } else if (arg.equals("--sandbox")) {
        sandbox = true;
      } else if (arg.equals("--egress-allow")) {
        if (i + 1 >= args.length) {
          return usage("--egress-allow needs a CIDR range");
        }
        egressAllow.add(args[++i]);
      } else if (arg.startsWith("--egress-allow=")) {
        egressAllow.add(arg.substring("--egress-allow=".length()));
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
    List<Path> targets = new ArrayList<>();
    try {
      homePath = Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().normalize();
      for (String path : paths) {
        targets.add(Path.of(path));
      }
    } catch (InvalidPathException e) {
      return usage("not a valid path: " + e.getInput());
    }
    if (!Files.isDirectory(homePath)) {
      return usage("the Saphan home " + homePath + " is not a folder");
    }
    for (Path target : targets) {
      if (!Files.exists(target)) {
        return usage("no such file or folder: " + target);
      }
    }

    for (String cidr : egressAllow) {
      try {
        Cidr.parse(cidr);
      } catch (IllegalArgumentException e) {
        return usage("--egress-allow: " + e.getMessage());
      }
    }
    CatalogLoader loader =
        new CatalogLoader(
            homePath,
            resolver,
            new LoadOptions(sandbox, true).withEgressAllowList(List.copyOf(egressAllow)));
    LoadResult result = targets.isEmpty() ? loader.load() : loader.validatePaths(targets);
    List<Finding> findings = new ArrayList<>(result.findings());
    if (targets.isEmpty()) {
      findings.addAll(RouteTemplateRules.check(homePath));
      findings.addAll(BatchFileRules.check(homePath, LocalDate.now(clock)));
      findings.addAll(ScheduleRules.check(homePath));
    }
    for (Finding finding : findings) {
      out.println((finding.isError() ? "error: " : "warning: ") + finding);
    }
    int errors = (int) findings.stream().filter(Finding::isError).count();
    int warnings = findings.size() - errors;
    out.println(
        count(result.filesChecked(), "card")
            + ", "
            + count(errors, "error")
            + ", "
            + count(warnings, "warning"));
    return errors == 0 ? VALID : INVALID;
  }

  private int usage(String problem) {
    err.println("validate: " + problem);
    err.println(USAGE_TEXT);
    return USAGE;
  }

  private static String count(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
