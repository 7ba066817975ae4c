package org.saphan.hub.security.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class SafeHttpClientTest {

  static final long MAX_BYTES = 64 * 1024;

  private TestServer agency;
  private TestServer victim;
  private final TestDns dns = new TestDns();
  private SafeHttpClient sandboxClient;
  private AllowList allow;

  static EgressProperties properties(boolean allowLoopback, String... privateCidrs) {
    EgressProperties properties = new EgressProperties();
    properties.setAllowLoopback(allowLoopback);
    properties.setAllowedPrivateCidrs(List.of(privateCidrs));
    properties.setConnectTimeout(Duration.ofSeconds(1));
    properties.setReadTimeout(Duration.ofSeconds(2));
    properties.setMaxResponseBytes(MAX_BYTES);
    properties.setMaxRedirects(3);
    return properties;
  }

  @BeforeEach
  void startServers() throws Exception {
    agency = TestServer.onLoopback();
    victim = TestServer.onEveryAddress().route("/", TestServer.status(200));
    sandboxClient = new SafeHttpClient(properties(true), dns);
    allow = AllowList.of(List.of("localhost"), agency.url("/start"));
  }

  @AfterEach
  void stopServers() {
    sandboxClient.close();
    agency.close();
    victim.close();
  }

  @Test
  void shouldReturnAnswerAndTimingsWhenUrlIsAllowed() {
    // given
    agency.route("/start", TestServer.text(200, "text/html", "<p>hello</p>"));

    // when
    EgressResponse response = sandboxClient.execute(EgressRequest.get(agency.url("/start")), allow);

    // then
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("text/html");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("<p>hello</p>");
    assertThat(response.finalUrl()).isEqualTo(agency.url("/start"));
    assertThat(response.redirects()).isZero();
    assertThat(response.elapsedMillis()).isNotNegative();
    assertThat(agency.requests()).containsExactly("GET /start");
  }

  @Test
  void shouldFollowRedirectWhenItStaysOnTheAllowedOrigin() {
    // given
    agency.route("/start", TestServer.redirect("/login")).route("/login", TestServer.status(200));

    // when
    EgressResponse response = sandboxClient.execute(EgressRequest.get(agency.url("/start")), allow);

    // then
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.finalUrl()).isEqualTo(agency.url("/login"));
    assertThat(response.redirects()).isEqualTo(1);
    assertThat(agency.requests()).containsExactly("GET /start", "GET /login");
  }

  @Test
  void shouldReachOtherPortWhenItIsListedExplicitly() {
    // given: the control case for the hit counter of the refused-redirect tests
    String location = "http://localhost:" + victim.port() + "/";
    agency.route("/start", TestServer.redirect(location));
    AllowList both =
        AllowList.of(List.of("localhost", "localhost:" + victim.port()), agency.url("/start"));

    // when
    EgressResponse response = sandboxClient.execute(EgressRequest.get(agency.url("/start")), both);

    // then
    assertThat(response.status()).isEqualTo(200);
    assertThat(victim.hits()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "http://localhost:{victim}/, port_not_allowed",
    "http://127.0.0.1:{victim}/, host_not_allowed",
    "http://127.1:{victim}/, host_not_allowed",
    "http://2130706433:{victim}/, host_not_allowed",
    "http://0x7f.0.0.1:{victim}/, host_not_allowed",
    "'http://[::1]:{victim}/', host_not_allowed",
    "http://0.0.0.0:{victim}/, host_not_allowed",
    "http://localhost.:{victim}/, host_not_allowed",
    "http://localhost.:{agency}/, host_not_allowed",
    "http://user:pw@localhost:{agency}/, userinfo_not_allowed",
    "file:///etc/passwd, scheme_not_allowed",
    "ftp://localhost:{victim}/, scheme_not_allowed",
    "'jar:http://localhost:{victim}/x.jar!/', scheme_not_allowed",
    "http://local host/, malformed_url"
  })
  void shouldRefuseRedirectWithoutReachingTargetWhenLocationIsNotAllowed(
      String template, String reason) {
    // given
    String location =
        template
            .replace("{victim}", Integer.toString(victim.port()))
            .replace("{agency}", Integer.toString(agency.port()));
    agency.route("/start", TestServer.redirect(location));
    URI url = agency.url("/start");

    // when / then
    assertThatThrownBy(() -> sandboxClient.execute(EgressRequest.get(url), allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
              assertThat(e.properties())
                  .containsEntry(EgressProblems.REASON, reason)
                  .containsEntry(EgressProblems.URL, url.toString());
              assertThat(e.properties().get(EgressProblems.LOCATION).toString())
                  .contains(location.substring(0, Math.min(location.length(), 12)));
            });
    assertThat(victim.hits()).isZero();
    assertThat(agency.requests()).containsExactly("GET /start");
    assertThat(dns.lookups()).containsOnly("localhost");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"127.0.0.1", "10.0.0.5", "169.254.169.254", "::1", "::ffff:127.0.0.1", "0.0.0.0"})
  void shouldRefuseWhenAllowedHostResolvesToInternalAddress(String address) {
    // given: the card allows evil.example, whose DNS points inside
    SafeHttpClient strictClient = new SafeHttpClient(properties(false), dns);
    dns.answer("evil.example", address);
    AllowList evil = AllowList.of(List.of("evil.example:" + victim.port()), null);
    URI url = URI.create("http://evil.example:" + victim.port() + "/");

    // when / then
    try (strictClient) {
      assertThatThrownBy(() -> strictClient.execute(EgressRequest.get(url), evil))
          .isInstanceOfSatisfying(
              SaphanException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
                assertThat(e.properties())
                    .containsEntry(EgressProblems.REASON, "address_not_allowed");
                assertThat(e.getMessage()).contains("evil.example resolves to");
              });
    }
    assertThat(victim.hits()).isZero();
  }

  @Test
  void shouldRefuseRedirectWhenItsHostResolvesToInternalAddress() {
    // given: a public-looking redirect target whose DNS points at the metadata service
    agency.route("/start", TestServer.redirect("http://metadata.example/latest"));
    dns.answer("metadata.example", "169.254.169.254");
    AllowList both = AllowList.of(List.of("localhost", "metadata.example"), agency.url("/start"));

    // when / then
    assertThatThrownBy(() -> sandboxClient.execute(EgressRequest.get(agency.url("/start")), both))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
              assertThat(e.properties())
                  .containsEntry(EgressProblems.REASON, "address_not_allowed")
                  .containsEntry(EgressProblems.LOCATION, "http://metadata.example/latest");
            });
  }

  @Test
  void shouldRefuseLoopbackWhenAllowLoopbackIsOff() {
    // given: production settings and a card that (wrongly) lists localhost
    agency.route("/start", TestServer.status(200));

    // when / then
    try (SafeHttpClient production = new SafeHttpClient(properties(false), dns)) {
      assertThatThrownBy(() -> production.execute(EgressRequest.get(agency.url("/start")), allow))
          .isInstanceOfSatisfying(
              SaphanException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
                assertThat(e.properties())
                    .containsEntry(EgressProblems.REASON, "address_not_allowed");
              });
    }
    assertThat(agency.hits()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1", "[::1]"})
  void shouldRefuseLoopbackLiteralWhenCardListsItLiterallyButLoopbackIsOff(String host) {
    // given: the allow-list passes the literal; the address policy must still say no
    String hostPort = host + ":" + victim.port();
    AllowList literal = AllowList.of(List.of(hostPort), null);

    // when / then
    try (SafeHttpClient production = new SafeHttpClient(properties(false), dns)) {
      assertThatThrownBy(
              () ->
                  production.execute(
                      EgressRequest.get(URI.create("http://" + hostPort + "/")), literal))
          .isInstanceOfSatisfying(
              SaphanException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
                assertThat(e.properties())
                    .containsEntry(EgressProblems.REASON, "address_not_allowed");
              });
    }
    assertThat(victim.hits()).isZero();
  }

  @Test
  void shouldStopAtMaxRedirectsWhenRedirectsLoop() {
    // given
    agency.route("/loop", TestServer.redirect("/loop"));

    // when / then
    assertThatThrownBy(() -> sandboxClient.execute(EgressRequest.get(agency.url("/loop")), allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
              assertThat(e.properties()).containsEntry(EgressProblems.REASON, "too_many_redirects");
            });
    assertThat(agency.hits()).isEqualTo(1 + 3);
  }

  @ParameterizedTest(name = "declared length: {0}")
  @ValueSource(booleans = {true, false})
  void shouldRefuseBodyWhenLargerThanTheLimit(boolean declareLength) {
    // given
    agency.route("/big", TestServer.bytes((int) MAX_BYTES * 16, declareLength));

    // when / then
    assertThatThrownBy(() -> sandboxClient.execute(EgressRequest.get(agency.url("/big")), allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
              assertThat(e.properties())
                  .containsEntry(EgressProblems.REASON, "response_too_large")
                  .containsEntry(EgressProblems.HTTP_STATUS, 200);
            });
  }

  @Test
  void shouldAcceptBodyWhenExactlyAtTheLimit() {
    // given
    agency.route("/exact", TestServer.bytes((int) MAX_BYTES, false));

    // when
    EgressResponse response = sandboxClient.execute(EgressRequest.get(agency.url("/exact")), allow);

    // then
    assertThat(response.body()).hasSize((int) MAX_BYTES);
    assertThat(response.truncated()).isFalse();
  }

  @Test
  void shouldKeepOnlyThePeekWhenTruncationIsAsked() {
    // given
    agency.route("/big", TestServer.bytes((int) MAX_BYTES * 16, false));

    // when
    EgressResponse response =
        sandboxClient.execute(
            EgressRequest.get(agency.url("/big")).withBodyTruncatedAt(1024), allow);

    // then
    assertThat(response.body()).hasSize(1024);
    assertThat(response.truncated()).isTrue();
  }

  @Test
  void shouldReportUnavailableWithinBudgetWhenServerNeverAnswers() {
    // given
    agency.route("/slow", agency.silent());
    EgressRequest request =
        EgressRequest.get(agency.url("/slow")).withTimeout(Duration.ofMillis(300));
    long started = System.nanoTime();

    // when / then
    assertThatThrownBy(() -> sandboxClient.execute(request, allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
              assertThat(e.getMessage()).contains("300 ms");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void shouldReportUnavailableWhenConnectionIsRefused() throws Exception {
    // given: a port nothing listens on any more
    int closedPort;
    try (TestServer gone = TestServer.onLoopback()) {
      closedPort = gone.port();
    }
    AllowList closed = AllowList.of(List.of("localhost:" + closedPort), null);
    URI url = URI.create("http://localhost:" + closedPort + "/");

    // when / then
    assertThatThrownBy(() -> sandboxClient.execute(EgressRequest.get(url), closed))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
              assertThat(e.getMessage()).contains("connection refused");
            });
  }

  @Test
  void shouldReportUnavailableWhenAllowedHostDoesNotResolve() {
    // given
    AllowList nowhere = AllowList.of(List.of("nowhere.example"), null);

    // when / then
    assertThatThrownBy(
            () ->
                sandboxClient.execute(
                    EgressRequest.get(URI.create("https://nowhere.example/")), nowhere))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
  }

  @Test
  void shouldRefuseBeforeAnyLookupWhenUrlHostIsNotListed() {
    // when / then
    assertThatThrownBy(
            () ->
                sandboxClient.execute(
                    EgressRequest.get(URI.create("http://2130706433:" + victim.port() + "/")),
                    allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
              assertThat(e.properties()).containsEntry(EgressProblems.REASON, "host_not_allowed");
            });
    assertThat(dns.lookups()).isEmpty();
    assertThat(victim.hits()).isZero();
  }

  @Test
  void shouldSendUserAgentAndAcceptWhenAsked() {
    // given
    StringBuilder seen = new StringBuilder();
    agency.route(
        "/h",
        exchange -> {
          seen.append(exchange.getRequestHeaders().getFirst("User-Agent"))
              .append('|')
              .append(exchange.getRequestHeaders().getFirst("Accept"))
              .append('|')
              .append(exchange.getRequestHeaders().getFirst("Host"));
          exchange.sendResponseHeaders(204, -1);
        });

    // when
    sandboxClient.execute(
        EgressRequest.get(agency.url("/h")).withAccept("application/json"), allow);

    // then
    assertThat(seen.toString())
        .isEqualTo("Saphan-Hub/0.1|application/json|localhost:" + agency.port());
  }
}
