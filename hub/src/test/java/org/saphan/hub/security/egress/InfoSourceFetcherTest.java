package org.saphan.hub.security.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class InfoSourceFetcherTest {

  private static final String PATH = "/agencies/ldd/service-info/land-analysis.json";
  private static final String INFO =
      """
      {"documentsRequired":[{"th":"บัตรประจำตัวประชาชน","en":"Thai national ID card"}],
       "fee":{"amount":0.00,"currency":"THB"},"slaWorkingDays":15,
       "channels":["office","post"],"updatedAt":"2025-10-01T00:00:00Z"}
      """;

  private TestServer source;
  private TestServer victim;
  private SafeHttpClient client;
  private InfoSourceFetcher fetcher;
  private URI url;
  private AllowList allow;

  @BeforeEach
  void start() throws Exception {
    source = TestServer.onLoopback();
    victim = TestServer.onEveryAddress().route("/", TestServer.status(200));
    client = new SafeHttpClient(SafeHttpClientTest.properties(true), new TestDns());
    fetcher = new InfoSourceFetcher(client);
    url = source.url(PATH);
    allow = AllowList.origin(url);
  }

  @AfterEach
  void stop() {
    client.close();
    source.close();
    victim.close();
  }

  @Test
  void shouldReturnJsonWhenSourceAnswersWellFormedJson() {
    // given
    source.route(PATH, TestServer.text(200, "application/json; charset=utf-8", INFO));

    // when
    JsonNode info = fetcher.fetch(url, allow);

    // then
    assertThat(info.path("slaWorkingDays").asInt()).isEqualTo(15);
    assertThat(info.path("documentsRequired").get(0).path("th").asText())
        .isEqualTo("บัตรประจำตัวประชาชน");
  }

  static Stream<Arguments> unusableAnswers() {
    return Stream.of(
        Arguments.of(200, "application/json", "{\"fee\": {", "malformed_json"),
        Arguments.of(200, "application/json", "{\"a\":1} {\"b\":2}", "malformed_json"),
        Arguments.of(200, "application/json", "{\"a\":1,\"a\":2}", "malformed_json"),
        Arguments.of(200, "application/json", "", "malformed_json"),
        Arguments.of(200, "text/html", "<html>maintenance</html>", "wrong_content_type"),
        Arguments.of(200, "application/jsonp", "{}", "wrong_content_type"),
        Arguments.of(404, "application/json", "{\"error\":\"not found\"}", "unexpected_status"),
        Arguments.of(410, "text/plain", "gone", "unexpected_status"));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("unusableAnswers")
  void shouldRefuseAnswerWhenItIsNotUsableJson(
      int status, String contentType, String body, String reason) {
    // given
    source.route(PATH, TestServer.text(status, contentType, body));

    // when / then
    assertThatThrownBy(() -> fetcher.fetch(url, allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
              assertThat(e.properties())
                  .containsEntry(EgressProblems.REASON, reason)
                  .containsEntry(EgressProblems.HTTP_STATUS, status)
                  .containsEntry(EgressProblems.URL, url.toString());
            });
  }

  @Test
  void shouldReportUnavailableWhenSourceIsDown() {
    // given
    source.route(PATH, TestServer.status(503));

    // when / then
    assertThatThrownBy(() -> fetcher.fetch(url, allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
              assertThat(e.properties()).containsEntry(EgressProblems.HTTP_STATUS, 503);
            });
  }

  @Test
  void shouldRefuseBodyWhenLargerThanTheLimit() {
    // given
    source.route(PATH, TestServer.bytes((int) SafeHttpClientTest.MAX_BYTES + 1, true));

    // when / then
    assertThatThrownBy(() -> fetcher.fetch(url, allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
              assertThat(e.properties()).containsEntry(EgressProblems.REASON, "response_too_large");
            });
  }

  @Test
  void shouldRefuseWithoutFetchingWhenSourceRedirectsToAnotherLoopbackPort() {
    // given: the info source's `redirect` fault
    source.route(PATH, TestServer.redirect("http://127.0.0.1:" + victim.port() + PATH));

    // when / then
    assertThatThrownBy(() -> fetcher.fetch(url, allow))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.EGRESS_REFUSED);
              assertThat(e.properties())
                  .containsEntry(
                      EgressProblems.LOCATION, "http://127.0.0.1:" + victim.port() + PATH);
            });
    assertThat(victim.hits()).isZero();
  }

  @Test
  void shouldAskForJsonWhenFetching() {
    // given
    List<String> accepts = new CopyOnWriteArrayList<>();
    source.route(
        PATH,
        exchange -> {
          accepts.add(exchange.getRequestHeaders().getFirst("Accept"));
          TestServer.text(200, "application/json", "{}").handle(exchange);
        });

    // when
    fetcher.fetch(url, allow);

    // then
    assertThat(accepts).containsExactly("application/json");
  }
}
