package org.saphan.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary directories that live as long as the JVM, for fixtures shared by test classes (JUnit's
 * {@code @TempDir} is deleted after each class, while the shared Spring context lives on).
 */
public final class JvmTempDir {

  private JvmTempDir() {}

  /** A new empty directory, deleted with its content when the JVM exits. */
  public static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temporary directory
    }
  }
}
