package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Smart-form pre-fill from the sandbox's GDX / DOPA Linkage simulator, over the wire: only the
 * consented categories leave, withdrawal and expiry stop it at once, GDX's idle token expiry is
 * handled with exactly one re-login, and GDX's own refusals and outages reach the portal as clear
 * errors with no partial data.
 */
class PrefillIT extends PrefillTestSupport {

  @AfterEach
  void clearGdx() throws Exception {
    sandboxPost("/sandbox/v1/gdx/faults", "{\"mode\":\"none\"}");
    sandboxPost("/sandbox/v1/gdx/agents/" + AGENT + "/session", "{\"state\":\"AgentAvailable\"}");
  }

  @Test
  void shouldRefuseTheNextPrefillWithConsentRequiredWhenConsentIsWithdrawn() throws Exception {
    // given
    String consent = grant("citizen-somying", null, null);
    assertThat(prefillResponse("citizen-somying").statusCode()).isEqualTo(200);
    // when
    send(HttpRequest.newBuilder(uri("/api/v1/consents/" + consent)).DELETE(), "citizen-somying");
    // then
    HttpResponse<String> refused = prefillResponse("citizen-somying");
    assertThat(refused.statusCode()).isEqualTo(403);
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.path("code").asText()).isEqualTo("consent_required");
    assertThat(problem.path("agreementId").asText()).isEqualTo(AGREEMENT);
    assertThat(problem.path("missingCategories").toString()).contains("identity", "household");
  }

  @Test
  void shouldRefuseWithConsentRequiredWhenTheConsentHasExpired() throws Exception {
    // given: a consent that lapses in five seconds (two were too few on a loaded machine)
    grant("officer-dsd-2", null, Duration.ofSeconds(5));
    assertThat(prefillResponse("officer-dsd-2").statusCode()).isEqualTo(200);
    // then
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        JSON.readTree(prefillResponse("officer-dsd-2").body())
                            .path("code")
                            .asText())
                    .isEqualTo("consent_required"));
  }

  @Test
  void shouldLogInAgainExactlyOnceWhenTheGdxTokenExpiredFromIdleness() throws Exception {
    // given: a pre-fill (logged in), then 61 minutes without a call on GDX's clock
    grant("admin-dsd", null, null);
    assertThat(prefillResponse("admin-dsd").statusCode()).isEqualTo(200);
    sandboxPost("/sandbox/v1/gdx/clock", "{\"advanceMinutes\":61}");
    sandboxDelete("/sandbox/v1/gdx/calls");
    // when
    HttpResponse<String> response = prefillResponse("admin-dsd");
    // then: transparent to the caller, one login
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode calls = sandbox("/sandbox/v1/gdx/calls");
    long logins = 0;
    for (JsonNode call : calls) {
      if (call.toString().contains("/ws/auth/validate")) {
        logins++;
      }
    }
    assertThat(logins).isEqualTo(1);
  }

  @Test
  void shouldNameTheCauseWhenTheOfficerHasNotConfirmedDopaAccess() throws Exception {
    grant("officer-dsd-1", null, null);
    sandboxPost(
        "/sandbox/v1/gdx/agents/" + AGENT + "/session", "{\"state\":\"AgentNotAvailable\"}");
    HttpResponse<String> response = prefillResponse("officer-dsd-1");
    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("code").asText()).isEqualTo("gdx_officer_not_confirmed");
    assertThat(problem.path("detail").asText()).containsIgnoringCase("GovAMI");
  }

  @Test
  void shouldAnswerGdxUnavailableWithNoPartialDataWhenGdxIsDown() throws Exception {
    grant("officer-dld", null, null);
    sandboxPost("/sandbox/v1/gdx/faults", "{\"mode\":\"down\"}");
    HttpResponse<String> response = prefillResponse("officer-dld");
    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("code").asText()).isEqualTo("gdx_unavailable");
    assertThat(problem.has("fields")).isFalse();
  }

  @Test
  void shouldListEveryReadInWhoUsedMyDataWhenGdxWasRead() throws Exception {
    String consent = grant("citizen-wichai", null, null);
    HttpResponse<String> read = prefillResponse("citizen-wichai");
    JsonNode uses = JSON.readTree(get("/api/v1/citizens/me/data-access", "citizen-wichai").body());
    assertThat(uses.toString())
        .contains("\"action\":\"read_gdx\"")
        .contains("\"agency\":\"dld\"")
        .contains("\"lawfulBasis\":\"consent\"");
    // and the message log holds each GDX call by the hashes of its request and answer, under
    // the consent record that allowed it, found by the request's correlation id
    String correlation = read.headers().firstValue("X-Correlation-Id").orElseThrow();
    JsonNode logged =
        JSON.readTree(get("/ops/v1/evidence?correlationId=" + correlation, "operator").body());
    assertThat(logged.findValuesAsText("kind")).contains("gdx_request", "gdx_answer");
    for (JsonNode item : logged) {
      if (item.path("kind").asText().startsWith("gdx_")) {
        assertThat(item.path("exchange").asText()).isEqualTo("gdx");
        assertThat(item.path("direction").asText())
            .isEqualTo(item.path("kind").asText().equals("gdx_request") ? "out" : "in");
        assertThat(item.path("payloadSha256").asText()).matches("[0-9a-f]{64}");
        assertThat(item.path("consentRecordId").asText()).isEqualTo(consent);
        assertThat(
                item.path("applicationId").isNull() || item.path("applicationId").isMissingNode())
            .as("a GDX read belongs to no application")
            .isTrue();
      }
    }
  }
}
