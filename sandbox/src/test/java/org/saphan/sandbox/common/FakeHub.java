package org.saphan.sandbox.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.saphan.sandbox.TestHub;

/**
 * A stand-in for the hub on a random loopback port: serves a JWKS at {@code /.well-known/jwks.json}
 * and records whatever else is sent to it (status callbacks, or requests an XXE payload must never
 * cause), answering with scripted statuses.
 *
 * <p>{@link #mountedOn(TestHub)} makes one without a server of its own: it records what reaches the
 * shared {@link TestHub} (the hub of the shared test context), whose JWKS is the one served.
 */
public final class FakeHub implements AutoCloseable {

  /**
   * One request the fake hub received.
   *
   * @param method HTTP method
   * @param path request path
   * @param headers headers, names in lower case (first value)
   * @param body the body bytes
   * @param answeredWith the status the fake hub answered
   */
  public record Received(
      String method, String path, Map<String, String> headers, byte[] body, int answeredWith) {

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Own server, or null when mounted on the test hub. */
  private final HttpServer server;

  private final ExecutorService executor;
  private final String baseUrl;
  private final AtomicReference<String> jwks;
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final Deque<Integer> script = new ConcurrentLinkedDeque<>();

  private FakeHub(String jwks) throws IOException {
    this.jwks = new AtomicReference<>(jwks);
    executor = Executors.newFixedThreadPool(4);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/.well-known/jwks.json", this::serveJwks);
    server.createContext("/", this::record);
    server.setExecutor(executor);
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private FakeHub(TestHub host) {
    this.jwks = null;
    this.executor = null;
    this.server = null;
    this.baseUrl = host.baseUrl();
    host.route("/", this::record);
  }

  /** Starts a fake hub publishing this JWKS. */
  public static FakeHub start(String jwks) {
    try {
      return new FakeHub(jwks);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Records every request that reaches the test hub and no other of its paths takes (the test hub
   * serves its own JWKS). At most one per test hub, and it lives as long as the test hub.
   */
  public static FakeHub mountedOn(TestHub host) {
    return new FakeHub(host);
  }

  public String baseUrl() {
    return baseUrl;
  }

  /**
   * A {@link HubTrust} of this hub's JWKS as an agency holds it (cached 5 minutes, refetched on a
   * miss with no minimum interval), on the given clock.
   */
  public HubTrust trust(Clock clock) {
    return new HubTrust(
        new HubProperties(
            baseUrl,
            "",
            Duration.ofMinutes(5),
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofSeconds(300)),
        HttpClient.newHttpClient(),
        clock);
  }

  public int port() {
    return java.net.URI.create(baseUrl).getPort();
  }

  /** Publishes another JWKS (key rotation). */
  public void publish(String jwks) {
    ownJwks().set(jwks);
  }

  public int jwksFetches() {
    ownJwks();
    return jwksFetches.get();
  }

  /** The statuses to answer the next requests with, in order; afterwards 200. */
  public void answerNext(Integer... statuses) {
    script.addAll(List.of(statuses));
  }

  /** Everything received except JWKS fetches, in arrival order. */
  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** Received requests whose path starts with the prefix. */
  public List<Received> received(String pathPrefix) {
    return received.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  public void reset() {
    received.clear();
    script.clear();
  }

  /** Stops the own server; a mounted fake hub stays with the test hub. */
  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private AtomicReference<String> ownJwks() {
    if (jwks == null) {
      throw new IllegalStateException("mounted on the test hub: publish keys with TestHub");
    }
    return jwks;
  }

  private void serveJwks(HttpExchange exchange) throws IOException {
    jwksFetches.incrementAndGet();
    byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private void record(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
    Integer scripted = script.pollFirst();
    int status = scripted == null ? 200 : scripted;
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            headers,
            body,
            status));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}
