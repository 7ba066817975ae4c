package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13's acceptance: the model-3 delivery route delivers one accepted (DCY), one refused (DLD:
 * a movement date in the past, E102), one retried (DCY down, then back) and one dead-lettered (DCY
 * answers 422: a contract fault, no retries) application; each step's processor counts them in JMX
 * (what Hawtio shows), and {@code saphan_deliveries_total} counts each outcome.
 */
class DeliveryRouteIT extends Model3TestSupport {

  private static final String DCY_ROUTE = "dcy-newborn-grant-model3-api-share";
  private static final String DLD_ROUTE = "dld-animal-movement-permit-model3-api-share";
  private static final List<String> STEPS =
      List.of(
          "load",
          "countAttempt",
          "map",
          "agencyHeaders",
          "sign",
          "rateLimit",
          "readAnswer",
          "recordDelivery");

  @Autowired MeterRegistry meters;

  @AfterEach
  void clearFaults() throws Exception {
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
  }

  @Test
  void shouldCountEachStepAndOutcomeWhenApplicationsAreAcceptedRefusedRetriedAndDeadLettered()
      throws Exception {
    // given
    Map<String, Long> dcyBefore = completed(DCY_ROUTE);
    Map<String, Long> dldBefore = completed(DLD_ROUTE);
    long readFailuresBefore = attribute(DCY_ROUTE + "-readAnswer", "ExchangesFailed");
    Map<String, Double> outcomesBefore = outcomes();

    // when: accepted
    String accepted = applied();
    awaitStatus(accepted, "received");
    // refused: DLD refuses a movement date in the past (E102) in its answer
    String refused = apply(Model3SoapIT.dldBody().replace(future(), past()));
    JsonNode rejected = awaitStatus(refused, "rejected");
    // dead-lettered: DCY answers 422 to every request (a contract fault: no further attempts)
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"unprocessable\"}");
    String dead = applied();
    JsonNode letter = awaitDeadLetter(dead);
    // retried: DCY is down for the first attempt, back for the broker's redelivery
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"down\"}");
    String retried = applied();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> outcomes().get("retried") > outcomesBefore.get("retried"));
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
    awaitStatus(retried, "received");

    // then: the refusal carries DLD's reason; the dead letter its cause, after one attempt
    assertThat(rejected.path("timeline").toString()).contains("วันที่เคลื่อนย้าย");
    assertThat(letter.path("causeCode").asText()).isEqualTo("agency_rejected_request");
    assertThat(letter.path("attempts").asInt()).isEqualTo(1);
    assertThat(statusOf(dead)).isEqualTo("failed");
    // and each step counted what went through it (JMX: Hawtio's counters; at least these four,
    // the route may also carry redeliveries of earlier tests' messages)
    // (a step's counter moves when the step returns, just after its commit: wait for it)
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Map<String, Long> dcy = delta(dcyBefore, completed(DCY_ROUTE));
              assertThat(dcy.get("load")).isGreaterThanOrEqualTo(4); // accepted, dead, retried x2
              assertThat(dcy.get("countAttempt")).isEqualTo(dcy.get("load"));
              assertThat(dcy.get("sign")).isEqualTo(dcy.get("load"));
              assertThat(dcy.get("agencyHeaders")).isEqualTo(dcy.get("load"));
              assertThat(dcy.get("rateLimit")).isEqualTo(dcy.get("load"));
              // accepted, retried, and the 422: a dead letter is handled, so its step completes
              assertThat(dcy.get("readAnswer")).isGreaterThanOrEqualTo(3);
              assertThat(dcy.get("recordDelivery")).isGreaterThanOrEqualTo(2);
              assertThat(dcy.get("readAnswer") - dcy.get("recordDelivery"))
                  .isGreaterThanOrEqualTo(1);
            });
    assertThat(attribute(DCY_ROUTE + "-readAnswer", "ExchangesFailed") - readFailuresBefore)
        .isGreaterThanOrEqualTo(1); // the 503(s), rolled back to the broker
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(delta(dldBefore, completed(DLD_ROUTE)))
                    .containsEntry("load", 1L)
                    .containsEntry("recordDelivery", 1L));
    // and saphan_deliveries_total counts each outcome
    Map<String, Double> outcomes = outcomes();
    assertThat(outcomes.get("delivered") - outcomesBefore.get("delivered"))
        .isGreaterThanOrEqualTo(2);
    assertThat(outcomes.get("refused") - outcomesBefore.get("refused")).isEqualTo(1);
    assertThat(outcomes.get("dead_lettered") - outcomesBefore.get("dead_lettered")).isEqualTo(1);
    assertThat(outcomes.get("retried") - outcomesBefore.get("retried")).isGreaterThanOrEqualTo(1);
  }

  // --- helpers ---

  private String apply(String json) throws Exception {
    HttpResponse<String> response = apply("citizen-somchai", UUID.randomUUID().toString(), json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("applicationId").asText();
  }

  private static String future() {
    return LocalDate.now().plusDays(7).toString();
  }

  private static String past() {
    return LocalDate.now().minusDays(7).toString();
  }

  private Map<String, Double> outcomes() {
    Map<String, Double> counts = new HashMap<>();
    for (String outcome : Set.of("delivered", "refused", "retried", "dead_lettered")) {
      counts.put(
          outcome,
          meters.find("saphan.deliveries").tag("outcome", outcome).counters().stream()
              .mapToDouble(Counter::count)
              .sum());
    }
    return counts;
  }

  private static Map<String, Long> completed(String route) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    for (String step : STEPS) {
      counts.put(step, attribute(route + "-" + step, "ExchangesCompleted"));
    }
    return counts;
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new HashMap<>();
    after.forEach((step, count) -> delta.put(step, count - before.get(step)));
    return delta;
  }

  /** A processor's counter from its {@code ManagedProcessorMBean}. */
  private static long attribute(String processorId, String attribute) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> names =
        server.queryNames(
            new ObjectName("org.apache.camel:type=processors,name=\"" + processorId + "\",*"),
            null);
    assertThat(names).as("processor MBean " + processorId).hasSize(1);
    return ((Number) server.getAttribute(names.iterator().next(), attribute)).longValue();
  }
}
