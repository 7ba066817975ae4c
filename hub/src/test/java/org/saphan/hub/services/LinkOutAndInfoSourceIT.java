package org.saphan.hub.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * Models 0 and 1 against the sandbox: the info source pulled through the egress client (last good
 * information kept when it fails, redirects elsewhere refused), and the link-out probe (HEAD then
 * GET, down, and a redirect to another local port refused without reaching it).
 */
class LinkOutAndInfoSourceIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LDD = "ldd-land-analysis";
  private static final String DLT = "dlt-driving-licence-renewal";
  private static final String LED = "led-bankruptcy-check";

  @AfterEach
  void clearFaults() throws Exception {
    sandboxPost("/sandbox/v1/info-source/faults", "{\"mode\":\"none\"}");
    sandboxPost("/sandbox/v1/eservice/faults", "{\"mode\":\"none\"}");
  }

  @Test
  void shouldShowTheAgencysPublishedInformationWhenTheSourceIsPulled() throws Exception {
    // when
    HttpResponse<String> refreshed = ops("/ops/v1/connectors/" + LDD + "/refresh-info");
    // then
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    JsonNode service = JSON.readTree(get("/api/v1/services/" + LDD).body());
    assertThat(service.path("slaWorkingDays").asInt()).isEqualTo(10);
    assertThat(service.at("/information/from").asText()).contains("/agencies/ldd/service-info/");
    assertThat(service.at("/information/stale").isMissingNode()).isTrue();
  }

  @Test
  void shouldKeepTheLastGoodInformationAndShowTheFailureWhenTheSourceIsDown() throws Exception {
    // given: a good pull first
    ops("/ops/v1/connectors/" + LDD + "/refresh-info");
    // when: the source fails
    sandboxPost("/sandbox/v1/info-source/faults", "{\"mode\":\"down\"}");
    ops("/ops/v1/connectors/" + LDD + "/refresh-info");
    // then
    JsonNode service = JSON.readTree(get("/api/v1/services/" + LDD).body());
    assertThat(service.path("slaWorkingDays").asInt()).isEqualTo(10);
    assertThat(service.at("/information/stale").asBoolean()).isTrue();
    assertThat(service.at("/information/lastError").asText()).startsWith("upstream_unavailable");
    assertThat(service.at("/information/ageSeconds").isNumber()).isTrue();
  }

  @Test
  void shouldRefuseARedirectToAnotherLocalPortWhenTheSourceRedirects() throws Exception {
    // when
    sandboxPost("/sandbox/v1/info-source/faults", "{\"mode\":\"redirect\"}");
    ops("/ops/v1/connectors/" + LDD + "/refresh-info");
    // then
    JsonNode service = JSON.readTree(get("/api/v1/services/" + LDD).body());
    assertThat(service.at("/information/lastError").asText()).startsWith("egress_refused");
  }

  @Test
  void shouldReportUpWithLatencyWhenTheEServiceAnswers() throws Exception {
    // when
    JsonNode probe = JSON.readTree(ops("/ops/v1/connectors/" + DLT + "/probe").body());
    // then
    assertThat(probe.path("status").asText()).isEqualTo("UP");
    JsonNode link = JSON.readTree(get("/api/v1/services/" + DLT + "/link").body());
    assertThat(link.at("/health/status").asText()).isEqualTo("UP");
    assertThat(link.at("/health/latencyMillis").isNumber()).isTrue();
    assertThat(management("/actuator/prometheus").body())
        .containsPattern("saphan_linkout_up\\{[^}]*connector=\"" + DLT + "\"");
  }

  @Test
  void shouldReportTheLedDemoCardUpAndRedirectToAPageTheSandboxServesWhenProbed() throws Exception {
    // when
    JsonNode probe = JSON.readTree(ops("/ops/v1/connectors/" + LED + "/probe").body());
    HttpResponse<String> go = get("/api/v1/services/" + LED + "/go");
    // then: the link is UP, and /go sends citizens to a page the sandbox really serves
    assertThat(probe.path("status").asText()).as(probe.toString()).isEqualTo("UP");
    JsonNode link = JSON.readTree(get("/api/v1/services/" + LED + "/link").body());
    assertThat(link.at("/health/status").asText()).isEqualTo("UP");
    assertThat(go.statusCode()).isEqualTo(302);
    String path = java.net.URI.create(go.headers().firstValue("Location").orElseThrow()).getPath();
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(java.net.URI.create(ENV.sandboxUrl() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("ล้มละลาย");
  }

  @Test
  void shouldFallBackToGetWhenHeadIsNotAllowed() throws Exception {
    sandboxPost("/sandbox/v1/eservice/faults", "{\"mode\":\"head_not_allowed\"}");
    JsonNode probe = JSON.readTree(ops("/ops/v1/connectors/" + DLT + "/probe").body());
    assertThat(probe.path("status").asText()).isEqualTo("UP");
  }

  @Test
  void shouldReportDownWhenTheEServiceIsDown() throws Exception {
    sandboxPost("/sandbox/v1/eservice/faults", "{\"mode\":\"down\"}");
    JsonNode probe = JSON.readTree(ops("/ops/v1/connectors/" + DLT + "/probe").body());
    assertThat(probe.path("status").asText()).isEqualTo("DOWN");
  }

  @Test
  void shouldRefuseAndNotFollowWhenTheEServiceRedirectsToAnotherLocalPort() throws Exception {
    sandboxPost("/sandbox/v1/eservice/faults", "{\"mode\":\"redirect\"}");
    JsonNode probe = JSON.readTree(ops("/ops/v1/connectors/" + DLT + "/probe").body());
    assertThat(probe.path("status").asText()).isEqualTo("REFUSED");
    assertThat(probe.path("detail").asText()).contains("127.0.0.1");
  }

  private HttpResponse<String> ops(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), "operator");
  }
}
