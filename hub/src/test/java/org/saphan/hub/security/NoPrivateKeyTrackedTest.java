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

  private static List<String> gitLsFiles(Path home) throws IOException, InterruptedException {
    Process git =
        new ProcessBuilder("git", "-C", home.toString(), "ls-files")
            .redirectErrorStream(true)
            .start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = git.waitFor(30, TimeUnit.SECONDS);
    Assumptions.assumeTrue(
        finished && git.exitValue() == 0, "not a git checkout: nothing to check (" + output + ")");
    return output.lines().filter(line -> !line.isBlank()).toList();
  }
}
