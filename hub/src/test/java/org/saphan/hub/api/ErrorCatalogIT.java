package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCatalog;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.ErrorDocCommand;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Every problem type resolves, without a token, to its code's entry in the error catalog. */
class ErrorCatalogIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private Problems problems;

  @Test
  void shouldResolveEveryCodesTypeToItsEntryWhenFollowed() throws Exception {
    // given: the URL a client called, against which a relative type resolves
    URI called = uri("/api/v1/applications");
    for (ErrorCode code : ErrorCode.values()) {
      // when
      HttpResponse<String> entry =
          send(HttpRequest.newBuilder(called.resolve(problems.type(code))).GET());
      // then
      assertThat(entry.statusCode()).as(code.code() + ": " + entry.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(entry.body());
      assertThat(body.path("code").asText()).isEqualTo(code.code());
      assertThat(body.path("status").asInt()).isEqualTo(code.httpStatus());
      assertThat(body.path("type").asText()).isEqualTo(problems.type(code).toString());
      assertThat(body.path("meaning").asText()).isNotBlank();
    }
  }

  @Test
  void shouldResolveTheTypeOfARefusalWhenItsClientFollowsIt() throws Exception {
    // given: a real refusal
    HttpResponse<String> refusal = get("/api/v1/me");
    assertProblem(refusal, 401, "token_missing");
    URI type = URI.create(JSON.readTree(refusal.body()).path("type").asText());
    // when
    HttpResponse<String> entry = send(HttpRequest.newBuilder(refusal.uri().resolve(type)).GET());
    // then
    assertThat(entry.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(entry.body()).path("code").asText()).isEqualTo("token_missing");
  }

  @Test
  void shouldAnswerNotFoundWhenTheCodeIsUnknown() throws Exception {
    // when
    HttpResponse<String> response = get("/errors/no_such_code");
    // then
    assertProblem(response, 404, "not_found");
  }

  @Test
  void shouldListEveryCodeWhenTheCatalogIsAsked() throws Exception {
    // when
    HttpResponse<String> response = get("/errors");
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("errors").size())
        .isEqualTo(ErrorCode.values().length);
  }

  @Test
  void shouldServeAnEscapedPageWhenABrowserOpensTheType() throws Exception {
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/errors/consent_required"))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .GET());
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(response.headers().firstValue("Content-Security-Policy").orElse(""))
        .startsWith("default-src 'none'");
    assertThat(response.body()).contains("<code>consent_required</code>");
  }

  @Test
  void shouldServeDocsErrorsTextWhenMarkdownIsAsked() throws Exception {
    // when
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/errors")).header("Accept", "text/markdown").GET());
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/markdown");
    assertThat(response.body()).isEqualTo(ErrorDocCommand.render(ErrorCatalog.get()));
  }
}
