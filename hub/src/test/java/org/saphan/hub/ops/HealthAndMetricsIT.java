package org.saphan.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/** Operations basics: health with the database and broker, Prometheus with Camel route metrics. */
class HealthAndMetricsIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldReportUpWithDatabaseAndBrokerWhenHubIsRunning() throws Exception {
    // when
    HttpResponse<String> response = management("/actuator/health");
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = JSON.readTree(response.body());
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/jms/status").asText()).isEqualTo("UP");
  }

  @Test
  void shouldExposeReadinessAndLivenessGroupsWhenProbed() throws Exception {
    // when
    HttpResponse<String> readiness = management("/actuator/health/readiness");
    HttpResponse<String> liveness = management("/actuator/health/liveness");
    // then
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(readiness.body()).at("/components/db/status").asText())
        .isEqualTo("UP");
    assertThat(liveness.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldPublishCamelMetricOfNamedRouteWhenScraped() {
    // given: the model-0 route of the sample model-3 card has run at least once
    String routeId = "dcy-newborn-grant-model0-e-info";
    // then
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> response = management("/actuator/prometheus");
              assertThat(response.statusCode()).isEqualTo(200);
              assertThat(response.body())
                  .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"" + routeId + "\"");
            });
  }
}
