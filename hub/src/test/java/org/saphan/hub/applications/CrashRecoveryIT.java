package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.LoadOptions;
import org.saphan.hub.platform.BrokerSettings;
import org.saphan.hub.security.keys.Pkcs12DirectoryKeyRing;
import org.saphan.hub.support.TestEnvironment;

/**
 * Nothing accepted is lost when the hub dies: the hub runs as its own process while PostgreSQL and
 * the broker run here, in the test, so a kill -9 of the hub leaves them running. Over 100
 * applications go in while the hub is killed before the relay, after the relay (route paused by an
 * operator), and right after an agency's acknowledgement arrives but before it is recorded, with
 * other deliveries the agency had registered still in flight. After the last restart every
 * application is delivered, the agency's receipt log holds exactly one message id per application
 * (the application's own), repeats carry that same id, and the dead letters are empty.
 */
class CrashRecoveryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private static final String PASSWORD = TestEnvironment.KEYSTORE_PASSWORD;
  private static final String ROUTE = "dcy-newborn-grant-model3-api-share";

  private static Path dir;
  private static Path home;
  private static Path keys;
  private static EmbeddedPostgres postgres;
  private static EmbeddedActiveMQ broker;
  private static Process sandbox;
  private static Process hub;
  private static final int HUB = TestEnvironment.freePort();
  private static final int SANDBOX = TestEnvironment.freePort();
  private static final int DIGITAL_ID = TestEnvironment.freePort();
  private static final int BROKER = TestEnvironment.freePort();

  @BeforeAll
  static void state() throws Exception {
    home = Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
    dir = Files.createTempDirectory("saphan-crash-");
    keys = dir.resolve("keys");
    Pkcs12DirectoryKeyRing.init(
            keys,
            PASSWORD.toCharArray(),
            Clock.systemUTC(),
            Duration.ofDays(3650),
            Duration.ofDays(365))
        .close();
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("postgres"))
            .setCleanDataDirectory(true)
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .start();
    Catalog catalog =
        new CatalogLoader(
                home,
                name -> Optional.of("sandbox-" + name.toLowerCase().replace('_', '-')),
                LoadOptions.sandbox())
            .loadOrThrow();
    Configuration configuration =
        new ConfigurationImpl()
            .setPersistenceEnabled(true)
            .setSecurityEnabled(false)
            .setJournalDirectory(dir.resolve("artemis/journal").toString())
            .setBindingsDirectory(dir.resolve("artemis/bindings").toString())
            .setLargeMessagesDirectory(dir.resolve("artemis/large").toString())
            .setPagingDirectory(dir.resolve("artemis/paging").toString())
            .setJournalSyncTransactional(true)
            .setJournalSyncNonTransactional(true)
            .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + BROKER);
    BrokerSettings.apply(configuration, catalog);
    broker = new EmbeddedActiveMQ();
    broker.setConfiguration(configuration);
    broker.start();
    sandbox = startSandbox();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    if (sandbox != null) {
      sandbox.destroy();
      sandbox.waitFor(20, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void shouldDeliverEveryAcceptedApplicationOnceWithItsOwnMessageIdWhenTheHubIsKilledRepeatedly()
      throws Exception {
    List<String> accepted = new ArrayList<>();

    // 1. killed before the relay: the outbox holds the applications, nothing was published
    hub = startHub("--saphan.outbox.poll-interval=1h");
    String citizen = token("citizen-somchai");
    grantConsent(citizen);
    accepted.addAll(apply(citizen, 40));
    assertThat(count("select count(*) from outbox where published_at is null")).isEqualTo(40);
    kill();

    // 2. killed after the relay: an operator paused the route, so the messages wait in the broker
    hub = startHub();
    awaitReceived(accepted);
    ops("/ops/v1/routes/" + ROUTE + "/pause");
    List<String> paused = apply(token("citizen-somchai"), 30);
    accepted.addAll(paused);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count("select count(*) from outbox where published_at is null") == 0);
    assertThat(count("select count(*) from application where status = 'submitted'")).isEqualTo(30);
    kill();

    // 3. dead after an agency's ack, before recording it, with other deliveries in flight: the
    //    agency registers each delivery and answers 1.5 s later; the hub halts itself (as kill -9
    //    would) the moment the 8th acknowledgement arrives
    hub = startHub("--saphan.delivery.crash-after-acks=8");
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\",\"latencyMillis\":1500}");
    List<String> inFlight = apply(token("citizen-somchai"), 40);
    accepted.addAll(inFlight);
    ops("/ops/v1/routes/" + ROUTE + "/resume");
    assertThat(hub.waitFor(2, TimeUnit.MINUTES)).as("the hub halts at the 8th ack").isTrue();
    assertThat(hub.exitValue()).isEqualTo(137);
    // the agency holds applications the hub never recorded as received
    assertThat((long) receiptsOf(accepted).size())
        .isGreaterThan(count("select count(*) from application where status = 'received'"));

    // 4. the last start: everything goes through
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\",\"latencyMillis\":0}");
    hub = startHub();
    awaitReceived(accepted);

    // then: one receipt per application at the agency, under the application's own message id
    assertThat(accepted).hasSize(110).doesNotHaveDuplicates();
    Map<String, String> messageIds = messageIds();
    Map<String, JsonNode> receipts = receiptsOf(accepted);
    assertThat(receipts.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
    Set<String> distinct = new HashSet<>();
    for (String id : accepted) {
      assertThat(receipts.get(id).path("messageId").asText())
          .as("message id of " + id)
          .isEqualTo(messageIds.get(id));
      distinct.add(receipts.get(id).path("messageId").asText());
    }
    assertThat(distinct).hasSize(accepted.size());
    // and the repeats (acknowledged but unrecorded, or cut off mid-delivery) came under that id
    assertThat(receipts.values())
        .anySatisfy(r -> assertThat(r.path("count").asInt()).isGreaterThan(1));
    assertThat(count("select count(*) from dead_letter")).isZero();
    assertThat(count("select count(*) from application where status <> 'received'")).isZero();
  }

  // --- the hub process ---

  private static Process startHub(String... extra) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-Dsaphan.home=" + home,
                "-jar",
                home.resolve("hub/target/saphan-hub-exec.jar").toString(),
                "--spring.profiles.active=sandbox",
                "--saphan.sandbox.embedded-state=false",
                "--server.port=" + HUB,
                "--saphan.data-dir=" + dir.resolve("hub"),
                "--saphan.keys.dir=" + keys,
                "--saphan.keys.issuer=http://localhost:" + HUB,
                "--saphan.sandbox.url=http://localhost:" + SANDBOX,
                "--saphan.identity.issuer=http://localhost:" + DIGITAL_ID + "/digitalid",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.artemis.broker-url=tcp://127.0.0.1:" + BROKER,
                "--camel.main.jmx-enabled=false"));
    command.addAll(List.of(extra));
    File log = home.resolve("hub/target/crash-recovery-hub.log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
    builder.environment().put("SAPHAN_KEYSTORE_PASSWORD", PASSWORD);
    Process process = builder.start();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(process.isAlive()).as("hub alive; see " + log).isTrue();
              assertThat(getJson(HUB, "/actuator/health").path("status").asText()).isEqualTo("UP");
            });
    return process;
  }

  /** SIGKILL: no shutdown hook, no graceful stop. */
  private static void kill() throws Exception {
    hub.destroyForcibly();
    assertThat(hub.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private static Process startSandbox() throws Exception {
    File log = home.resolve("hub/target/crash-recovery-sandbox.log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                home.resolve("sandbox/target/saphan-sandbox.jar").toString(),
                "--server.port=" + SANDBOX,
                "--sandbox.digital-id.port=" + DIGITAL_ID,
                "--sandbox.sftp.port=0",
                "--sandbox.sftp.root=" + dir.resolve("sftp"),
                "--sandbox.hub.base-url=http://localhost:" + HUB,
                "--sandbox.keys.dir=" + keys)
            .redirectErrorStream(true)
            .redirectOutput(log);
    builder.environment().put("SAPHAN_KEYSTORE_PASSWORD", PASSWORD);
    Process process = builder.start();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(process.isAlive()).as("sandbox alive; see " + log).isTrue();
              assertThat(getJson(SANDBOX, "/actuator/health").path("status").asText())
                  .isEqualTo("UP");
            });
    return process;
  }

  // --- the portal's side ---

  private static List<String> apply(String token, int count) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + HUB + "/api/v1/applications"))
                  .header("Authorization", "Bearer " + token)
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Model3TestSupport.body()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      ids.add(JSON.readTree(response.body()).path("applicationId").asText());
    }
    return ids;
  }

  private static void grantConsent(String token) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + HUB + "/api/v1/consents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"agreementId\":\"dcy-newborn-grant\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static void ops(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + HUB + path))
                .header("Authorization", "Bearer " + token("operator"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String token(String persona) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + SANDBOX
                            + "/sandbox/v1/digital-id/personas/"
                            + persona
                            + "/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  // --- what the database and the agency say ---

  private static void awaitReceived(List<String> ids) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        count(
                            "select count(*) from application where status = 'received' and id in ("
                                + quoted(ids)
                                + ")"))
                    .isEqualTo(ids.size()));
  }

  private static Map<String, JsonNode> receiptsOf(List<String> ids) throws Exception {
    Set<String> wanted = new HashSet<>(ids);
    Map<String, JsonNode> byApplication = new HashMap<>();
    for (JsonNode receipt : getJson(SANDBOX, "/sandbox/v1/agencies/dcy/receipts")) {
      String requestRef = receipt.path("requestRef").asText();
      if (wanted.contains(requestRef)) {
        JsonNode previous = byApplication.put(requestRef, receipt);
        assertThat(previous).as("a second receipt (another message id) for " + requestRef).isNull();
      }
    }
    return byApplication;
  }

  private static Map<String, String> messageIds() throws Exception {
    Map<String, String> ids = new HashMap<>();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select id, message_id from application")) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getString(2));
      }
    }
    return ids;
  }

  private static long count(String sql) throws Exception {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String quoted(List<String> ids) {
    return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
  }

  private static JsonNode getJson(int port, String path) throws IOException, InterruptedException {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static void sandboxPost(String path, String json) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + SANDBOX + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
