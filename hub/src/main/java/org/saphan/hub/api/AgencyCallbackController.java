package org.saphan.hub.api;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.status.AgencyStatusIntake;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agencies report status here ({@code /agency/v1/...}): authenticated by the body's signature with
 * the key their card registers, replay-protected, and only for their own applications.
 */
@RestController
public class AgencyCallbackController {

  private final AgencyStatusIntake intake;
  private final MeterRegistry meters;

  public AgencyCallbackController(AgencyStatusIntake intake, MeterRegistry meters) {
    this.intake = intake;
    this.meters = meters;
  }

  @PostMapping(
      path = "/agency/v1/applications/{id}/status",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> status(
      @PathVariable("id") String id,
      @RequestBody byte[] body,
      @RequestHeader(name = "X-JWS-Signature", required = false) String signature,
      @RequestHeader(name = "X-Message-Id", required = false) String messageId) {
    AgencyStatusIntake.Outcome outcome;
    try {
      outcome = intake.callback(id, body, signature, messageId);
    } catch (SaphanException e) {
      count("refused", e.code().code());
      throw e;
    }
    count(outcome.result().name().toLowerCase(java.util.Locale.ROOT), "none");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("applicationId", outcome.applicationId());
    answer.put("status", outcome.status().wire());
    answer.put("recorded", outcome.recorded());
    answer.put("duplicate", outcome.result() == StatusRecorder.Result.DUPLICATE);
    // The application already had this status: nothing new was recorded or told to the portal.
    answer.put("repeat", outcome.result() == StatusRecorder.Result.REPEAT);
    return answer;
  }

  private void count(String outcome, String code) {
    meters
        .counter("saphan.status.reports", "via", "rest", "outcome", outcome, "code", code)
        .increment();
  }
}
