package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Status rules (issue 12, item 7): an agency's status report may move an application forward, end
 * it (rejected, cancelled) or repeat its status; a regression is refused with {@code
 * status_transition_refused} and kept as evidence; an agency's 4xx to a request the hub built is an
 * integration fault for the operator, never the citizen's rejection.
 */
class StatusRulesIT extends Model3TestSupport {

  @AfterEach
  void clearFaults() throws Exception {
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
  }

  @Test
  void shouldRefuseWithStatusTransitionRefusedWhenACallbackMovesARejectionBackToReview()
      throws Exception {
    // given: DCY rejected the application
    Delivered app = delivered();
    AgencySigner dcy = AgencySigner.party("agency-rest");
    byte[] rejected = status(app, "50", "25691231", "100000");
    assertThat(callback(app.id(), rejected, dcy.sign(rejected)).statusCode()).isEqualTo(200);
    int timeline = statuses(app.id()).size();
    // when: a later callback says "in review"
    byte[] review = status(app, "20", "25691231", "110000");
    HttpResponse<String> response = callback(app.id(), review, dcy.sign(review));
    // then: refused, kept as evidence, nothing on the timeline
    assertProblem(response, 409, "status_transition_refused");
    assertThat(statusOf(app.id())).isEqualTo("rejected");
    assertThat(statuses(app.id())).hasSize(timeline);
    assertThat(refusals(app.id())).containsExactly("rejected->in_review");
  }

  @Test
  void shouldRefuseWithStatusTransitionRefusedWhenALowerStatusFollowsAnApproval() throws Exception {
    // given: DCY approved (code 40, "OK")
    Delivered app = delivered();
    AgencySigner dcy = AgencySigner.party("agency-rest");
    byte[] approved = status(app, "40", "25691231", "100000");
    assertThat(callback(app.id(), approved, dcy.sign(approved)).statusCode()).isEqualTo(200);
    // when: a review status (code 20, "CHK") follows, even one dated before the approval
    byte[] check = status(app, "20", "25691231", "090000");
    HttpResponse<String> response = callback(app.id(), check, dcy.sign(check));
    // then
    assertProblem(response, 409, "status_transition_refused");
    assertThat(statusOf(app.id())).isEqualTo("approved");
    assertThat(statuses(app.id())).doesNotContain("in_review");
    assertThat(refusals(app.id())).containsExactly("approved->in_review");
  }

  @Test
  void shouldAnswerOkAndRecordNothingNewWhenACallbackRepeatsTheCurrentStatus() throws Exception {
    // given: the application is in review
    Delivered app = delivered();
    AgencySigner dcy = AgencySigner.party("agency-rest");
    byte[] review = status(app, "20", "25691231", "100000");
    assertThat(callback(app.id(), review, dcy.sign(review)).statusCode()).isEqualTo(200);
    int timeline = statuses(app.id()).size();
    int events = portalEvents(app.id());
    // when: another message (its own messageId) says "in review" again
    byte[] again = status(app, "20", "25691231", "110000");
    HttpResponse<String> response = callback(app.id(), again, dcy.sign(again));
    // then: accepted, but no timeline entry and no portal event
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("recorded").asBoolean()).isFalse();
    assertThat(answer.path("repeat").asBoolean()).isTrue();
    assertThat(statuses(app.id())).hasSize(timeline);
    assertThat(portalEvents(app.id())).isEqualTo(events);
  }

  @Test
  void shouldDeadLetterAsAnIntegrationFaultNotARejectionWhenTheAgencyAnswers422() throws Exception {
    // given: DCY refuses every request it is sent with 422 E103 (a request the hub built)
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"unprocessable\"}");
    // when
    String id = applied();
    // then: a dead letter with the cause, counted for the operator; the citizen is not rejected
    JsonNode letter = awaitDeadLetter(id);
    assertThat(letter.path("causeCode").asText()).isEqualTo("agency_rejected_request");
    assertThat(letter.toString()).contains("422").contains("E103");
    assertThat(statusOf(id)).isEqualTo("failed");
    assertThat(statuses(id)).doesNotContain("rejected");
    assertThat(management("/actuator/prometheus").body())
        .containsPattern(
            "saphan_deliveries_total\\{[^}]*cause=\"agency_rejected_request\"[^}]*outcome=\"dead_lettered\"[^}]*\\} [1-9]");
  }

  private List<String> refusals(String id) throws Exception {
    List<String> found = new ArrayList<>();
    for (JsonNode item :
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + id, "operator").body())) {
      if (item.path("kind").asText().equals("status_refused")) {
        found.add(item.path("outcome").asText());
      }
    }
    return found;
  }

  private int portalEvents(String id) throws Exception {
    // A status and its portal event are written in one transaction: no waiting needed.
    return JSON.readTree(get("/ops/v1/portal-events?applicationId=" + id, "operator").body())
        .size();
  }
}
