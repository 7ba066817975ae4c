package org.saphan.hub.security.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkProberTest {

  private static final Instant NOW = Instant.parse("2025-11-03T02:00:00Z");

  private TestServer eservice;
  private TestServer victim;
  private final TestDns dns = new TestDns();
  private SafeHttpClient client;
  private LinkProber prober;
  private AllowList allow;

  @BeforeEach
  void start() throws Exception {
    eservice = TestServer.onLoopback();
    victim = TestServer.onEveryAddress().route("/", TestServer.status(200));
    client = new SafeHttpClient(SafeHttpClientTest.properties(true), dns);
    prober = new LinkProber(client, Clock.fixed(NOW, ZoneOffset.UTC));
    allow = AllowList.of(List.of("localhost"), eservice.url("/agencies/dlt/e-learning"));
  }

  @AfterEach
  void stop() {
    client.close();
    eservice.close();
    victim.close();
  }

  @Test
  void shouldReportUpWhenHeadAnswers200() {
    // given
    eservice.route("/agencies/dlt/e-learning", TestServer.status(200));
    URI url = eservice.url("/agencies/dlt/e-learning");

    // when
    ProbeResult result = prober.probe(url, allow);

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.UP);
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.checkedAt()).isEqualTo(NOW);
    assertThat(result.finalUrl()).isEqualTo(url);
    assertThat(result.latencyMillis()).isNotNegative();
    assertThat(eservice.requests()).containsExactly("HEAD /agencies/dlt/e-learning");
  }

  @Test
  void shouldFallBackToGetWhenHeadIsNotAllowed() {
    // given
    eservice.route("/agencies/dlt/e-learning", TestServer.headNotAllowed());

    // when
    ProbeResult result = prober.probe(eservice.url("/agencies/dlt/e-learning"), allow);

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.UP);
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(eservice.requests())
        .containsExactly("HEAD /agencies/dlt/e-learning", "GET /agencies/dlt/e-learning");
  }

  @Test
  void shouldProbeWithGetOnlyWhenCardAsksForGet() {
    // given
    eservice.route("/agencies/led/bankruptcy-check", TestServer.status(200));

    // when
    ProbeResult result =
        prober.probe(
            eservice.url("/agencies/led/bankruptcy-check"),
            allow,
            EgressRequest.Method.GET,
            Duration.ofSeconds(5));

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.UP);
    assertThat(eservice.requests()).containsExactly("GET /agencies/led/bankruptcy-check");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {503, 500, 404, 403})
  void shouldReportDownWhenServerAnswersWithAnError(int status) {
    // given
    eservice.route("/agencies/dlt/e-learning", TestServer.status(status));

    // when
    ProbeResult result = prober.probe(eservice.url("/agencies/dlt/e-learning"), allow);

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN);
    assertThat(result.httpStatus()).isEqualTo(status);
    assertThat(result.detail()).isEqualTo("HTTP " + status);
  }

  @Test
  void shouldReportDownWithinTheTimeoutWhenServerNeverAnswers() {
    // given
    eservice.route("/agencies/dlt/e-learning", eservice.silent());
    Duration timeout = Duration.ofMillis(300);

    // when
    ProbeResult result =
        prober.probe(
            eservice.url("/agencies/dlt/e-learning"), allow, EgressRequest.Method.HEAD, timeout);

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN);
    assertThat(result.httpStatus()).isNull();
    assertThat(result.detail()).contains("no answer within 300 ms");
    assertThat(result.latencyMillis()).isBetween(250L, 1300L);
  }

  @Test
  void shouldReportDownWhenConnectionIsRefused() throws Exception {
    // given
    int closedPort;
    try (TestServer gone = TestServer.onLoopback()) {
      closedPort = gone.port();
    }
    URI url = URI.create("http://localhost:" + closedPort + "/");

    // when
    ProbeResult result = prober.probe(url, AllowList.of(List.of("localhost"), url));

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN);
    assertThat(result.detail()).contains("connection refused");
  }

  @Test
  void shouldReportUpWhenRedirectStaysOnTheAllowedOrigin() {
    // given
    eservice
        .route("/agencies/dlt/e-learning", TestServer.redirect("/agencies/dlt/e-learning/th"))
        .route("/agencies/dlt/e-learning/th", TestServer.status(200));

    // when
    ProbeResult result = prober.probe(eservice.url("/agencies/dlt/e-learning"), allow);

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.UP);
    assertThat(result.finalUrl()).isEqualTo(eservice.url("/agencies/dlt/e-learning/th"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://localhost:%d/",
        "http://127.0.0.1:%d/",
        "http://127.1:%d/",
        "http://2130706433:%d/",
        "http://[::1]:%d/",
        "http://0.0.0.0:%d/",
        "http://localhost.:%d/"
      })
  void shouldReportRefusedAndNeverTouchTargetWhenRedirectLeavesTheAllowList(String pattern) {
    // given: the sandbox's `redirect` fault, a 302 to a loopback address on another port
    String location = pattern.formatted(victim.port());
    eservice.route("/agencies/dlt/e-learning", TestServer.redirect(location));

    // when
    ProbeResult result = prober.probe(eservice.url("/agencies/dlt/e-learning"), allow);

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.REFUSED);
    assertThat(result.httpStatus()).isNull();
    assertThat(result.finalUrl()).isEqualTo(URI.create(location));
    assertThat(result.detail()).contains("refused").contains(location);
    assertThat(victim.hits()).isZero();
  }

  @Test
  void shouldReportRefusedWhenAllowedHostResolvesToMetadataAddress() {
    // given
    dns.answer("e-service.example.go.th", "169.254.169.254");
    URI url = URI.create("https://e-service.example.go.th/start");

    // when
    ProbeResult result = prober.probe(url, AllowList.of(List.of("e-service.example.go.th"), url));

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.REFUSED);
    assertThat(result.detail()).contains("169.254.169.254").contains("link-local");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"file:///etc/passwd", "ftp://localhost/", "http://u:p@localhost/"})
  void shouldReportRefusedWhenCardUrlIsNotHttpOrCarriesUserinfo(String url) {
    // when
    ProbeResult result = prober.probe(URI.create(url), allow);

    // then
    assertThat(result.status()).isEqualTo(ProbeResult.Status.REFUSED);
    assertThat(result.finalUrl()).isEqualTo(URI.create(url));
  }
}
