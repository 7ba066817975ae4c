package org.saphan.sandbox.gdx;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The sandbox on a random port, the GDX simulator reset before each test. Other simulators' fixed
 * ports are moved to free ones so the tests never collide with a running sandbox.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sandbox.digital-id.port=0", "sandbox.sftp.port=0"})
abstract class GdxSimulatorTestSupport {

  @Autowired TestRestTemplate rest;

  GdxClient gdx;

  @BeforeEach
  void resetSimulator() {
    gdx = new GdxClient(rest);
    gdx.reset();
  }
}
