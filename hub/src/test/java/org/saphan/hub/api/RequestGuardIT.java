package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/** Bad input on API endpoints is refused with problem+json and a stable code, before parsing. */
class RequestGuardIT extends HubIntegrationTest {

  private static final String VALIDATE = "/ops/v1/connectors/validate";
  private static final ObjectMapper JSON = new ObjectMapper();

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
