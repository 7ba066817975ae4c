package org.saphan.sandbox.eservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.Http;
import org.saphan.sandbox.SandboxTestBase;

class EserviceFaultsIT extends SandboxTestBase {

  private static final String PAGE = "/agencies/dlt/e-learning";

  @AfterEach
  void heal() {
    fault("{\"mode\": \"none\"}");
  }

  @Test
  void shouldServePageOnGetAndHeadWhenHealthy() {
    // given no fault
    // when
    HttpResponse<String> get = Http.get(url(PAGE));
    HttpResponse<String> head = Http.head(url(PAGE));

    // then
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).contains("ใบอนุญาตขับรถ");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void shouldAnswer503WhenDown() {
    // given
    fault("{\"mode\": \"down\"}");

    // when
    HttpResponse<String> response = Http.get(url(PAGE));

    // then
    assertThat(response.statusCode()).isEqualTo(503);
  }

  @Test
  void shouldRedirectToLoopbackOnAnotherPortWhenRedirect() {
    // given
    fault("{\"mode\": \"redirect\"}");

    // when
    HttpResponse<String> response = Http.get(url(PAGE));

    // then
    assertThat(response.statusCode()).isEqualTo(302);
    URI target = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertThat(target.getScheme()).isEqualTo("http");
    assertThat(target.getHost()).isEqualTo("127.0.0.1");
    assertThat(target.getPort()).isPositive().isNotEqualTo(port);
  }

  @Test
  void shouldRefuseHeadButServeGetWhenHeadNotAllowed() {
    // given
    fault("{\"mode\": \"head_not_allowed\"}");

    // when
    HttpResponse<String> head = Http.head(url(PAGE));
    HttpResponse<String> get = Http.get(url(PAGE));

    // then
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(head.headers().firstValue("Allow")).hasValue("GET");
    assertThat(get.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerAfterDelayWhenSlow() {
    // given
    fault("{\"mode\": \"slow\", \"delayMillis\": 400}");
    Instant start = Instant.now();

    // when
    HttpResponse<String> response = Http.get(url(PAGE));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void shouldRefuseFaultWhenModeIsUnknown() {
    // given
    String body = "{\"mode\": \"on_fire\"}";

    // when
    HttpResponse<String> response = Http.postJson(url("/sandbox/v1/eservice/faults"), body);

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("code").asText()).isEqualTo("fault_mode_unknown");
  }

  private void fault(String body) {
    HttpResponse<String> response = Http.postJson(url("/sandbox/v1/eservice/faults"), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
