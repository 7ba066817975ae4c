package org.saphan.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.saphan.hub.security.keys.KeysCommand;
import org.saphan.hub.security.keys.Pkcs12DirectoryKeyRing;

/**
 * A key directory as {@code ./saphan keys init} makes it (the sandbox CA, the hub's keys and the
 * sandbox parties' keys; password {@link TestEnvironment#KEYSTORE_PASSWORD}), generated once per
 * test JVM and copied to each test that needs a fresh one: an init generates four RSA-3072 keys,
 * seconds of CPU on a busy machine every time.
 */
public final class KeyRingTemplate {

  private KeyRingTemplate() {}

  /** Copies the template into {@code dir} (created if missing; must hold no key ring yet). */
  public static void copyTo(Path dir) {
    try (Stream<Path> files = Files.walk(Made.DIR)) {
      for (Path file : files.toList()) {
        Path copy = dir.resolve(Made.DIR.relativize(file).toString());
        if (!Files.isDirectory(copy)) {
          // file modes kept: the private folder stays owner-only
          Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Made on first use, deleted when the JVM exits. */
  private static final class Made {
    static final Path DIR = make();

    private static Path make() {
      try {
        Path parent = Files.createTempDirectory("saphan-keys-template-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(parent)));
        Path dir = parent.resolve("keys");
        Pkcs12DirectoryKeyRing.init(
                dir,
                TestEnvironment.KEYSTORE_PASSWORD.toCharArray(),
                Clock.systemUTC(),
                Duration.ofDays(KeysCommand.CA_DAYS),
                Duration.ofDays(KeysCommand.DEFAULT_KEY_DAYS))
            .close();
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void delete(Path root) {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      } catch (IOException e) {
        // a temporary folder left behind
      }
    }
  }
}
