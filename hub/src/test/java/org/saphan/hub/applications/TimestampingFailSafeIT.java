package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.saphan.hub.delivery.DeliveryCircuit;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.evidence.Timestamper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16's fail-safe, end to end in the running hub: the TSA is down and the oldest unstamped
 * record is older than {@code saphan.evidence.max-unstamped-age} (4 h). Time is moved by dating
 * that one record back in PostgreSQL, where every node reads the backlog (the fail-safe's clock is
 * the hub's; nothing sleeps). Then deliveries pause like an open circuit (the route's consumer is
 * suspended, the application waits in its queue, nothing is dead-lettered), intake keeps accepting,
 * health and {@code /ops/v1} say why; once the TSA stamps the backlog, the route resumes by itself
 * and the waiting application is delivered.
 */
class TimestampingFailSafeIT extends Model3TestSupport {

  private static final String ROUTE = "dcy-newborn-grant-model3-api-share";

  @Autowired Evidence evidence;
  @Autowired Timestamper timestamper;
  @Autowired DeliveryCircuit circuit;
  @Autowired CamelContext camel;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldPauseDeliveriesKeepIntakeAndResumeWhenTimestampingFailedLongerThanItsPeriod()
      throws Exception {
    // given: the TSA is down and one unstamped record is five hours old
    String correlation = "it-failsafe-" + UUID.randomUUID();
    long record = -1;
    Timestamp at = null;
    String waiting;
    try {
      sandboxPost("/sandbox/v1/tsa/faults", "{\"mode\":\"down\"}");
      evidence.record(
          Evidence.entry("it_fail_safe")
              .correlation(correlation)
              .exchange("test", "out")
              .outcome("unstamped"));
      timestamper.run();
      // the fail-safe reads the oldest unstamped record as the first of the first unstamped
      // manifest (records are sealed in id order)
      record =
          jdbc.sql(
                  "select first_record from evidence_manifest where tsa_response is null"
                      + " order by id limit 1")
              .query(Long.class)
              .single();
      at =
          jdbc.sql("select at from evidence where id = ?")
              .param(record)
              .query(Timestamp.class)
              .single();
      age(record, Timestamp.from(at.toInstant().minus(Duration.ofHours(5))));

      // when: the delivery circuit's tick reads the backlog
      circuit.tick();

      // then: every delivery route is held, and operators see why
      assertThat(circuit.heldBecause()).contains("max-unstamped-age");
      assertThat(status(ROUTE)).isEqualTo(ServiceStatus.Suspended);
      JsonNode health = JSON.readTree(management("/actuator/health/timestamping").body());
      assertThat(health.path("status").asText()).isEqualTo("DOWN");
      assertThat(health.path("details").path("reason").asText())
          .contains("over saphan.evidence.max-unstamped-age (14400 s)")
          .contains("the TSA: upstream_unavailable");
      JsonNode ops = JSON.readTree(get("/ops/v1/evidence/timestamping", "operator").body());
      assertThat(ops.path("deliveriesPaused").asBoolean()).isTrue();
      assertThat(ops.path("reason").asText()).contains("max-unstamped-age");
      assertThat(management("/actuator/prometheus").body())
          .containsPattern("saphan_evidence_deliveries_paused(\\{[^}]*})? 1\\.0");

      // and intake keeps accepting: the application waits in its queue
      waiting = applied();
      circuit.tick();
      JsonNode held =
          JSON.readTree(get("/api/v1/applications/" + waiting, "citizen-somchai").body());
      assertThat(held.path("status").asText()).isEqualTo("submitted");
    } catch (RuntimeException | AssertionError e) {
      sandboxPost("/sandbox/v1/tsa/faults", "{\"mode\":\"none\"}");
      throw e;
    } finally {
      // the record's own time back, whatever happened (its canonical text never changed)
      if (at != null) {
        age(record, at);
      }
    }

    // when: the TSA answers again and the timestamper stamps the backlog
    sandboxPost("/sandbox/v1/tsa/faults", "{\"mode\":\"none\"}");
    timestamper.run();
    circuit.tick();

    // then: the route resumes by itself, and the application that waited is delivered
    assertThat(circuit.heldBecause()).isNull();
    assertThat(status(ROUTE)).isEqualTo(ServiceStatus.Started);
    assertThat(
            jdbc.sql(
                    "select m.tsa_response is not null from evidence_manifest m"
                        + " join evidence e on e.manifest_id = m.id where e.correlation_id = ?")
                .param(correlation)
                .query(Boolean.class)
                .single())
        .isTrue();
    awaitStatus(waiting, "received");
    HttpResponse<String> health = management("/actuator/health/timestamping");
    assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    assertThat(
            jdbc.sql("select count(*) from dead_letter where application_id = ?")
                .param(waiting)
                .query(Long.class)
                .single())
        .isZero();
  }

  private void age(long record, Timestamp at) {
    jdbc.sql("update evidence set at = ? where id = ?").params(at, record).update();
  }

  private ServiceStatus status(String routeId) {
    return camel.getRouteController().getRouteStatus(routeId);
  }
}
