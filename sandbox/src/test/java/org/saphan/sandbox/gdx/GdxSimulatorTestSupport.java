package org.saphan.sandbox.gdx;

import org.junit.jupiter.api.BeforeEach;
import org.saphan.sandbox.SandboxTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The shared sandbox context, the GDX simulator reset before each test. */
abstract class GdxSimulatorTestSupport extends SandboxTestBase {

  @Autowired TestRestTemplate rest;

  GdxClient gdx;

  @BeforeEach
  void resetSimulator() {
    gdx = new GdxClient(rest);
    gdx.reset();
  }
}
