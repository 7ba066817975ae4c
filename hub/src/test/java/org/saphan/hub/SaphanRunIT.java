package org.saphan.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start as a newcomer runs it: {@code ./saphan run} as a real process on a fresh data
 * directory, killed hard and started again, then stopped with Ctrl-C (SIGINT).
 */
class SaphanRunIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path data;
  private final int hubPort = freePort();
  private final int managementPort = freePort();
  private final int sandboxPort = freePort();
  private final int brokerPort = freePort();
  private Process launcher;

  @AfterEach
  void stopLeftovers() {
    if (launcher != null && launcher.isAlive()) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  @Test
  void shouldKeepDataAndQueuedMessagesWhenHubIsKilledAndStartedAgain() throws Exception {
    // given: a first start on a fresh data directory
    launcher = start("first");
    awaitHealthy();
    assertThat(startCount()).isEqualTo(1);
    String body = "durable-" + UUID.randomUUID();
    sendPersistent("saphan.it.durability", body);

    // when: the process holding the broker and database is killed with SIGKILL
    long hubPid = Long.parseLong(Files.readString(data.resolve("hub.pid")).trim());
    ProcessHandle.of(hubPid).orElseThrow().destroyForcibly();
    assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).isNotZero();

    // then: a second start sees the first's data and the accepted message
    launcher = start("second");
    awaitHealthy();
    assertThat(startCount()).isEqualTo(2);
    assertThat(receive("saphan.it.durability")).isEqualTo(body);

    // and Ctrl-C stops everything cleanly with exit code 0
    new ProcessBuilder("kill", "-INT", Long.toString(launcher.pid())).start().waitFor();
    assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue()).isZero();
    assertThat(ProcessHandle.of(hubPid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
  }

  private Process start(String name) throws IOException {
    Path home = Path.of(System.getProperty("saphan.home"));
    File log = home.resolve("hub/target/saphan-run-" + name + ".log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("saphan").toString(), "run")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log);
    builder.environment().put("SAPHAN_NO_BUILD", "1");
    builder.environment().put("SAPHAN_DATA", data.toString());
    builder.environment().put("SAPHAN_KEYS_DIR", data.resolve("keys").toString());
    builder.environment().remove("SAPHAN_KEYSTORE_PASSWORD");
    builder.environment().put("SAPHAN_HUB_PORT", Integer.toString(hubPort));
    builder.environment().put("SAPHAN_MANAGEMENT_PORT", Integer.toString(managementPort));
    builder.environment().put("SAPHAN_SANDBOX_PORT", Integer.toString(sandboxPort));
    builder.environment().put("SAPHAN_BROKER_PORT", Integer.toString(brokerPort));
    builder.environment().put("SAPHAN_DIGITAL_ID_PORT", Integer.toString(freePort()));
    builder.environment().put("SAPHAN_SFTP_PORT", Integer.toString(freePort()));
    builder.environment().put("SAPHAN_JAVA_OPTS", "-Xmx512m");
    builder.environment().put("SAPHAN_SANDBOX_JAVA_OPTS", "-Xmx256m");
    return builder.start();
  }

  private void awaitHealthy() {
    await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(launcher.isAlive()).as("launcher alive").isTrue();
              JsonNode health = getJson(managementPort, "/actuator/health");
              assertThat(health.path("status").asText()).isEqualTo("UP");
              assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
              assertThat(health.at("/components/jms/status").asText()).isEqualTo("UP");
              assertThat(getJson(sandboxPort, "/actuator/health").path("status").asText())
                  .isEqualTo("UP");
            });
  }

  private long startCount() throws Exception {
    return getJson(hubPort, "/ops/v1/status").at("/starts/starts").asLong();
  }

  private static JsonNode getJson(int port, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private void sendPersistent(String queueName, String text) throws Exception {
    try (ActiveMQConnectionFactory factory = broker();
        Connection connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      Queue queue = session.createQueue(queueName);
      MessageProducer producer = session.createProducer(queue);
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      // A durable send blocks until the broker has the message on disk.
      producer.send(session.createTextMessage(text));
    }
  }

  private String receive(String queueName) throws Exception {
    try (ActiveMQConnectionFactory factory = broker();
        Connection connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      connection.start();
      MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
      TextMessage message = (TextMessage) consumer.receive(10_000);
      return message == null ? null : message.getText();
    }
  }

  private ActiveMQConnectionFactory broker() {
    return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
  }

  private static int freePort() {
    return org.saphan.hub.support.TestEnvironment.freePort();
  }
}
