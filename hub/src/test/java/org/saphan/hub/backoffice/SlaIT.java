package org.saphan.hub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.common.Zones;
import org.yaml.snakeyaml.Yaml;

/**
 * SLA clocks on a test clock: the check runs "as of" a chosen instant (the operators' {@code asOf},
 * no second context, no moved system clock). A step past its due date is escalated once, with a
 * metric and a notification to the agency's admins; due dates count working days only.
 */
class SlaIT extends BackOfficeSupport {

  @Test
  void shouldEscalateWithAnEventAndAMetricWhenAStepPassesItsDueDate() throws Exception {
    // given: a fresh review, due in 3 working days
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    JsonNode review = task("officer-dsd-1", id, "intake_review");
    String taskId = review.path("taskId").asText();
    Instant due = Instant.parse(review.path("dueAt").asText());

    // when: the check runs just before the due date
    JsonNode before = check(due.minusMillis(1));
    // then: no breach for it
    assertThat(before.path("breaches").findValuesAsText("taskId")).doesNotContain(taskId);

    // when: the check runs at the due date
    JsonNode at = check(due);
    // then: the breach is recorded once, escalated to DSD's admins, and counted
    assertThat(at.path("breaches").findValuesAsText("taskId")).contains(taskId);
    assertThat(check(due.plus(Duration.ofDays(1))).path("breaches").findValuesAsText("taskId"))
        .doesNotContain(taskId);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ok(get("/backoffice/v1/notifications", "admin-dsd")).toString())
                    .contains("sla_breached")
                    .contains(id));
    long notification = 0;
    for (JsonNode n : ok(get("/backoffice/v1/notifications?unread=true", "admin-dsd"))) {
      if (n.path("kind").asText().equals("sla_breached")
          && n.path("applicationId").asText().equals(id)) {
        notification = n.path("id").asLong();
      }
    }
    assertProblem(
        post("/backoffice/v1/notifications/" + notification + "/read", "officer-dld", "{}"),
        404,
        "not_found");
    ok(post("/backoffice/v1/notifications/" + notification + "/read", "admin-dsd", "{}"));
    JsonNode breaches = ok(get("/ops/v1/sla/breaches?agency=dsd&open=true", "operator"));
    assertThat(breaches.findValuesAsText("taskId")).contains(taskId);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String metrics = management("/actuator/prometheus").body();
              assertThat(metrics)
                  .containsPattern("saphan_sla_breaches_total\\{[^}]*agency=\"dsd\"[^}]*\\} [1-9]")
                  .containsPattern(
                      "saphan_sla_escalations_total\\{[^}]*agency=\"dsd\"[^}]*\\} [1-9]");
            });
    assertThat(ok(get("/backoffice/v1/agencies/dsd/breaches", "admin-dsd")).toString())
        .contains(taskId);
    assertThat(
            ok(
                get(
                    "/ops/v1/backoffice/audit?applicationId=" + id + "&action=sla.escalate",
                    "operator")))
        .isNotEmpty();
  }

  @Test
  void shouldSkipWeekendsAndHolidaysWhenItSetsAStepsDueDate() throws Exception {
    // given
    String id = applyAndAwaitCase("citizen-malee", DLD_SERVICE, DLD_FORM);
    JsonNode review = task("officer-dld", id, "document_review");
    // when
    Instant activated = Instant.parse(review.path("activatedAt").asText());
    Instant due = Instant.parse(review.path("dueAt").asText());
    // then: due at Bangkok midnight after the 3rd working day, counted here from the holiday files
    Set<LocalDate> holidays = holidays();
    LocalDate day = activated.atZone(Zones.BANGKOK).toLocalDate();
    int counted = 0;
    while (counted < 3) {
      day = day.plusDays(1);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY
          && day.getDayOfWeek() != DayOfWeek.SUNDAY
          && !holidays.contains(day)) {
        counted++;
      }
    }
    assertThat(due).isEqualTo(day.plusDays(1).atStartOfDay(Zones.BANGKOK).toInstant());
    assertThat(review.path("sla").path("workingDays").asInt()).isEqualTo(3);
    JsonNode calendar = json(management("/actuator/health")).at("/components/calendar");
    assertThat(calendar.path("status").asText()).isEqualTo("UP");
    assertThat(calendar.at("/details/provisionalYears").toString()).contains("2027");
  }

  @Test
  void shouldRecordAServiceBreachWhenAModel3ApplicationOutlivesItsCardsSla() throws Exception {
    // given: a model-3 application (DCY newborn grant, 30 working days)
    ok201(post("/api/v1/consents", "citizen-somchai", "{\"agreementId\":\"dcy-newborn-grant\"}"));
    HttpResponse<String> accepted =
        apply(
            "citizen-somchai",
            "{\"serviceId\":\"1-001\",\"form\":{\"child\":{\"citizenId\":"
                + "\"1101700000010\",\"givenName\":\"ด.ญ. ใจดี\",\"birthDate\":"
                + "\"2025-02-01\"},\"bankAccount\":{\"bankCode\":\"006\","
                + "\"accountNo\":\"1234567890\"},\"householdIncomePerYear\":85000},"
                + "\"applicant\":{\"phone\":\"0800000000\",\"address\":{\"postcode\":\"10500\"}}}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = json(accepted).path("applicationId").asText();
    // and DCY has received it (an open application: a refused or decided one has no SLA to breach)
    awaitStatus("citizen-somchai", id, "received");
    // when: the check runs 60 days later
    JsonNode later = check(Instant.now().plus(Duration.ofDays(60)));
    // then
    assertThat(later.path("breaches").toString()).contains(id).contains("\"kind\":\"service\"");
    assertThat(ok(get("/ops/v1/sla/breaches?connector=dcy-newborn-grant", "operator")).toString())
        .contains(id);
  }

  @Test
  void shouldGiveAgencyStatisticsWhenAnAdminAsks() throws Exception {
    // given
    applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    // when
    JsonNode stats = ok(get("/backoffice/v1/agencies/dsd/statistics", "admin-dsd"));
    JsonNode ops = ok(get("/ops/v1/sla/statistics?agency=dsd", "operator"));
    // then
    assertThat(stats.path("received").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(stats.has("completed")).isTrue();
    assertThat(stats.has("medianWorkingDays")).isTrue();
    assertThat(stats.path("breaches").has("total")).isTrue();
    assertThat(stats.path("services").findValuesAsText("connector")).contains(DSD);
    assertThat(ops.path("received").asInt()).isEqualTo(stats.path("received").asInt());
    assertProblem(
        get("/backoffice/v1/agencies/dld/statistics", "admin-dsd"), 403, "agency_role_required");
    assertProblem(get("/ops/v1/sla/breaches", "officer-dsd-1"), 403, "forbidden");
  }

  private JsonNode check(Instant asOf) throws Exception {
    return ok(post("/ops/v1/sla/check?asOf=" + asOf, "operator", "{}"));
  }

  private static void ok201(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @SuppressWarnings("unchecked")
  private static Set<LocalDate> holidays() throws Exception {
    Set<LocalDate> dates = new HashSet<>();
    Path dir = ENV.home().resolve("batch/calendar");
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Map<String, Object> year = new Yaml().load(Files.readString(file));
        for (Map<String, Object> h : (List<Map<String, Object>>) year.get("holidays")) {
          dates.add(LocalDate.parse(String.valueOf(h.get("date"))));
        }
      }
    }
    return dates;
  }
}
