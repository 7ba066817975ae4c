package org.saphan.hub.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.saphan.hub.SaphanApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one shared integration-test context: the whole hub in the sandbox profile with a real
 * PostgreSQL and Artemis, talking to the sandbox process over the wire. Subclasses add no
 * configuration of their own, so Spring caches a single context for the whole suite (no per-test
 * beans, no dirtied contexts).
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = SaphanApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles({"sandbox", "test"})
public abstract class HubIntegrationTest {

  protected static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  protected static final TestEnvironment ENV = TestEnvironment.get();

  /** Every hub log line of the suite, for the personal-data scan. */
  protected static final LogCapture LOGS = LogCapture.install();

  /** Spring Boot re-initialises logging when the context starts: keep the capture attached. */
  @org.junit.jupiter.api.BeforeEach
  void keepCapturingLogs() {
    LogCapture.attach();
  }

  @DynamicPropertySource
  static void environment(DynamicPropertyRegistry registry) {
    registry.add("server.port", ENV::hubPort);
    registry.add("saphan.data-dir", () -> ENV.dataDir().toString());
    registry.add("saphan.keys.dir", () -> ENV.keysDir().toString());
    registry.add("saphan.keys.issuer", ENV::hubUrl);
    registry.add("saphan.sandbox.url", ENV::sandboxUrl);
    registry.add("saphan.identity.issuer", ENV::digitalIdIssuer);
    // e-Payment: the sandbox bank's SFTP port, and the reconciliation's crash-injection test hook.
    registry.add("saphan.reconciliation.sftp.port", ENV::sftpPort);
    registry.add("saphan.reconciliation.fault-injection", () -> "true");
  }

  protected URI uri(String path) {
    return URI.create(ENV.hubUrl() + path);
  }

  /** A Digital ID access token for a sandbox persona. */
  protected static String token(String persona) {
    return ENV.token(persona);
  }

  protected HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET as a persona. */
  protected HttpResponse<String> get(String path, String persona) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + token(persona))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request as a persona. */
  protected HttpResponse<String> send(HttpRequest.Builder request, String persona)
      throws Exception {
    return HTTP.send(
        request.header("Authorization", "Bearer " + token(persona)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
