package org.saphan.sandbox.infosource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.Http;
import org.saphan.sandbox.SandboxTestBase;

class InfoSourceIT extends SandboxTestBase {

  private static final String LAND_ANALYSIS = "/agencies/ldd/service-info/land-analysis.json";

  @AfterEach
  void heal() {
    Http.postJson(url("/sandbox/v1/info-source/faults"), "{\"mode\": \"none\"}");
  }

  @Test
  void shouldPublishSeededInfoWhenHealthy() {
    // given the seeded ldd/land-analysis info
    // when
    HttpResponse<String> response = Http.get(url(LAND_ANALYSIS));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    JsonNode info = Http.json(response);
    assertThat(info.get("documentsRequired")).hasSize(3);
    assertThat(info.get("fee").get("currency").asText()).isEqualTo("THB");
    assertThat(info.get("slaWorkingDays").asInt()).isEqualTo(10);
    assertThat(info.get("channels").toString()).contains("online");
    assertThat(info.get("hours").asText()).isNotBlank();
    assertThat(OffsetDateTime.parse(info.get("updatedAt").asText())).isNotNull();
  }

  @Test
  void shouldAnswer404ProblemWhenServiceIsUnknown() {
    // given
    String unknown = "/agencies/ldd/service-info/no-such-service.json";

    // when
    HttpResponse<String> response = Http.get(url(unknown));

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("code").asText()).isEqualTo("service_info_unknown");
  }

  @Test
  void shouldPublishReplacementWithUpdatedAtWhenInfoIsPut() {
    // given
    String info =
        """
        {"documentsRequired": [{"th": "บัตรประจำตัวประชาชน", "en": "Thai national ID card"}],
         "fee": {"amount": 50, "currency": "THB"}, "slaWorkingDays": 3,
         "channels": ["online"], "hours": "24 ชั่วโมง"}
        """;

    // when
    HttpResponse<String> put =
        Http.putJson(url("/sandbox/v1/info-source/ldd/replaced-service"), info);
    HttpResponse<String> published =
        Http.get(url("/agencies/ldd/service-info/replaced-service.json"));

    // then
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(published.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(published);
    assertThat(body.get("slaWorkingDays").asInt()).isEqualTo(3);
    assertThat(OffsetDateTime.parse(body.get("updatedAt").asText()).toInstant())
        .isAfter(Instant.now().minusSeconds(60));
  }

  @Test
  void shouldRefuseReplacementWhenInfoIsNotObject() {
    // given
    String info = "[1, 2]";

    // when
    HttpResponse<String> put = Http.putJson(url("/sandbox/v1/info-source/ldd/land-analysis"), info);

    // then
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(Http.json(put).get("code").asText()).isEqualTo("info_invalid");
  }

  @Test
  void shouldAnswer503WhenDown() {
    // given
    fault("{\"mode\": \"down\"}");

    // when
    HttpResponse<String> response = Http.get(url(LAND_ANALYSIS));

    // then
    assertThat(response.statusCode()).isEqualTo(503);
  }

  @Test
  void shouldAnswerInvalidJsonWhenMalformed() {
    // given
    fault("{\"mode\": \"malformed\"}");

    // when
    HttpResponse<String> response = Http.get(url(LAND_ANALYSIS));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> Http.JSON.readTree(response.body())).isInstanceOf(IOException.class);
  }

  @Test
  void shouldRedirectToLoopbackOnAnotherPortWhenRedirect() {
    // given
    fault("{\"mode\": \"redirect\"}");

    // when
    HttpResponse<String> response = Http.get(url(LAND_ANALYSIS));

    // then
    assertThat(response.statusCode()).isEqualTo(302);
    URI target = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertThat(target.getHost()).isEqualTo("127.0.0.1");
    assertThat(target.getPort()).isPositive().isNotEqualTo(port);
    assertThat(target.getPath()).isEqualTo(LAND_ANALYSIS);
  }

  @Test
  void shouldAnswerAfterDelayWhenSlow() {
    // given
    fault("{\"mode\": \"slow\", \"delayMillis\": 400}");
    Instant start = Instant.now();

    // when
    HttpResponse<String> response = Http.get(url(LAND_ANALYSIS));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  private void fault(String body) {
    HttpResponse<String> response = Http.postJson(url("/sandbox/v1/info-source/faults"), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
