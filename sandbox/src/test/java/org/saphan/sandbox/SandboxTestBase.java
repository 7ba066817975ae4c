package org.saphan.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.saphan.sandbox.common.PartyKeys;
import org.saphan.sandbox.common.TestPki;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole sandbox on random ports, the Digital ID server and the bank's SFTP server included,
 * with {@link TestHub} as the hub; the one Spring context of the module's tests.
 *
 * <p>Every Spring test of the module extends this and adds no context configuration of its own (no
 * other {@code @SpringBootTest}, properties, {@code @DynamicPropertySource}, mock beans or
 * {@code @DirtiesContext}), so Spring's context cache starts the sandbox once per JVM. They cross
 * the wire, so they are all integration tests ({@code *IT}, Failsafe): the sandbox starts once per
 * build, and the unit tests (Surefire) start no context at all. Tests therefore never rely on a
 * fresh sandbox: they reset the simulators they use through the control APIs before each test, or
 * use ids of their own.
 *
 * <p>The parties' key directory ({@link #keysDir()}) and the SFTP root live in a temporary
 * directory made once per JVM and deleted when it exits. Fixtures write the keys they need into it
 * before their first test (the sandbox reads party keys on first use, not at start-up). The
 * keystore password is {@value #KEYSTORE_PASSWORD} for every party.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // No fixed ports: tests must not collide with a running sandbox, or with each other.
      "sandbox.digital-id.port=0",
      "sandbox.sftp.port=0",
      // Key rotation is tested back to back with forged key ids: no JWKS rate limits here.
      "sandbox.eservice.jwks-min-refresh-interval=0s",
      "sandbox.hub.jwks-refresh-min-interval=0s",
      // Fast retries of e-Payment notifications and DCY status callbacks.
      "sandbox.epayment.retry-initial-delay=20ms",
      "sandbox.epayment.retry-max-delay=80ms",
      "sandbox.epayment.max-attempts=4",
      "sandbox.agencies.dcy.callback.initial-backoff=20ms",
      "sandbox.agencies.dcy.callback.max-backoff=100ms",
      "sandbox.agencies.dcy.callback.max-attempts=5"
    })
public abstract class SandboxTestBase {

  /** The PKCS#12 password of every party key the tests write (test only). */
  public static final String KEYSTORE_PASSWORD = TestPki.PASSWORD;

  static {
    // Conditions are met within milliseconds here; Awaitility's 100 ms default poll adds up.
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
  }

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void sandbox(DynamicPropertyRegistry registry) {
    registry.add("sandbox.hub.base-url", () -> TestHub.get().baseUrl());
    registry.add("sandbox.keys.dir", () -> keysDir().toString());
    registry.add(PartyKeys.PASSWORD_ENV, () -> KEYSTORE_PASSWORD);
    registry.add("sandbox.sftp.root", () -> sftpRoot().toString());
  }

  /** The sandbox's key directory, in the {@code ./saphan keys init} layout; empty at first. */
  public static Path keysDir() {
    return WorkDir.ROOT.resolve("keys");
  }

  /** The root of the bank's SFTP server. */
  public static Path sftpRoot() {
    return WorkDir.ROOT.resolve("sftp");
  }

  protected String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** The sandbox's own files, for the life of the JVM like the context. */
  private static final class WorkDir {
    static final Path ROOT = JvmTempDir.create("saphan-sandbox-test-");
  }
}
