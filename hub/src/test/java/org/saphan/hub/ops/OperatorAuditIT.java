package org.saphan.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * The operators' audit trail: every /ops/v1 write, allowed or refused, with who, what, the target,
 * the reason and the correlation id, read by operators only at GET /ops/v1/audit.
 */
class OperatorAuditIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROUTE = "dcy-newborn-grant-model3-api-share";
  private static final String PAUSE = "POST /ops/v1/routes/{routeId}/pause";

  @Test
  void shouldRecordWhoPausedWhichRouteWhyWhenAnOperatorPausesARoute() throws Exception {
    // given
    String operator = token("operator");
    String subject = SignedJWT.parse(operator).getJWTClaimsSet().getSubject();
    String correlationId = "audit-" + System.nanoTime();
    Instant before = Instant.now().minusSeconds(1);
    // when
    HttpResponse<String> paused;
    try {
      paused =
          HTTP.send(
              HttpRequest.newBuilder(uri("/ops/v1/routes/" + ROUTE + "/pause?reason=agency+outage"))
                  .header("Authorization", "Bearer " + operator)
                  .header("X-Correlation-Id", correlationId)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } finally {
      send(
          HttpRequest.newBuilder(uri("/ops/v1/routes/" + ROUTE + "/resume"))
              .POST(HttpRequest.BodyPublishers.noBody()),
          "operator");
    }
    // then
    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
    JsonNode page =
        audit("?actor=" + subject + "&action=" + encode(PAUSE) + "&from=" + before, "operator");
    JsonNode entry = page.path("items").get(0);
    assertThat(entry.path("actor").asText()).isEqualTo(subject);
    assertThat(entry.path("channel").asText()).isEqualTo("ops_api");
    assertThat(entry.path("action").asText()).isEqualTo(PAUSE);
    assertThat(entry.path("target").asText()).isEqualTo("routeId=" + ROUTE);
    assertThat(entry.path("reason").asText()).isEqualTo("agency outage");
    assertThat(entry.path("outcome").asText()).isEqualTo("succeeded");
    assertThat(entry.path("httpStatus").asInt()).isEqualTo(200);
    assertThat(entry.path("correlationId").asText()).isEqualTo(correlationId);
  }

  @Test
  void shouldRecordTheRefusalWhenANonOperatorTriesAnOpsWrite() throws Exception {
    // given
    String citizen = token("citizen-somchai");
    String subject = SignedJWT.parse(citizen).getJWTClaimsSet().getSubject();
    // when
    HttpResponse<String> refused =
        HTTP.send(
            HttpRequest.newBuilder(uri("/ops/v1/routes/" + ROUTE + "/pause"))
                .header("Authorization", "Bearer " + citizen)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // then
    assertProblem(refused, 403, "forbidden");
    JsonNode entry =
        audit("?actor=" + subject + "&action=" + encode(PAUSE), "operator").path("items").get(0);
    assertThat(entry.path("outcome").asText()).isEqualTo("refused");
    assertThat(entry.path("httpStatus").asInt()).isEqualTo(403);
    assertThat(entry.path("target").asText()).isEqualTo("routeId=" + ROUTE);
  }

  @Test
  void shouldRecordAFailedWriteWhenTheTargetDoesNotExist() throws Exception {
    // when
    HttpResponse<String> missing =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/routes/no-such-route/pause"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    // then
    assertProblem(missing, 404, "not_found");
    JsonNode items = audit("?action=" + encode(PAUSE) + "&size=20", "operator").path("items");
    assertThat(items)
        .anySatisfy(
            e -> {
              assertThat(e.path("target").asText()).isEqualTo("routeId=no-such-route");
              assertThat(e.path("outcome").asText()).isEqualTo("refused");
              assertThat(e.path("httpStatus").asInt()).isEqualTo(404);
            });
  }

  @Test
  void shouldPageTheTrailWhenSizeIsSmall() throws Exception {
    // given: at least two entries
    for (int i = 0; i < 2; i++) {
      send(
          HttpRequest.newBuilder(uri("/ops/v1/sla/check"))
              .POST(HttpRequest.BodyPublishers.noBody()),
          "operator");
    }
    // when
    JsonNode first = audit("?size=1&page=0", "operator");
    JsonNode second = audit("?size=1&page=1", "operator");
    // then
    assertThat(first.path("items")).hasSize(1);
    assertThat(first.path("hasMore").asBoolean()).isTrue();
    assertThat(second.path("items").get(0).path("id").asLong())
        .isLessThan(first.path("items").get(0).path("id").asLong());
  }

  @Test
  void shouldAuditAnOperatorAsOperatorWhenReadingABackOfficeCase() throws Exception {
    // given: an application id no officer of the operator's owns
    String applicationId = "audit-case-" + System.nanoTime();
    // when
    HttpResponse<String> view = get("/backoffice/v1/cases/" + applicationId, "operator");
    // then
    assertProblem(view, 404, "case_not_found");
    JsonNode trail =
        JSON.readTree(
            get(
                    "/ops/v1/backoffice/audit?action=case.view&applicationId=" + applicationId,
                    "operator")
                .body());
    assertThat(trail).hasSize(1);
    assertThat(trail.get(0).path("actorKind").asText()).isEqualTo("operator");
    assertThat(trail.get(0).path("outcome").asText()).isEqualTo("refused");
  }

  @Test
  void shouldRefuseTheTrailWhenCallerIsNoOperator() throws Exception {
    // when
    HttpResponse<String> citizen = get("/ops/v1/audit", "citizen-somchai");
    HttpResponse<String> anonymous = get("/ops/v1/audit");
    // then
    assertProblem(citizen, 403, "forbidden");
    assertProblem(anonymous, 401, "token_missing");
  }

  @Test
  void shouldRefuseAPageSizeOutOfRange() throws Exception {
    // when
    HttpResponse<String> response = get("/ops/v1/audit?size=1000", "operator");
    // then
    assertProblem(response, 400, "validation_failed");
  }

  private JsonNode audit(String query, String persona) throws Exception {
    HttpResponse<String> response = get("/ops/v1/audit" + query, persona);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
