package org.saphan.hub.security.egress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** An HTTP server on a random port that counts what reaches it; one per fixture. */
final class TestServer implements AutoCloseable {

  /** What a path answers. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  private TestServer(InetSocketAddress address) throws IOException {
    server = HttpServer.create(address, 0);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** A server on 127.0.0.1 only. */
  static TestServer onLoopback() throws IOException {
    return new TestServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /**
   * A server on every local address, so that 127.0.0.1, 0.0.0.0 and [::1] all reach it: a forbidden
   * redirect that got through would show up in its hit count.
   */
  static TestServer onEveryAddress() throws IOException {
    return new TestServer(new InetSocketAddress(0));
  }

  TestServer route(String path, Handler handler) {
    routes.put(path, handler);
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI url(String path) {
    return URI.create("http://localhost:" + port() + path);
  }

  /** Requests received, as {@code METHOD /path}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  int hits() {
    return requests.size();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
    try (exchange) {
      Handler handler = routes.get(exchange.getRequestURI().getRawPath());
      if (handler == null) {
        answer(exchange, 404, "text/plain", "not found");
      } else {
        handler.handle(exchange);
      }
    }
  }

  static Handler text(int status, String contentType, String body) {
    return exchange -> answer(exchange, status, contentType, body);
  }

  static Handler status(int status) {
    return text(status, "text/html", "<p>" + status + "</p>");
  }

  static Handler headNotAllowed() {
    return exchange -> {
      if (exchange.getRequestMethod().equals("HEAD")) {
        answer(exchange, 405, "text/plain", "");
      } else {
        answer(exchange, 200, "text/html", "<p>e-learning</p>");
      }
    };
  }

  static Handler redirect(String location) {
    return exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(302, -1);
    };
  }

  /** A body of {@code size} bytes, with a Content-Length or chunked. */
  static Handler bytes(int size, boolean declareLength) {
    return exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, declareLength ? size : 0);
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, (byte) ' ');
      try (OutputStream out = exchange.getResponseBody()) {
        for (int sent = 0; sent < size; sent += chunk.length) {
          out.write(chunk, 0, Math.min(chunk.length, size - sent));
        }
      } catch (IOException e) {
        // the client hung up once it had read enough: expected
      }
    };
  }

  /** Holds the request without answering until the server closes. */
  Handler silent() {
    return exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  private static void answer(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    boolean noBody = exchange.getRequestMethod().equals("HEAD") || bytes.length == 0;
    exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
    if (!noBody) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
