package org.saphan.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;
import org.saphan.hub.support.Listeners;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The management plane in the sandbox profile: actuator only on the management port; Hawtio and
 * Jolokia there for portal operators only (anonymous 401, others 403, problem+json); Jolokia reads
 * but never stops a Camel route under the default policy, and the refused exec is audited.
 */
class ManagementPlaneIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROUTE = "dcy-newborn-grant-model3-api-share";

  @Autowired CamelContext camel;

  @Test
  void shouldServeNoActuatorWhenAskedOnTheApiPort() throws Exception {
    for (String path :
        new String[] {
          "/actuator/health",
          "/actuator/prometheus",
          "/actuator/jolokia/version",
          "/actuator/hawtio/"
        }) {
      // when
      HttpResponse<String> response = get(path);
      // then
      assertProblem(response, 404, "not_found");
    }
  }

  @Test
  void shouldListenOnLoopbackOnlyWhenInTheSandbox() {
    // given: an address of this machine other than loopback
    java.net.InetAddress other = Listeners.nonLoopbackAddress().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "no non-loopback address here");
    // then: the API, the management port and the broker answer on loopback only
    assertThat(Listeners.accepts(java.net.InetAddress.getLoopbackAddress(), ENV.hubPort()))
        .isTrue();
    assertThat(Listeners.accepts(other, ENV.hubPort())).isFalse();
    assertThat(Listeners.accepts(java.net.InetAddress.getLoopbackAddress(), ENV.managementPort()))
        .isTrue();
    assertThat(Listeners.accepts(other, ENV.managementPort())).isFalse();
  }

  @Test
  void shouldServeHealthAndMetricsWhenAskedOnTheManagementPort() throws Exception {
    // when
    HttpResponse<String> health = management("/actuator/health");
    HttpResponse<String> metrics = management("/actuator/prometheus");
    // then
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(metrics.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseJolokiaWhenAnonymous() throws Exception {
    // when
    HttpResponse<String> read = management("/actuator/jolokia/version");
    HttpResponse<String> exec = jolokia(stopRoute(), null);
    // then
    assertProblem(read, 401, "token_missing");
    assertProblem(exec, 401, "token_missing");
  }

  @Test
  void shouldRefuseHawtioWhenAnonymousApiClient() throws Exception {
    // when
    HttpResponse<String> response = management("/actuator/hawtio/");
    // then
    assertProblem(response, 401, "token_missing");
  }

  @Test
  void shouldSendBrowserToDigitalIdWhenHawtioIsOpenedWithoutLogin() throws Exception {
    // when
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(ENV.managementUrl() + "/actuator/hawtio/"))
                .header("Accept", "text/html")
                .GET());
    // then
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .endsWith("/oauth2/authorization/digitalid");
  }

  @Test
  void shouldRefuseJolokiaWhenCallerIsNoOperator() throws Exception {
    // given
    String citizen = token("citizen-somchai");
    // when
    HttpResponse<String> read = jolokiaGet("/actuator/jolokia/version", citizen);
    HttpResponse<String> exec = jolokia(stopRoute(), citizen);
    HttpResponse<String> hawtio = jolokiaGet("/actuator/hawtio/", citizen);
    // then
    assertProblem(read, 403, "forbidden");
    assertProblem(exec, 403, "forbidden");
    assertProblem(hawtio, 403, "forbidden");
  }

  @Test
  void shouldRefuseJolokiaWhenTokenIsNotValid() throws Exception {
    // when
    HttpResponse<String> response = jolokiaGet("/actuator/jolokia/version", "not-a-token");
    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).path("code").asText()).startsWith("token_");
  }

  @Test
  void shouldLetOperatorReadCamelMBeansWhenBearerTokenIsSent() throws Exception {
    // when
    HttpResponse<String> response =
        jolokia(
            "{\"type\":\"read\",\"mbean\":\""
                + routeMBean().replace("\"", "\\\"")
                + "\",\"attribute\":\"State\"}",
            token("operator"));
    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asInt()).as(response.body()).isEqualTo(200);
    assertThat(body.path("value").asText()).isEqualTo("Started");
  }

  @Test
  void shouldLetOperatorDumpRouteAsXmlUnauditedWhenPolicyIsTheDefault() throws Exception {
    // given: what Hawtio's route diagram asks for
    String operator = token("operator");
    String subject = SignedJWT.parse(operator).getJWTClaimsSet().getSubject();
    String dump =
        "{\"type\":\"exec\",\"mbean\":\""
            + routeMBean().replace("\"", "\\\"")
            + "\",\"operation\":\"dumpRouteAsXml()\"}";
    // when
    HttpResponse<String> response = jolokia(dump, operator);
    // then: a read, answered with the route's definition
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asInt()).as(response.body()).isEqualTo(200);
    assertThat(body.path("value").asText()).contains("<route").contains(ROUTE);
    // and not recorded as a change in the operators' audit trail
    JsonNode audit =
        JSON.readTree(
            get("/ops/v1/audit?action=jolokia%20exec%20dumpRouteAsXml&actor=" + subject, "operator")
                .body());
    assertThat(audit.path("items")).isEmpty();
  }

  @Test
  void shouldRefuseAndAuditOperatorStopRouteWhenPolicyIsTheDefault() throws Exception {
    // given
    String operator = token("operator");
    String subject = SignedJWT.parse(operator).getJWTClaimsSet().getSubject();
    // when
    HttpResponse<String> response = jolokia(stopRoute(), operator);
    // then: Jolokia refuses inside its answer, the route still runs
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asInt()).as(response.body()).isEqualTo(403);
    assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
    // and the attempt is in the operators' audit trail
    JsonNode audit =
        JSON.readTree(
            get("/ops/v1/audit?action=jolokia%20exec%20stop&actor=" + subject, "operator").body());
    assertThat(audit.path("items")).isNotEmpty();
    JsonNode entry = audit.path("items").get(0);
    assertThat(entry.path("channel").asText()).isEqualTo("jolokia");
    assertThat(entry.path("outcome").asText()).isEqualTo("refused");
    assertThat(entry.path("target").asText()).contains(ROUTE);
    assertThat(entry.path("correlationId").asText()).isNotBlank();
  }

  @Test
  void shouldServeHawtioWhenCallerIsAnOperator() throws Exception {
    // when
    HttpResponse<String> response = jolokiaGet("/actuator/hawtio/", token("operator"));
    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Hawtio");
  }

  /** The route's MBean name, as Jolokia's search finds it. */
  private String routeMBean() throws Exception {
    HttpResponse<String> found =
        jolokia(
            "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}",
            token("operator"));
    for (JsonNode name : JSON.readTree(found.body()).path("value")) {
      if (name.asText().contains("\"" + ROUTE + "\"")) {
        return name.asText();
      }
    }
    throw new AssertionError("no MBean of route " + ROUTE + " in " + found.body());
  }

  private String stopRoute() throws Exception {
    return "{\"type\":\"exec\",\"mbean\":\""
        + routeMBean().replace("\"", "\\\"")
        + "\",\"operation\":\"stop()\"}";
  }

  private HttpResponse<String> jolokia(String json, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ENV.managementUrl() + "/actuator/jolokia"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  private HttpResponse<String> jolokiaGet(String path, String token) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(ENV.managementUrl() + path))
            .header("Authorization", "Bearer " + token)
            .GET());
  }
}
