package org.saphan.sandbox;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole sandbox on random ports, the Digital ID server included, with {@link TestHub} as the
 * hub; one Spring context shared by every test class that extends this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SandboxTestBase {

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void sandbox(DynamicPropertyRegistry registry) {
    registry.add("sandbox.digital-id.port", () -> 0);
    registry.add("sandbox.hub.base-url", () -> TestHub.get().baseUrl());
    // Key rotation is tested back to back with forged key ids: no JWKS rate limit here.
    registry.add("sandbox.eservice.jwks-min-refresh-interval", () -> "0s");
  }

  protected String url(String path) {
    return "http://localhost:" + port + path;
  }
}
