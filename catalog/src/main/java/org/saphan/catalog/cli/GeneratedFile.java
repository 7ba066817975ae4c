package org.saphan.catalog.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one command line of the generators of checked-in files ({@code connectors/README.md}, {@code
 * docs/errors.md}): {@code [--home DIR] [--check]}. It writes the file under the Saphan home, or
 * with {@code --check} writes nothing and exits 1 when the committed file differs, naming the
 * command that regenerates it; 2 on a usage error.
 */
public final class GeneratedFile {

  /** Renders the file's text from the sources under the Saphan home. */
  @FunctionalInterface
  public interface Renderer {
    String render(Path home) throws IOException;
  }

  private GeneratedFile() {}

  /**
   * Runs a generator.
   *
   * @param command the command's name in messages ({@code schema-doc})
   * @param file the generated file, relative to the Saphan home
   * @param regenerate the launcher command that regenerates it
   * @return 0 written or up to date, 1 out of date or failed, 2 usage error
   */
  public static int run(
      String command,
      String file,
      String regenerate,
      Renderer renderer,
      String defaultHome,
      PrintStream out,
      PrintStream err,
      String... args) {
    String home = defaultHome;
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--check" -> check = true;
        case "--home" -> {
          if (i + 1 >= args.length) {
            err.println(command + ": --home needs a folder");
            return ValidateCommand.USAGE;
          }
          home = args[++i];
        }
        default -> {
          err.println(command + ": unknown argument " + args[i]);
          err.println("Usage: " + command + " [--home DIR] [--check]");
          return ValidateCommand.USAGE;
        }
      }
    }
    Path homePath = Path.of(home == null ? "" : home).toAbsolutePath().normalize();
    try {
      String generated = renderer.render(homePath);
      Path target = homePath.resolve(file);
      if (check) {
        boolean upToDate =
            Files.exists(target)
                && Files.readString(target, StandardCharsets.UTF_8).equals(generated);
        out.println(
            upToDate
                ? file + " is up to date"
                : file + " is out of date; regenerate it with " + regenerate);
        return upToDate ? 0 : 1;
      }
      Files.createDirectories(target.getParent());
      Files.writeString(target, generated, StandardCharsets.UTF_8);
      out.println("Wrote " + target);
      return 0;
    } catch (IOException e) {
      err.println(command + ": " + e.getMessage());
      return 1;
    }
  }
}
