package org.saphan.bench.model3;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The model-3 benchmark's own parts, in-process and in a few seconds (the benchmark itself forks
 * the sandbox and the hub, which the unit-test phase does not): the card's limits are raised in the
 * bench's copy, and the open-model driver offers its rate and measures every answer.
 */
class Model3BenchSmokeTest {

  @Test
  void shouldRaiseTheDcyCardLimitsWhenTheBenchCopiesTheHome() throws Exception {
    // given
    String card =
        Files.readString(
            Path.of(System.getProperty("saphan.home", ".."))
                .resolve("connectors/dcy-newborn-grant.connector.yaml"));
    // when
    String raised = BenchEnvironment.raiseLimits(card, 32, 1000);
    // then
    assertThat(raised).contains("    concurrency: 32\n    ratePerSecond: 1000");
    assertThat(raised.replace("concurrency: 32", "").replace("ratePerSecond: 1000", ""))
        .isEqualTo(
            card.replaceFirst("concurrency: \\d+", "").replaceFirst("ratePerSecond: [0-9.]+", ""));
  }

  @Test
  void shouldAnswerEveryRequestWhenTheOpenModelOffersItsRate() throws Exception {
    // given
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/apply");
    try (LoadDriver load = new LoadDriver()) {
      // when
      LoadDriver.Result result =
          load.open(
              "smoke",
              i ->
                  HttpRequest.newBuilder(uri)
                      .POST(HttpRequest.BodyPublishers.ofString("{\"i\":" + i + "}"))
                      .build(),
              s -> s == 202,
              100,
              Duration.ofSeconds(1),
              100);
      // then
      assertThat(result.sent()).isEqualTo(100);
      assertThat(result.ok()).isEqualTo(100);
      assertThat(result.failed() + result.unsent()).isZero();
      assertThat(result.latency().getTotalCount()).isEqualTo(100);
      assertThat(result.millis(50)).isPositive();
    } finally {
      server.stop(0);
    }
  }
}
