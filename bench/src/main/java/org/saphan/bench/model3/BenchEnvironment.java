package org.saphan.bench.model3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.saphan.hub.security.keys.KeysCommand;

/**
 * What one model-3 benchmark run stands on: a Saphan home of its own (the project's routes,
 * connectors, mappings and batch folders, with the DCY card's limits raised so the card does not
 * cap the load), a fresh key directory made by the hub's {@link KeysCommand}, a fresh data
 * directory, and the sandbox and the hub started as separate processes on free ports, the way
 * {@code ./saphan run} starts them. {@link #close()} stops both (also from a shutdown hook).
 */
final class BenchEnvironment implements AutoCloseable {

  /** The card whose deliveries are measured, and its route. */
  static final String CARD = "dcy-newborn-grant";

  static final String ROUTE = CARD + "-model3-api-share";

  private static final Pattern LIMITS =
      Pattern.compile(
          "(?m)^(\\s+limits:\\s*\\n\\s+concurrency:\\s*)\\d+(\\s*\\n\\s+ratePerSecond:\\s*)[0-9.]+");

  private final Path project;
  private final Path root;
  private final Path home;
  private final Path keys;
  private final Path data;
  private final Path logs;
  private final String password = "bench-" + UUID.randomUUID();
  final int hubPort = freePort();
  final int managementPort = freePort();
  final int sandboxPort = freePort();
  final int digitalIdPort = freePort();
  final int sftpPort = freePort();
  final int postgresPort = freePort();
  private final List<String> hubJavaOptions;
  private final List<String> hubArguments;
  private final boolean keep;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process sandbox;
  private Process hub;
  private final Thread hook = new Thread(this::stopProcesses, "model3-bench-stop");

