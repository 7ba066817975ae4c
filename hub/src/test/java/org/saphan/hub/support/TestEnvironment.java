package org.saphan.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the shared integration-test context runs on, made once per test JVM: a fresh data directory
 * (PostgreSQL cluster, Artemis journal), a key directory made the way {@code ./saphan keys init}
 * makes it (a copy of the JVM's {@link KeyRingTemplate}), and the sandbox (simulated agencies, GDX,
 * Digital ID, e-Payment) running as its own process, as another party.
 */
public final class TestEnvironment {

  /** The keystore password of the test key directory (test-only, generated key material). */
  public static final String KEYSTORE_PASSWORD = "saphan-test-keystore";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestEnvironment instance;

  private final Path home;
  private final Path dataDir;
  private final Path keysDir;
  private final int hubPort = freePort();
  private final int managementPort = freePort();
  private final int sandboxPort = freePort();
  private final int digitalIdPort = freePort();
  private final int sftpPort = freePort();
  private Process sandbox;

  private TestEnvironment() {
    home = Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
    try {
      dataDir =
          Files.createDirectories(
              Path.of(
                  System.getProperty("java.io.tmpdir"), "saphan-it", UUID.randomUUID().toString()));
      keysDir = dataDir.resolve("keys");
      KeyRingTemplate.copyTo(keysDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The hub reads the password like any secret: from the environment, or a property of that name.
    System.setProperty("SAPHAN_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
    startSandbox();
  }

  /** The one environment of this JVM. */
  public static synchronized TestEnvironment get() {
    if (instance == null) {
      instance = new TestEnvironment();
    }
    return instance;
  }

  private void startSandbox() {
    Path jar = home.resolve("sandbox/target/saphan-sandbox.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the sandbox module first (mvn verify builds it before hub)");
    }
    File log = home.resolve("hub/target/sandbox-it.log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar.toString(),
                    "--server.port=" + sandboxPort,
                    "--sandbox.digital-id.port=" + digitalIdPort,
                    "--sandbox.sftp.port=" + sftpPort,
                    "--sandbox.sftp.root=" + dataDir.resolve("sftp"),
                    "--sandbox.hub.base-url=" + hubUrl(),
                    "--sandbox.keys.dir=" + keysDir))
            .redirectErrorStream(true)
            .redirectOutput(log);
    builder.environment().put("SAPHAN_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
    try {
      sandbox = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> sandbox.destroy()));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!sandbox.isAlive()) {
        throw new IllegalStateException("the sandbox exited; see " + log);
      }
      try {
        HttpResponse<String> health =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(sandboxUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        sandbox.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the sandbox did not become healthy in 120 s; see " + log);
  }

  /** A Digital ID access token for a sandbox persona (e.g. {@code citizen-somchai}). */
  public String token(String persona) {
    return token(persona, "{}");
  }

  /** A token for a persona with options (see sandbox/CONTRACTS.md: expiresInSeconds, ...). */
  public String token(String persona, String optionsJson) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          sandboxUrl() + "/sandbox/v1/digital-id/personas/" + persona + "/token"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(optionsJson))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("no token for " + persona + ": " + response.body());
      }
      JsonNode body = JSON.readTree(response.body());
      return body.path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Path home() {
    return home;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path keysDir() {
    return keysDir;
  }

  public int hubPort() {
    return hubPort;
  }

  /** The hub's management port (actuator: health, Prometheus, Hawtio, Jolokia). */
  public int managementPort() {
    return managementPort;
  }

  public String managementUrl() {
    return "http://localhost:" + managementPort;
  }

  public String hubUrl() {
    return "http://localhost:" + hubPort;
  }

  public String sandboxUrl() {
    return "http://localhost:" + sandboxPort;
  }

  public String digitalIdIssuer() {
    return "http://localhost:" + digitalIdPort + "/digitalid";
  }

  public int sftpPort() {
    return sftpPort;
  }

  /**
   * A port free now and outside the kernel's ephemeral range: a port the kernel hands out ({@code
   * new ServerSocket(0)}) can be taken again, as the source port of an outgoing connection (the
   * hub's own PostgreSQL pool, the sandbox's clients), before the process it was chosen for binds
   * it — which failed a run with "Port ... is already in use".
   */
  public static int freePort() {
    int below = ephemeralLowerBound();
    int from = Math.max(1024, below - 12_000);
    if (from >= below) {
      from = 1024;
    }
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(from, below);
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new java.net.InetSocketAddress(port));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first port of the kernel's ephemeral range (Linux), 32768 when unknown. */
  private static int ephemeralLowerBound() {
    try {
      // read as a stream: procfs reports a size of 0, which Files.readString trusts
      String range;
      try (var in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
        range = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
      }
      int lower = Integer.parseInt(range.split("\\s+")[0]);
      return lower > 2048 ? lower : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
