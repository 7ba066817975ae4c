package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.hub.api.RequestGuardIT.assertRawProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;
import org.saphan.hub.support.RawHttp;

/**
 * Requests the container refuses before any filter runs answer problem+json with a stable code, and
 * an expected refusal (insufficient identity assurance) is logged as such, without a stack.
 */
class ContainerRefusalIT extends HubIntegrationTest {

  @Test
  void shouldAnswerMalformedRequestWhenHeaderHasControlBytes() throws Exception {
    // when
    RawHttp.Answer answer =
        RawHttp.send(
            ENV.hubPort(),
            "GET /api/v1/services HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0001b\r\n"
                + "Connection: close\r\n\r\n");
    // then
    assertRawProblem(answer, 400, "malformed_request");
  }

  @Test
  void shouldAnswerHeadersTooLargeWhenHeadersExceedTheConnectorBuffer() throws Exception {
    // when: 20 KiB of header, over Tomcat's 8 KiB
    RawHttp.Answer answer =
        RawHttp.send(
            ENV.hubPort(),
            "GET /api/v1/services HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(20 * 1024)
                + "\r\nConnection: close\r\n\r\n");
    // then
    assertRawProblem(answer, 431, "headers_too_large");
  }

  @Test
  void shouldAnswerMalformedRequestWhenRequestLineIsBroken() throws Exception {
    // when
    RawHttp.Answer answer =
        RawHttp.send(ENV.hubPort(), "GET /api/v1/ser vices HTTP/1.1\r\nHost: localhost\r\n\r\n");
    // then
    assertRawProblem(answer, 400, "malformed_request");
  }

  @Test
  void shouldAnswerMalformedPathWhenContainerRejectsAnEncodedSlash() throws Exception {
    // when: Tomcat itself refuses %2F before the filters
    RawHttp.Answer answer =
        RawHttp.send(
            ENV.hubPort(),
            "GET /api%2Fv1/services HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    // then
    assertRawProblem(answer, 400, "malformed_path");
  }

  @Test
  void shouldLogInsufficientAssuranceAtInfoWithoutStackTraceWhenIalIsTooLow() throws Exception {
    // given: citizen-wichai has IAL 1.2; the driving-licence service (model 2) needs 2.3
    String correlationId = "ial-refusal-" + System.nanoTime();
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/services/1-037/sso-link"))
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.noBody()),
            "citizen-wichai");
    // then
    // (403 before issue 19; RFC 9470 makes it 401 with the step-up challenge)
    assertProblem(response, 401, "insufficient_assurance");
    List<String> lines =
        LOGS.lines().stream().filter(l -> l.contains("correlationId=" + correlationId)).toList();
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("insufficient_assurance")
                    .contains("level=INFO")
                    .doesNotContain(" | "));
    assertThat(lines).noneMatch(l -> l.contains("level=ERROR") || l.contains("level=WARN"));
    assertThat(lines).noneMatch(l -> l.contains(" | "));
  }
}