  BenchEnvironment(
      Path project, List<String> hubJavaOptions, List<String> hubArguments, boolean keep)
      throws IOException {
    this.project = project;
    this.hubJavaOptions = hubJavaOptions;
    this.hubArguments = hubArguments;
    this.keep = keep;
    this.root = Files.createTempDirectory("saphan-bench-model3-");
    this.home = root.resolve("home");
    this.keys = root.resolve("keys");
    this.data = root.resolve("data");
    this.logs = root.resolve("logs");
    Files.createDirectories(logs);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Copies the home, raises the card's limits, creates the keys. */
  void prepare(int concurrency, int ratePerSecond) throws IOException {
    for (String folder : List.of("routes", "connectors", "mappings", "batch")) {
      copyTree(project.resolve(folder), home.resolve(folder));
    }
    Path card = home.resolve("connectors").resolve(CARD + ".connector.yaml");
    Files.writeString(card, raiseLimits(Files.readString(card), concurrency, ratePerSecond));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        new KeysCommand(Map.of(KeysCommand.PASSWORD_ENV, password), Clock.systemUTC(), keys)
            .run(
                new String[] {"init", "--dir", keys.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException("keys init failed: " + out.toString(StandardCharsets.UTF_8));
    }
  }

  /** The card text with {@code api.limits} set to the given values (fails when absent). */
  static String raiseLimits(String cardYaml, int concurrency, int ratePerSecond) {
    Matcher m = LIMITS.matcher(cardYaml);
    if (!m.find()) {
      throw new IllegalStateException("the card has no api.limits {concurrency, ratePerSecond}");
    }
    return m.replaceFirst("$1" + concurrency + "$2" + ratePerSecond);
  }

  /** Starts the sandbox, then the hub, and waits until both are ready. */
  void start(Duration timeout) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path sandboxJar = project.resolve("sandbox/target/saphan-sandbox.jar");
    Path hubJar = project.resolve("hub/target/saphan-hub-exec.jar");
    for (Path jar : List.of(sandboxJar, hubJar)) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar + " is missing: build catalog, sandbox and hub first");
      }
    }
    List<String> sandboxCommand =
        List.of(
            java.toString(),
            "-Xmx512m",
            "-jar",
            sandboxJar.toString(),
            "--server.port=" + sandboxPort,
            "--sandbox.hub.base-url=" + hubUrl(),
            "--sandbox.keys.dir=" + keys,
            "--sandbox.digital-id.port=" + digitalIdPort,
            "--sandbox.sftp.port=" + sftpPort,
            "--sandbox.sftp.root=" + data.resolve("sftp"),
            // Keep every receipt of the run (the default book forgets beyond 50 000).
            "--sandbox.agencies.dcy.max-receipts=2000000");
    sandbox = launch(sandboxCommand, logs.resolve("sandbox.log"));
    List<String> hubCommand = new ArrayList<>();
    hubCommand.add(java.toString());
    hubCommand.add("-Xmx1g");
    hubCommand.addAll(hubJavaOptions);
    hubCommand.addAll(
        List.of(
            "-Dsaphan.home=" + home,
            "-jar",
            hubJar.toString(),
            "--spring.profiles.active=sandbox",
            "--server.port=" + hubPort,
            "--management.server.port=" + managementPort,
            "--saphan.data-dir=" + data,
            "--saphan.sandbox.broker-port=0",
            "--saphan.sandbox.postgres-port=" + postgresPort,
            "--saphan.sandbox.postgres-durable=true",
            "--saphan.keys.dir=" + keys,
            "--saphan.sandbox.url=" + sandboxUrl(),
            "--saphan.identity.issuer=http://localhost:" + digitalIdPort + "/digitalid"));
    hubCommand.addAll(hubArguments);
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitHealthy("sandbox", sandbox, sandboxUrl() + "/actuator/health", deadline);
    hub = launch(hubCommand, logs.resolve("hub.log"));
    awaitHealthy(
        "hub", hub, "http://localhost:" + managementPort + "/actuator/health/readiness", deadline);
  }

  private Process launch(List<String> command, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put(KeysCommand.PASSWORD_ENV, password);
    builder.environment().put("SAPHAN_HOME", home.toString());
    return builder.start();
  }

  private void awaitHealthy(String name, Process process, String url, long deadline)
      throws InterruptedException {
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the " + name + " exited (" + process.exitValue() + "); see " + logs);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the " + name + " was not ready in time; see " + logs);
  }

  String hubUrl() {
    return "http://localhost:" + hubPort;
  }

  String sandboxUrl() {
    return "http://localhost:" + sandboxPort;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
  }

  Path keys() {
    return keys;
  }

  char[] password() {
    return password.toCharArray();
  }

  Path home() {
    return home;
  }

  Path logs() {
    return logs;
  }

  Path dataDir() {
    return data;
  }

  long hubPid() {
    return hub.pid();
  }

  long sandboxPid() {
    return sandbox.pid();
  }

  @Override
  public void close() {
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    if (!keep) {
      deleteTree(root, logs);
    }
  }

  /** Stops the hub (gracefully: it stops its PostgreSQL and broker), then the sandbox. */
  private synchronized void stopProcesses() {
    stop(hub);
    // A hub that had to be killed leaves its PostgreSQL running: stop that too.
    Path pidFile = data.resolve("postgres/postmaster.pid");
    if (Files.isRegularFile(pidFile)) {
      try (Stream<String> lines = Files.lines(pidFile)) {
        lines
            .findFirst()
            .map(String::trim)
            .map(Long::parseLong)
            .flatMap(ProcessHandle::of)
            .ifPresent(ProcessHandle::destroy);
      } catch (IOException | RuntimeException e) {
        // best effort
      }
    }
    stop(sandbox);
  }

  private static void stop(Process process) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes the run folder, keeping the logs folder when {@code except} is not null. */
  private static void deleteTree(Path root, Path except) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .filter(p -> except == null || !p.startsWith(except))
          .filter(p -> !p.equals(root))
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }

  /** A TCP port that was free a moment ago. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
