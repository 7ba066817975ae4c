package org.saphan.sandbox.agency;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import org.junit.jupiter.api.BeforeAll;
import org.saphan.sandbox.SandboxTestBase;
import org.saphan.sandbox.TestHub;
import org.saphan.sandbox.common.FakeHub;
import org.saphan.sandbox.common.TestPki;

/**
 * The shared sandbox context, with the keys of {@link TestPki} in its key directory (the {@code
 * agency-rest} party key in the {@code ./saphan keys init} layout), the hub's keys of that PKI
 * published in the test hub's JWKS, and a {@link FakeHub} on the test hub recording the status
 * callbacks (and any request an XXE payload must never cause).
 */
abstract class AgencyIntegrationTest extends SandboxTestBase {

  static TestPki pki;
  static FakeHub hub;

  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Made once per JVM, like the shared context that reads the keys and calls the hub. */
  private static final class Parties {
    static final TestPki PKI = TestPki.shared();
    static final FakeHub HUB = FakeHub.mountedOn(TestHub.get());

    static {
      PKI.writeTo(keysDir());
      try {
        JWKSet.parse(PKI.hubJwks()).getKeys().forEach(TestHub.get()::publish);
      } catch (ParseException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @BeforeAll
  static void parties() {
    pki = Parties.PKI;
    hub = Parties.HUB;
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
