package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Model 3 end to end with the sandbox's SOAP agency (DLD animal movement permit): the payload
 * signed with enveloped XML-DSig and sent by CXF, the agency's answer mapped by XSLT, and the
 * status polled (the agency cannot call back) until the permit is approved.
 */
class Model3SoapIT extends Model3TestSupport {

  static final String DLD = "3-022";

  static String dldBody() {
    String date = LocalDate.now().plusDays(7).toString();
    return "{\"serviceId\":\""
        + DLD
        + "\",\"applicant\":{\"phone\":\"0812345678\"},\"form\":{"
        + "\"species\":\"cattle\",\"count\":12,"
        + "\"origin\":{\"farmId\":\"FARM-NMA-0012\",\"address\":\"99 หมู่ 4 ถนนมิตรภาพ\","
        + "\"subdistrictCode\":\"302101\",\"districtCode\":\"3021\",\"provinceCode\":\"30\"},"
        + "\"destination\":{\"districtCode\":\"1901\",\"provinceCode\":\"19\"},"
        + "\"movementDate\":\""
        + date
        + "\",\"vehiclePlate\":\"70-1234 นครราชสีมา\","
        + "\"purpose\":\"trade\"}}";
  }

  @Test
  void shouldDeliverOverSoapAndPollTheStatusUntilApproved() throws Exception {
    // when: the citizen applies
    HttpResponse<String> accepted =
        apply("citizen-somchai", UUID.randomUUID().toString(), dldBody());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = JSON.readTree(accepted.body()).path("applicationId").asText();

    // then: the SOAP agency verified the signature (JWKS) and registered it
    JsonNode received = awaitStatus(id, "received");
    String reference = received.path("agencyReference").asText();
    assertThat(reference).startsWith("DLD-MP-");
    JsonNode evidence =
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + id, "operator").body());
    assertThat(evidence.toString()).contains("enveloped:").contains("\"kind\":\"ack\"");
    // and the attempt's hash is the SHA-256 of the envelope exactly as DLD received it
    assertThat(lastAttemptSha256(evidence)).isEqualTo(lastReceivedSha256("dld", id));

    // and a poll that finds the permit still RECEIVED adds nothing: the acknowledgement already
    // put "received" on the timeline (DLD timelines used to show it twice)
    HttpResponse<String> early =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/connectors/dld-animal-movement-permit/poll"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    assertThat(early.statusCode()).as(early.body()).isEqualTo(200);

    // when: the agency approves; the hub polls
    sandboxPost(
        "/sandbox/v1/agencies/dld/permits/" + reference + "/status",
        "{\"statusCode\":\"APPROVED\"}");
    // (a poll asked for while the scheduled one holds the connector's lock does nothing: ask again)
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              HttpResponse<String> polled =
                  send(
                      HttpRequest.newBuilder(
                              uri("/ops/v1/connectors/dld-animal-movement-permit/poll"))
                          .POST(HttpRequest.BodyPublishers.noBody()),
                      "operator");
              assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
              assertThat(statusOf(id)).isEqualTo("approved");
            });

    // then
    JsonNode approved = awaitStatus(id, "approved");
    // and the message log holds the signed question (out) beside the report that changed it (in)
    JsonNode question = null;
    JsonNode report = null;
    for (JsonNode item :
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + id, "operator").body())) {
      if (item.path("kind").asText().equals("status_poll_request")) {
        question = item;
      } else if (item.path("kind").asText().equals("status_poll")
          && item.path("outcome").asText().equals("recorded")) {
        report = item;
      }
    }
    assertThat(question).isNotNull();
    assertThat(question.path("direction").asText()).isEqualTo("out");
    assertThat(question.path("payloadSha256").asText()).matches("[0-9a-f]{64}");
    assertThat(question.path("signature").asText()).startsWith("enveloped:");
    assertThat(question.path("signatureKid").asText()).isNotBlank();
    assertThat(report).isNotNull();
    assertThat(report.path("direction").asText()).isEqualTo("in");
    assertThat(report.path("payloadSha256").asText())
        .matches("[0-9a-f]{64}")
        .isNotEqualTo(question.path("payloadSha256").asText());
    assertThat(approved.path("timeline").findValuesAsText("status"))
        .containsSubsequence("submitted", "delivered", "received", "approved");
    // and polling again records nothing new
    send(
        HttpRequest.newBuilder(uri("/ops/v1/connectors/dld-animal-movement-permit/poll"))
            .POST(HttpRequest.BodyPublishers.noBody()),
        "operator");
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(
                        JSON.readTree(get("/api/v1/applications/" + id, "citizen-somchai").body())
                            .path("timeline")
                            .findValuesAsText("status"))
                    .filteredOn("approved"::equals)
                    .hasSize(1));
    assertThat(
            JSON.readTree(get("/api/v1/applications/" + id, "citizen-somchai").body())
                .path("timeline")
                .findValuesAsText("status"))
        .filteredOn("received"::equals)
        .hasSize(1);
  }
}
