package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** No private key is ever tracked by git outside test resources (keys are generated). */
class NoPrivateKeyTrackedTest {

  @Test
  void shouldTrackNoPrivateKeyOrKeystoreWhenTheRepositoryIsListed() throws Exception {
    // given
    Path home = Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
    List<String> tracked = gitLsFiles(home);
    // when
    List<String> offending = new ArrayList<>();
    for (String file : tracked) {
      if (file.contains("/src/test/resources/")) {
        continue;
      }
      String name = file.toLowerCase(java.util.Locale.ROOT);
      if (name.endsWith(".p12")
          || name.endsWith(".pfx")
          || name.endsWith(".jks")
          || name.endsWith(".key")
          || name.startsWith("keys/private/")) {
        offending.add(file);
        continue;
      }
      Path path = home.resolve(file);
      if (Files.isRegularFile(path) && Files.size(path) < 2_000_000) {
        String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        if (text.matches("(?s).*-----BEGIN [A-Z ]*PRIVATE KEY-----.*")
            && !file.endsWith("NoPrivateKeyTrackedTest.java")) {
          offending.add(file);
        }
      }
    }
    // then
    assertThat(tracked).isNotEmpty();
    assertThat(offending).as("tracked private key material").isEmpty();
  }

  @Test
  void shouldIgnoreGeneratedKeyMaterialButTrackTheReadmeWhenGitChecksIgnores() throws Exception {
    // given: what ./saphan keys init writes, and the README that explains it
    Path home = Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
    List<String> generated =
        List.of(
            "keys/keyring.json",
            "keys/public/sandbox-ca.pem",
            "keys/public/party-gdx.pem",
            "keys/private/sandbox-ca.p12");
    // when
    List<String> checkIgnore = new ArrayList<>(List.of("check-ignore"));
    checkIgnore.addAll(generated);
    List<String> ignored = git(home, checkIgnore.toArray(String[]::new));
    List<String> readme = gitAllowingNoMatch(home, "check-ignore", "keys/README.md");
    // then
    assertThat(ignored).containsExactlyInAnyOrderElementsOf(generated);
    assertThat(readme).as("keys/README.md must stay tracked").isEmpty();
    assertThat(gitLsFiles(home)).contains("keys/README.md");
  }

  private static List<String> gitLsFiles(Path home) throws IOException, InterruptedException {
    return git(home, "ls-files");
  }

  private static List<String> git(Path home, String... args)
      throws IOException, InterruptedException {
    Result result = run(home, args);
    Assumptions.assumeTrue(
        result.exitCode() == 0, "not a git checkout: nothing to check (" + result.output() + ")");
    return result.lines();
  }

  /** {@code git check-ignore} exits 1 when nothing is ignored: that is an answer, not a failure. */
  private static List<String> gitAllowingNoMatch(Path home, String... args)
      throws IOException, InterruptedException {
    Result result = run(home, args);
    Assumptions.assumeTrue(
        result.exitCode() == 0 || result.exitCode() == 1,
        "not a git checkout: nothing to check (" + result.output() + ")");
    return result.lines();
  }

  private record Result(int exitCode, String output) {
    List<String> lines() {
      return output.lines().filter(line -> !line.isBlank()).toList();
    }
  }

  private static Result run(Path home, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", home.toString()));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = git.waitFor(30, TimeUnit.SECONDS);
    return new Result(finished ? git.exitValue() : -1, output);
  }
}
