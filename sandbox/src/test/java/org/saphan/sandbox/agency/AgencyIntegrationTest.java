package org.saphan.sandbox.agency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.sandbox.SandboxApplication;
import org.saphan.sandbox.common.FakeHub;
import org.saphan.sandbox.common.PartyKeys;
import org.saphan.sandbox.common.TestPki;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole sandbox on a random port, its keys generated into a {@code @TempDir} in the {@code
 * ./saphan keys init} layout, and a {@link FakeHub} (JWKS + callback sink) on another random port.
 */
@SpringBootTest(
    classes = SandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class AgencyIntegrationTest {

  @TempDir static Path keysDir;

  static TestPki pki;
  static FakeHub hub;

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @BeforeAll
  static void startParties() {
    pki = TestPki.create(keysDir);
    hub = FakeHub.start(pki.hubJwks());
  }

  @AfterAll
  static void stopParties() {
    hub.close();
  }

  @DynamicPropertySource
  static void parties(DynamicPropertyRegistry registry) {
    registry.add("sandbox.hub.base-url", () -> hub.baseUrl());
    registry.add("sandbox.hub.jwks-refresh-min-interval", () -> "0s");
    registry.add("sandbox.keys.dir", () -> keysDir.toString());
    registry.add(PartyKeys.PASSWORD_ENV, () -> TestPki.PASSWORD);
    registry.add("sandbox.agencies.dcy.callback.initial-backoff", () -> "20ms");
    registry.add("sandbox.agencies.dcy.callback.max-backoff", () -> "100ms");
    registry.add("sandbox.agencies.dcy.callback.max-attempts", () -> "5");
    // The sandbox's other simulators are not under test here; keep them off fixed ports.
    registry.add("sandbox.digital-id.port", () -> "0");
    registry.add("sandbox.sftp.port", () -> "0");
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  HttpResponse<String> post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
  }

  HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE().build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A file of the project, from saphan.home (set by Maven) or the module's parent. */
  static String projectFile(String relative) {
    String home = System.getProperty("saphan.home");
    Path root = home == null || home.isBlank() ? Path.of("..") : Path.of(home);
    try {
      return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A test resource as text. */
  static String resource(String name) {
    try (var in = AgencyIntegrationTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
