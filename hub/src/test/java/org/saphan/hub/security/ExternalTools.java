package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent verifiers (xmlsec1, openssl, python3-zeep). A missing one fails the test
 * under {@code CI=true} and skips it loudly elsewhere.
 */
public final class ExternalTools {

  /** What a finished command returned. */
  public record Result(int exitCode, String output) {}

  private ExternalTools() {}

  public static void require(String binary) {
    if (onPath(binary)) {
      return;
    }
    String message =
        binary
            + " is not installed: independent verification is SKIPPED"
            + " (install it, e.g. apt-get install -y xmlsec1 openssl)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " - required when CI=true");
    }
    System.err.println("WARNING: " + message);
    Assumptions.abort(message);
  }

  /**
   * A Python 3 that can import {@code module}: the one on the PATH, else the system's (Debian
   * packages such as python3-zeep install there). Missing, it fails the test under {@code CI=true}
   * and skips it loudly elsewhere, as {@link #require} does.
   */
  static String python3With(String module, String debianPackage) throws InterruptedException {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process process =
            new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
          return python;
        }
      } catch (IOException e) {
        // not this one
      }
    }
    String message =
        "python3 with "
            + module
            + " is not installed: independent verification is SKIPPED (install it, e.g."
            + " apt-get install -y "
            + debianPackage
            + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " - required when CI=true");
    }
    System.err.println("WARNING: " + message);
    Assumptions.abort(message);
    return null;
  }

  public static Result run(Path workDir, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process process =
        new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", cmd) + " timed out");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output);
  }

  private static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }
}
