package org.saphan.sandbox.epayment;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.saphan.sandbox.TestHub;

/**
 * Stands in for the hub's {@code /payment/v1/notifications}: records every request and answers with
 * the queued statuses, then 200. It is routed on the shared {@link TestHub}, the hub of the shared
 * test context, at the sandbox's default notification path.
 */
final class HubStub {

  static final String PATH = "/payment/v1/notifications";

  /**
   * A request the gateway sent.
   *
   * @param contentType the Content-Type header
   * @param signature the X-JWS-Signature header
   * @param body the exact body bytes
   * @param receivedAt when the request arrived
   */
  record Received(String contentType, String signature, byte[] body, Instant receivedAt) {}

  private final String baseUrl;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> answers = new ArrayDeque<>();

  private HubStub(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Routes the notification path of the test hub here; at most once per test hub. */
  static HubStub mountedOn(TestHub host) {
    HubStub hub = new HubStub(host.baseUrl());
    host.route(PATH, hub::handle);
    return hub;
  }

  String baseUrl() {
    return baseUrl;
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
