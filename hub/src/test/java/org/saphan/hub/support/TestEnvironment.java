package org.saphan.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.saphan.hub.security.keys.Pkcs12DirectoryKeyRing;

/**
 * What the shared integration-test context runs on, made once per test JVM: a fresh data directory
 * (PostgreSQL cluster, Artemis journal) and a fresh key directory made the way {@code ./saphan keys
 * init} makes it.
 */
public final class TestEnvironment {

  /** The keystore password of the test key directory (test-only, generated key material). */
  public static final String KEYSTORE_PASSWORD = "saphan-test-keystore";

  private static TestEnvironment instance;

  private final Path dataDir;
  private final Path keysDir;

  private TestEnvironment() {
    try {
      dataDir =
          Files.createDirectories(
              Path.of(
                  System.getProperty("java.io.tmpdir"), "saphan-it", UUID.randomUUID().toString()));
      keysDir = dataDir.resolve("keys");
      Pkcs12DirectoryKeyRing.init(
              keysDir,
              KEYSTORE_PASSWORD.toCharArray(),
              Clock.systemUTC(),
              Duration.ofDays(3650),
              Duration.ofDays(365))
          .close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The hub reads the password like any secret: from the environment, or a property of that name.
    System.setProperty("SAPHAN_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
  }

  /** The one environment of this JVM. */
  public static synchronized TestEnvironment get() {
    if (instance == null) {
      instance = new TestEnvironment();
    }
    return instance;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path keysDir() {
    return keysDir;
  }

  /** A TCP port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
