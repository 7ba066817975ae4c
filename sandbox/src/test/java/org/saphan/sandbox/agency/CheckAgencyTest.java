package org.saphan.sandbox.agency;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.sandbox.common.FakeHub;
import org.saphan.sandbox.common.TestPki;

/**
 * One {@link CheckFixture} per test class (the check agencies' keys written and read once, a fake
 * hub serving the hub's JWKS), started afresh before each test.
 */
abstract class CheckAgencyTest {

  static FakeHub hub;

  @TempDir static Path keysDir;

  static CheckFixture checks;

  @BeforeAll
  static void agency() {
    hub = FakeHub.start(TestPki.shared().hubJwks());
    checks = new CheckFixture(hub, keysDir);
  }

  @AfterAll
  static void stop() {
    checks.close();
    hub.close();
  }

  @BeforeEach
  void reset() {
    checks.reset();
  }
}
