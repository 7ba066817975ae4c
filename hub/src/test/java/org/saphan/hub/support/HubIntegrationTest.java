package org.saphan.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.saphan.hub.SaphanApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one shared integration-test context: the whole hub in the sandbox profile with a real
 * PostgreSQL and Artemis, talking to the sandbox process over the wire. Subclasses add no
 * configuration of their own, so Spring caches a single context for the whole suite (no per-test
 * beans, no dirtied contexts). {@link ApiObservations} records every answer of the suite for the
 * last test class, {@code ApiDescriptionIT}.
 */
@AutoConfigureObservability
@SpringBootTest(
    classes = SaphanApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles({"sandbox", "test"})
@Import(ApiObservations.class)
public abstract class HubIntegrationTest {

  protected static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  protected static final TestEnvironment ENV = TestEnvironment.get();

  private static final com.fasterxml.jackson.databind.ObjectMapper PROBLEMS =
      new com.fasterxml.jackson.databind.ObjectMapper();

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
    registry.add("management.server.port", ENV::managementPort);
    // Camel's MBeans, as in ./saphan run: the management-plane tests aim Jolokia at real routes.
    registry.add("camel.main.jmx-enabled", () -> "true");
    registry.add("saphan.data-dir", () -> ENV.dataDir().toString());
    registry.add("saphan.keys.dir", () -> ENV.keysDir().toString());
    registry.add("saphan.keys.issuer", ENV::hubUrl);
    registry.add("saphan.sandbox.url", ENV::sandboxUrl);
    registry.add("saphan.identity.issuer", ENV::digitalIdIssuer);
    // e-Payment: the sandbox bank's SFTP port.
    registry.add("saphan.reconciliation.sftp.port", ENV::sftpPort);
    // The message log's archive store: the same sandbox SFTP server, user saphan-archive.
    registry.add("saphan.evidence.archive.sftp.port", ENV::sftpPort);
    // Batch cards written for the sandbox's SFTP server (the DOAE inbox): re-pointed to it.
    registry.add("saphan.sandbox.sftp-port", ENV::sftpPort);
  }

  /** A GET on the sandbox (its operator and inspection endpoints), parsed as JSON. */
  protected static JsonNode sandbox(String path) throws Exception {
    return PROBLEMS.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(ENV.sandboxUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  /** A JSON POST to the sandbox (fault switches, simulated payments, agency decisions). */
  protected static HttpResponse<String> sandboxPost(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(ENV.sandboxUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The hub answered {@code status} with a problem whose {@code code} is {@code code}. */
  protected static void assertProblem(HttpResponse<String> response, int status, String code)
      throws Exception {
    org.assertj.core.api.Assertions.assertThat(response.statusCode())
        .as(response.body())
        .isEqualTo(status);
    org.assertj.core.api.Assertions.assertThat(
            PROBLEMS.readTree(response.body()).path("code").asText())
        .as(response.body())
        .isEqualTo(code);
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

  /** A GET on the management port (actuator: health, Prometheus, Hawtio, Jolokia). */
  protected HttpResponse<String> management(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(ENV.managementUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
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
