package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.common.Digests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Model 3 end to end with the sandbox's SOAP agency (DLD animal movement permit): the payload
 * signed with enveloped XML-DSig and sent by CXF, the agency's answer mapped by XSLT, and the
 * status polled (the agency cannot call back) until the permit is approved.
 */
class Model3SoapIT extends Model3TestSupport {

  static final String DLD = "3-022";

  @Autowired ApplicationStore store;
  @Autowired JdbcClient jdbc;

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

  /** The RFC 9470 challenge of DLD's floor ({@code service.minimumIal} 2.3). */
  static final String STEP_UP_CHALLENGE =
      "Bearer error=\"insufficient_user_authentication\", error_description=\"identity assurance"
          + " level 2.3 or higher is required\", acr_values=\"urn:saphan:ial:2.3 urn:saphan:ial:3\"";

  @Test
  void shouldChallengeToStepUpAndCreateNothingWhenTheCitizenIsBelowTheServiceFloor()
      throws Exception {
    // given: citizen-wichai logged in at IAL 1.2; the DLD permit needs 2.3
    int before = JSON.readTree(get("/api/v1/applications", "citizen-wichai").body()).size();

    // when
    HttpResponse<String> response =
        apply("citizen-wichai", UUID.randomUUID().toString(), dldBody());

    // then: 401 with the RFC 9470 challenge, and the same in the problem
    assertProblem(response, 401, "insufficient_assurance");
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(STEP_UP_CHALLENGE);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("requiredIal").asText()).isEqualTo("2.3");
    assertThat(problem.path("currentIal").asText()).isEqualTo("1.2");
    assertThat(problem.path("acrValues").asText()).isEqualTo("urn:saphan:ial:2.3 urn:saphan:ial:3");
    assertThat(JSON.readTree(get("/api/v1/applications", "citizen-wichai").body())).hasSize(before);
    // and reading DOPA records to pre-fill the same service is refused alike
    HttpResponse<String> prefill = get("/api/v1/citizens/me/prefill/" + DLD, "citizen-wichai");
    assertProblem(prefill, 401, "insufficient_assurance");
    assertThat(prefill.headers().allValues("WWW-Authenticate")).containsExactly(STEP_UP_CHALLENGE);
  }

  @Test
  void shouldAcceptTheApplicationWhenTheCitizenSteppedUpToTheAskedAcr() throws Exception {
    // given: refused at 1.2, citizen-wichai logs in again asking for the challenge's acr_values
    String key = UUID.randomUUID().toString();
    assertProblem(apply("citizen-wichai", key, dldBody()), 401, "insufficient_assurance");
    String stepped =
        ENV.token("citizen-wichai", "{\"acrValues\": \"urn:saphan:ial:2.3 urn:saphan:ial:3\"}");

    // when: the same request, same Idempotency-Key, with the new token
    HttpResponse<String> accepted =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/applications"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("Authorization", "Bearer " + stepped)
                .POST(HttpRequest.BodyPublishers.ofString(dldBody()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(JSON.readTree(accepted.body()).path("applicationId").asText()).startsWith("APP-");
  }

  @Test
  void shouldKeepTheEnvelopeEncryptedForOperatorsUntilTheCitizenIsErased() throws Exception {
    // given: DLD's card keeps bodies (evidence.mode: body); the citizen applies
    HttpResponse<String> accepted =
        apply("citizen-somchai", UUID.randomUUID().toString(), dldBody());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = JSON.readTree(accepted.body()).path("applicationId").asText();
    awaitStatus(id, "received");
    JsonNode attempt = attempt(id);
    assertThat(attempt.path("bodyKept").asBoolean()).as(attempt.toString()).isTrue();
    long record = attempt.path("id").asLong();

    // when: an operator reads the body
    HttpResponse<byte[]> body = body(record);

    // then: the exact envelope DLD received, and the read is in the operators' audit trail
    assertThat(body.statusCode()).isEqualTo(200);
    assertThat(HexFormat.of().formatHex(Digests.sha256Bytes(body.body())))
        .isEqualTo(lastReceivedSha256("dld", id))
        .isEqualTo(attempt.path("payloadSha256").asText());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql(
                                "select count(*) from operator_audit where action = ?"
                                    + " and target = ?")
                            .params("GET /ops/v1/evidence/{id}/body", "id=" + record)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L));

    // when: the citizen's data is erased (PDPA)
    String citizen = store.get(id).citizenId();
    HttpResponse<String> erased =
        send(
            HttpRequest.newBuilder(
                    uri("/ops/v1/citizens/" + citizen + "/erasure?reason=data%20subject%20request"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");

    // then: the body is gone for good, the record and its hash stay
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
    assertThat(JSON.readTree(erased.body()).path("keysDestroyed").asInt()).isEqualTo(1);
    HttpResponse<byte[]> gone = body(record);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(JSON.readTree(gone.body()).path("code").asText()).isEqualTo("evidence_body_erased");
    JsonNode after = attempt(id);
    assertThat(after.path("payloadSha256").asText()).isEqualTo(lastReceivedSha256("dld", id));
    assertThat(after.path("recordSha256").asText())
        .isEqualTo(attempt.path("recordSha256").asText());
    // and a citizen id that is none is refused
    assertProblem(
        send(
            HttpRequest.newBuilder(uri("/ops/v1/citizens/1234/erasure"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator"),
        400,
        "validation_failed");
  }

  private JsonNode attempt(String applicationId) throws Exception {
    JsonNode attempt = null;
    for (JsonNode item :
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + applicationId, "operator").body())) {
      if ("delivery_attempt".equals(item.path("kind").asText())) {
        attempt = item;
      }
    }
    assertThat(attempt).as("a delivery_attempt of " + applicationId).isNotNull();
    return attempt;
  }

  private HttpResponse<byte[]> body(long record) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri("/ops/v1/evidence/" + record + "/body"))
            .header("Authorization", "Bearer " + token("operator"))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
