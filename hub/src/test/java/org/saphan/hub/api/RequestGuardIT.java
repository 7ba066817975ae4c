package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.hub.support.HubIntegrationTest;
import org.saphan.hub.support.RawHttp;

/**
 * Bad input is refused with problem+json and a stable code before parsing: the body limit holds on
 * every path however the body is sent, and a raw path the container would normalise is refused.
 */
class RequestGuardIT extends HubIntegrationTest {

  private static final String VALIDATE = "/ops/v1/connectors/validate";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  @Test
  void shouldAnswerMalformedJsonWhenBodyIsNotJson() throws Exception {
    // given
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(VALIDATE))
            .header("Authorization", "Bearer " + token("operator"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\": {\"name\": "));
    // when
    HttpResponse<String> response = send(request);
    // then
    assertProblemDocument(response, 400, "malformed_json");
  }

  @Test
  void shouldAnswerUnsupportedMediaTypeWhenContentTypeIsNotJson() throws Exception {
    // given
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(VALIDATE))
            .header("Authorization", "Bearer " + token("operator"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    // when
    HttpResponse<String> response = send(request);
    // then
    assertProblemDocument(response, 415, "unsupported_media_type");
  }

  @Test
  void shouldAnswerUnsupportedMediaTypeWhenContentTypeIsMissing() throws Exception {
    // given
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(VALIDATE))
            .header("Authorization", "Bearer " + token("operator"))
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    // when
    HttpResponse<String> response = send(request);
    // then
    assertProblemDocument(response, 415, "unsupported_media_type");
  }

  @Test
  void shouldAnswerPayloadTooLargeWhenDeclaredLengthExceedsLimit() throws Exception {
    // given: 1 MiB + 1 byte, announced by Content-Length
    byte[] body = jsonOfSize(1024 * 1024 + 1);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(VALIDATE))
            .header("Authorization", "Bearer " + token("operator"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    // when
    HttpResponse<String> response = send(request);
    // then
    assertProblemDocument(response, 413, "payload_too_large");
  }

  @Test
  void shouldAnswerPayloadTooLargeWhenChunkedBodyExceedsLimit() throws Exception {
    // given: no Content-Length (chunked), so the limit is enforced while reading
    byte[] body = jsonOfSize(2 * 1024 * 1024);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(VALIDATE))
            .header("Authorization", "Bearer " + token("operator"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    // when
    HttpResponse<String> response = send(request);
    // then
    assertProblemDocument(response, 413, "payload_too_large");
  }

  @Test
  void shouldAnswerNotFoundProblemWhenPathIsUnknown() throws Exception {
    // when
    HttpResponse<String> response = get("/api/v1/no-such-thing");
    // then
    assertProblemDocument(response, 404, "not_found");
  }

  @Test
  void shouldAnswerMethodNotAllowedWhenMethodIsWrong() throws Exception {
    // when
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/ops/v1/status")).DELETE());
    // then
    assertProblemDocument(response, 405, "method_not_allowed");
  }

  @Test
  void shouldAnswerValidationFailedWhenRequiredQueryParameterIsMissing() throws Exception {
    // when: the portal-event list without its applicationId (was 500 internal_error)
    HttpResponse<String> response = get("/ops/v1/portal-events", "operator");
    // then
    assertProblemDocument(response, 400, "validation_failed");
    assertThat(JSON.readTree(response.body()).path("parameter").asText())
        .isEqualTo("applicationId");
  }

  @Test
  void shouldEchoCorrelationIdWhenWellFormed() throws Exception {
    // given
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(VALIDATE))
            .header("Authorization", "Bearer " + token("operator"))
            .header("Content-Type", "text/plain")
            .header("X-Correlation-Id", "portal-req-12345678")
            .POST(HttpRequest.BodyPublishers.ofString("x"));
    // when
    HttpResponse<String> response = send(request);
    // then
    assertThat(response.headers().firstValue("X-Correlation-Id")).contains("portal-req-12345678");
    assertThat(JSON.readTree(response.body()).path("correlationId").asText())
        .isEqualTo("portal-req-12345678");
  }

  @Test
  void shouldReplaceCorrelationIdWhenMalformed() throws Exception {
    // given: a header-injection attempt
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/ops/v1/status")).header("X-Correlation-Id", "bad id<script>");
    // when
    HttpResponse<String> response = send(request);
    // then
    assertThat(response.headers().firstValue("X-Correlation-Id").orElseThrow())
        .matches("[0-9a-f-]{36}");
  }

  /**
   * One POST target behind every prefix the hub serves (public API, agencies' REST and SOAP
   * callbacks, operators, payment gateway, back office, actuator, the root), with a caller that may
   * use it.
   */
  static Stream<Arguments> targets() {
    return Stream.of(
        Arguments.of("/api/v1/consents", "citizen-somchai"),
        Arguments.of("/agency/v1/applications/" + UUID.randomUUID() + "/status", null),
        Arguments.of("/agency/soap/v1/status", null),
        Arguments.of("/ops/v1/connectors/validate", "operator"),
        Arguments.of("/payment/v1/notifications", null),
        Arguments.of("/backoffice/v1/tasks/" + UUID.randomUUID() + "/claim", "officer-dsd-1"),
        Arguments.of("/actuator/health", null),
        Arguments.of("/", null));
  }

  /**
   * Every way to spell a path that the container normalises while the raw URI keeps it: each
   * function turns "/" + first segment and the rest of the path into a raw request target.
   */
  private static final List<BiFunction<String, String, String>> SPELLINGS =
      List.of(
          (head, rest) -> head + ";x" + rest,
          (head, rest) -> head + ";jsessionid=0123456789ABCDEF" + rest,
          (head, rest) -> head + "%2F" + stripSlash(rest),
          (head, rest) -> head + "%2f" + stripSlash(rest),
          (head, rest) -> head + "%5C" + stripSlash(rest),
          (head, rest) -> head + "%5c" + stripSlash(rest),
          (head, rest) -> head + "\\" + stripSlash(rest),
          (head, rest) -> head + "%00" + rest,
          (head, rest) -> head + "/" + rest,
          (head, rest) -> head + "/." + rest,
          (head, rest) -> head + "/x/.." + rest,
          (head, rest) -> head + "/x/%2E%2E" + rest,
          (head, rest) -> head + "/%2e" + rest);

  static Stream<Arguments> spellings() {
    return targets()
        .flatMap(
            target -> {
              String path = (String) target.get()[0];
              int cut = path.indexOf('/', 1);
              String head = cut < 0 ? path : path.substring(0, cut);
              String rest = cut < 0 ? "" : path.substring(cut);
              return SPELLINGS.stream()
                  .flatMap(
                      spelling ->
                          Stream.of(true, false)
                              .map(
                                  chunked ->
                                      Arguments.of(
                                          spelling.apply(head, rest), target.get()[1], chunked)));
            });
  }

  @ParameterizedTest(name = "{0} chunked={2}")
  @MethodSource("spellings")
  void shouldAnswerMalformedPathWhenRawPathIsSpelledAmbiguously(
      String rawPath, String persona, boolean chunked) throws Exception {
    // given
    int consents = consentsOfSomchai(persona);
    // when
    RawHttp.Answer answer = postTwoMebibytes(rawPath, persona, chunked);
    // then
    assertRawProblem(answer, 400, "malformed_path");
    assertThat(consentsOfSomchai(persona)).isEqualTo(consents);
  }

  @ParameterizedTest(name = "{0} chunked={2}")
  @MethodSource("targetsChunkedOrNot")
  void shouldAnswerPayloadTooLargeWhenAnyPathGetsTwoMebibytes(
      String path, String persona, boolean chunked) throws Exception {
    // given
    int consents = consentsOfSomchai(persona);
    // when
    RawHttp.Answer answer = postTwoMebibytes(path, persona, chunked);
    // then
    assertRawProblem(answer, 413, "payload_too_large");
    assertThat(consentsOfSomchai(persona)).isEqualTo(consents);
  }

  static Stream<Arguments> targetsChunkedOrNot() {
    return targets()
        .flatMap(t -> Stream.of(true, false).map(c -> Arguments.of(t.get()[0], t.get()[1], c)));
  }

  @Test
  void shouldAnswerMalformedPathWhenGetPathHasDotSegment() throws Exception {
    // when: no body at all, an operator's read behind a dot segment
    RawHttp.Answer answer =
        RawHttp.send(
            ENV.hubPort(),
            "GET /x/../ops/v1/connectors HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token("operator")
                + "\r\nConnection: close\r\n\r\n");
    // then
    assertRawProblem(answer, 400, "malformed_path");
  }

  private static String stripSlash(String rest) {
    return rest.startsWith("/") ? rest.substring(1) : rest;
  }

  /** A consent request padded with spaces to 2 MiB: it would create a consent if it got through. */
  private static RawHttp.Answer postTwoMebibytes(String rawPath, String persona, boolean chunked)
      throws Exception {
    byte[] body = new byte[2 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');
    byte[] start = "{\"agreementId\":\"dcy-newborn-grant\"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(start, 0, body, 0, start.length);
    body[body.length - 1] = '}';
    StringBuilder head =
        new StringBuilder("POST ")
            .append(rawPath)
            .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
            .append(
                rawPath.contains("soap")
                    ? "Content-Type: text/xml\r\n"
                    : "Content-Type: application/json\r\n");
    if (persona != null) {
      head.append("Authorization: Bearer ").append(cachedToken(persona)).append("\r\n");
    }
    head.append(
        chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
    head.append("\r\n");
    return RawHttp.send(
        ENV.hubPort(), head.toString().getBytes(StandardCharsets.ISO_8859_1), body, chunked);
  }

  /**
   * Somchai's consents, when the request is his (the body is a valid consent request: only the
   * consent endpoint could create something from it); -1 for other callers.
   */
  private int consentsOfSomchai(String persona) throws Exception {
    if (!"citizen-somchai".equals(persona)) {
      return -1;
    }
    HttpResponse<String> consents =
        send(
            HttpRequest.newBuilder(uri("/api/v1/consents"))
                .header("Authorization", "Bearer " + cachedToken("citizen-somchai")));
    return JSON.readTree(consents.body()).path("consents").size();
  }

  /** One token per persona for the whole matrix (they live an hour). */
  private static String cachedToken(String persona) {
    return TOKENS.computeIfAbsent(persona, HubIntegrationTest::token);
  }

  static void assertRawProblem(RawHttp.Answer answer, int status, String code) throws Exception {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("code").asText()).isEqualTo(code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("correlationId").asText()).isNotBlank();
  }

  private static byte[] jsonOfSize(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    byte[] start = "{\"metadata\":\"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(start, 0, body, 0, start.length);
    body[size - 2] = '"';
    body[size - 1] = '}';
    return body;
  }

  private static void assertProblemDocument(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("code").asText()).isEqualTo(code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(problem.path("correlationId").asText()).isNotBlank();
  }
}
