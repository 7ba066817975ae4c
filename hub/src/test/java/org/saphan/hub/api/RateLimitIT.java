package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each caller has its own token bucket: the test's dedicated citizen (limit 2 an hour in the test
 * profile) is refused with 429 {@code rate_limited} and {@code Retry-After}, others are not.
 */
class RateLimitIT extends HubIntegrationTest {

  /** The subject with a low limit in application-test.yml. */
  private static final String PROBE = "rate-limit-probe-citizen";

  @Autowired MeterRegistry meters;

  @Test
  void shouldAnswerRateLimitedWithRetryAfterWhenCitizenExceedsItsLimit() throws Exception {
    // given: somchai's identity under the probe's subject, which may make two requests an hour
    String token = ENV.token("citizen-somchai", "{\"claims\": {\"sub\": \"" + PROBE + "\"}}");
    double before = limited("citizen");
    HttpRequest.Builder me =
        HttpRequest.newBuilder(uri("/api/v1/me")).header("Authorization", "Bearer " + token);
    assertThat(send(me).statusCode()).isEqualTo(200);
    assertThat(send(me).statusCode()).isEqualTo(200);
    // when
    HttpResponse<String> third = send(me);
    // then
    assertProblem(third, 429, "rate_limited");
    long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 3600L);
    assertThat(limited("citizen")).isEqualTo(before + 1);
    // another citizen is not affected
    assertThat(get("/api/v1/me", "citizen-somchai").statusCode()).isEqualTo(200);
  }

  private double limited(String kind) {
    var counter = meters.find("saphan.rate.limited").tag("client_kind", kind).counter();
    return counter == null ? 0 : counter.count();
  }
}
