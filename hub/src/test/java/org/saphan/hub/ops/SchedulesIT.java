package org.saphan.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.support.HubIntegrationTest;

/** {@code GET /ops/v1/schedules}: every job of the registry with its last and next run. */
class SchedulesIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonNode schedules() throws Exception {
    HttpResponse<String> response = get("/ops/v1/schedules", "operator");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode job(JsonNode body, String name) {
    for (JsonNode job : body.path("jobs")) {
      if (job.path("name").asText().equals(name)) {
        return job;
      }
    }
    throw new AssertionError("no job " + name + " in " + body);
  }

  @Test
  void shouldListEveryJobOfTheRegistryWithItsScheduleWhenAnOperatorAsks() throws Exception {
    // when
    JsonNode body = schedules();
    // then
    List<String> names = new ArrayList<>();
    body.path("jobs").forEach(job -> names.add(job.path("name").asText()));
    assertThat(names)
        .containsExactlyElementsOf(
            Arrays.stream(RecurringJob.values()).map(RecurringJob::jobName).toList());
    assertThat(body.path("node").asText()).isEqualTo("it-node");
    body.path("jobs")
        .forEach(
            job -> {
              assertThat(job.path("description").asText()).as(job.toString()).isNotBlank();
              assertThat(job.path("scope").asText()).as(job.toString()).isIn("cluster", "node");
            });
    JsonNode nightly = job(body, "reconciliation");
    assertThat(nightly.path("cron").asText()).isEqualTo("0 30 2 * * *");
    assertThat(nightly.path("zone").asText()).isEqualTo("Asia/Bangkok");
    assertThat(nightly.path("settlementDay").asText()).isEqualTo("previous");
    assertThat(nightly.path("lastRunFrom").asText()).isEqualTo("cluster");
    assertThat(nightly.path("nextRun").isTextual()).isTrue();
    assertThat(job(body, "leadership-renewal").path("scope").asText()).isEqualTo("node");
    assertThat(job(body, "link-probe").path("cardSetting").asText())
        .isEqualTo("linkOut.probe.intervalSeconds");
  }

  @Test
  void shouldShowTheRelaysLastRunOnThisNodeWhenItHasRun() throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              // when
              JsonNode relay = job(schedules(), "outbox-relay");
              // then: kept in memory, no row per 50 ms tick
              assertThat(relay.path("scope").asText()).isEqualTo("cluster");
              assertThat(relay.path("fixedDelay").asText()).isEqualTo("PT0.05S");
              assertThat(relay.path("property").asText()).isEqualTo("saphan.outbox.poll-interval");
              assertThat(relay.path("lastRunFrom").asText()).isEqualTo("node");
              assertThat(relay.at("/lastRun/outcome").asText()).isEqualTo("succeeded");
              assertThat(relay.at("/lastRun/node").asText()).isEqualTo("it-node");
              assertThat(relay.path("nextRun").isTextual()).isTrue();
            });
  }

  @Test
  void shouldShowEachConnectorsRouteWhenTheJobRunsPerConnector() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              // when
              JsonNode info = job(schedules(), "info-refresh");
              // then: the sample model-3 card's route ran (recorded in scheduled_run)
              JsonNode route = null;
              for (JsonNode connector : info.path("connectors")) {
                if (connector.path("connector").asText().equals("dcy-newborn-grant")) {
                  route = connector;
                }
              }
              assertThat(route).as(info.toString()).isNotNull();
              assertThat(route.path("routeId").asText())
                  .isEqualTo("dcy-newborn-grant-model0-e-info");
              assertThat(route.path("fixedDelay").asText()).isEqualTo("PT1H");
              assertThat(route.at("/lastRun/startedAt").isTextual()).as(route.toString()).isTrue();
              assertThat(route.path("nextRun").isTextual()).isTrue();
              assertThat(info.path("lastRunFrom").asText()).isEqualTo("cluster");
            });
  }

  @Test
  void shouldRefuseTheSchedulesWhenCallerIsNoOperator() throws Exception {
    // when
    HttpResponse<String> citizen = get("/ops/v1/schedules", "citizen-somchai");
    HttpResponse<String> anonymous = get("/ops/v1/schedules");
    // then
    assertProblem(citizen, 403, "forbidden");
    assertProblem(anonymous, 401, "token_missing");
  }
}
