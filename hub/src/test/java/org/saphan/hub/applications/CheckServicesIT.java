package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Check services end to end (issue 19, docs/agency/checks.md): the portal asks the sandbox's LED
 * bankruptcy check for a citizen through the card's route {@code
 * led-bankruptcy-check-model3-check}: consent, assurance level, the signed question, LED's signed
 * answer verified and mapped; and what the portal gets when LED's answer is tampered with,
 * unsigned, signed by another key, about another request or too large, when it is too slow, and
 * when it is down until its circuit opens (last: the circuit stays open for 30 s).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckServicesIT extends Model3TestSupport {

  private static final String CHECK =
      "/api/v1/services/led-bankruptcy-check/checks/bankruptcy-status";

  @AfterEach
  void reset() throws Exception {
    sandboxPost("/sandbox/v1/agencies/led/faults", "{\"mode\": \"none\"}");
  }

  private HttpResponse<String> check(String persona) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(CHECK))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")),
        persona);
  }

  @Test
  @Order(1)
  void shouldRefuseACitizenWhoHasNotConsentedAndOneBelowTheAssuranceLevel() throws Exception {
    // a citizen without the LED agreement
    assertProblem(check("citizen-somying"), 403, "consent_required");
    // IAL 1.2 against the operation's 2.1
    HttpResponse<String> weak = check("citizen-wichai");
    assertProblem(weak, 401, "insufficient_assurance");
    assertThat(weak.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"identity"
                + " assurance level 2.1 or higher is required\", acr_values=\"urn:saphan:ial:2.1"
                + " urn:saphan:ial:2.2 urn:saphan:ial:2.3 urn:saphan:ial:3\"");
    // an operation the card does not declare
    assertProblem(
        send(
            HttpRequest.newBuilder(uri("/api/v1/services/led-bankruptcy-check/checks/fines"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "citizen-somchai"),
        404,
        "not_found");
  }

  @Test
  @Order(2)
  void shouldAnswerTheSignedResultOfLedAndLogTheExchange() throws Exception {
    // given
    grant("citizen-somchai", "led-bankruptcy-check");

    // when
    HttpResponse<String> answer = check("citizen-somchai");

    // then
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(answer.body());
    assertThat(result.path("found").asBoolean()).isTrue();
    assertThat(result.path("status").asText()).isEqualTo("not_bankrupt");
    assertThat(result.path("signedAnswer").asBoolean()).isTrue();
    assertThat(result.path("validUntil").asText()).isNotBlank();
    String requestId = result.path("requestId").asText();
    // and LED verified the hub's signature, and the message log holds the question and the answer
    JsonNode checks = sandbox("/sandbox/v1/agencies/led/checks");
    assertThat(checks.toString()).contains(requestId).contains("verified");
    JsonNode log =
        JSON.readTree(
            get(
                    "/ops/v1/evidence?connector=led-bankruptcy-check&from="
                        + java.time.Instant.now().minusSeconds(120)
                        + "&to="
                        + java.time.Instant.now().plusSeconds(60),
                    "operator")
                .body());
    assertThat(log.findValuesAsText("kind")).contains("check_request", "check_answer");
    assertThat(log.toString()).contains(requestId);
  }

  @Test
  @Order(3)
  void shouldListTheOpenTrafficTicketsWithWhatEachCosts() throws Exception {
    // given
    grant("citizen-somchai", "rtp-traffic-fines");
    String fines = "/api/v1/services/rtp-traffic-fines/checks/open-fines";

    // when: all of his tickets, then one plate's
    HttpResponse<String> all =
        send(
            HttpRequest.newBuilder(uri(fines))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")),
            "citizen-somchai");
    HttpResponse<String> plate =
        send(
            HttpRequest.newBuilder(uri(fines))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"plateNumber\": \"1กข 1234\"}")),
            "citizen-somchai");

    // then
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(all.body());
    assertThat(result.path("status").asText()).isEqualTo("open_tickets");
    assertThat(result.path("items")).hasSize(2);
    assertThat(result.path("amountsDue")).hasSize(2);
    assertThat(result.path("totalDue").asText()).isEqualTo("1500.00");
    assertThat(result.path("amountsDue").get(0).path("billerId").asText())
        .isEqualTo("099400016550100");
    JsonNode one = JSON.readTree(plate.body());
    assertThat(one.path("totalDue").asText()).as(plate.body()).isEqualTo("500.00");
    assertThat(one.path("items").get(0).path("reference").asText()).isEqualTo("BK6701234567");
    // a body that is not an object
    assertProblem(
        send(
            HttpRequest.newBuilder(uri(fines))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[1]")),
            "citizen-somchai"),
        400,
        "validation_failed");
  }

  @Test
  @Order(4)
  void shouldRefuseEveryAnswerItCannotTrust() throws Exception {
    grant("citizen-somchai", "led-bankruptcy-check");
    for (String mode :
        new String[] {"tampered", "unsigned", "foreign-signature", "wrong-request", "oversized"}) {
      sandboxPost("/sandbox/v1/agencies/led/faults", "{\"mode\": \"" + mode + "\"}");
      HttpResponse<String> answer = check("citizen-somchai");
      assertThat(answer.statusCode()).as(mode + ": " + answer.body()).isEqualTo(502);
      assertThat(JSON.readTree(answer.body()).path("code").asText())
          .as(mode)
          .isEqualTo("agency_answer_invalid");
    }
    // and each refused answer is in the message log with its question, by its code
    JsonNode log =
        JSON.readTree(
            get(
                    "/ops/v1/evidence?connector=led-bankruptcy-check&from="
                        + java.time.Instant.now().minusSeconds(120)
                        + "&to="
                        + java.time.Instant.now().plusSeconds(60),
                    "operator")
                .body());
    assertThat(log.findValuesAsText("outcome")).contains("agency_answer_invalid", "sent");
  }

  @Test
  @Order(5)
  void shouldAnswerAgencyTimeoutWhenLedIsSlowerThanTheBudget() throws Exception {
    grant("citizen-somchai", "led-bankruptcy-check");
    // the card's budget is 2000 ms
    sandboxPost("/sandbox/v1/agencies/led/faults", "{\"mode\": \"slow\", \"delayMillis\": 2500}");
    assertProblem(check("citizen-somchai"), 504, "agency_timeout");
  }

  @Test
  @Order(6)
  void shouldOpenTheCircuitWhenLedIsDownAndSayWhenToRetry() throws Exception {
    grant("citizen-somchai", "led-bankruptcy-check");
    sandboxPost("/sandbox/v1/agencies/led/faults", "{\"mode\": \"down\"}");
    HttpResponse<String> last = null;
    for (int i = 0; i < 8; i++) {
      last = check("citizen-somchai");
      assertThat(last.statusCode()).as(last.body()).isEqualTo(503);
    }
    // the breaker opened after half of at least five calls failed: the last ones never reach LED
    assertThat(JSON.readTree(last.body()).path("code").asText()).isEqualTo("agency_unavailable");
    assertThat(last.body()).contains("circuit is open");
    assertThat(last.headers().firstValue("Retry-After")).hasValue("30");
  }
}
