package org.saphan.sandbox.epayment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Stands in for the hub's {@code /payment/v1/notifications}: records every request and answers with
 * the queued statuses, then 200.
 */
final class HubStub implements AutoCloseable {

  /**
   * A request the gateway sent.
   *
   * @param contentType the Content-Type header
   * @param signature the X-JWS-Signature header
   * @param body the exact body bytes
   * @param receivedAt when the request arrived
   */
  record Received(String contentType, String signature, byte[] body, Instant receivedAt) {}

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> answers = new ArrayDeque<>();

  private HubStub(HttpServer server) {
    this.server = server;
  }

  static HubStub start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      HubStub hub = new HubStub(server);
      server.createContext("/payment/v1/notifications", hub::handle);
      server.start();
      return hub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next requests are answered with these statuses, in order. */
  synchronized void answer(int... statuses) {
    for (int s : statuses) {
      answers.addLast(s);
    }
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized void reset() {
    received.clear();
    answers.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    int status;
    synchronized (this) {
      received.add(
          new Received(
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("X-JWS-Signature"),
              body,
              Instant.now()));
      Integer next = answers.pollFirst();
      status = next == null ? 200 : next;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}
