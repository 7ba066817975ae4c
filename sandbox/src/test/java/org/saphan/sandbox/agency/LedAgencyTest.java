package org.saphan.sandbox.agency;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.sandbox.common.FakeHub;
import org.saphan.sandbox.common.TestPki;

/**
 * One {@link LedFixture} per test class (LED's key written and read once, a fake hub serving the
 * hub's JWKS), started afresh before each test.
 */
abstract class LedAgencyTest {

  static FakeHub hub;

  @TempDir static Path keysDir;

  static LedFixture led;

  @BeforeAll
  static void agency() {
    hub = FakeHub.start(TestPki.shared().hubJwks());
    led = new LedFixture(hub, keysDir);
  }

  @AfterAll
  static void stop() {
    led.close();
    hub.close();
  }

  @BeforeEach
  void reset() {
    led.reset();
  }
}
