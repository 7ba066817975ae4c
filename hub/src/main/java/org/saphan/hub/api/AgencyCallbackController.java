package org.saphan.hub.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
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
@Tag(name = AgencyCallbackController.TAG, description = AgencyCallbackController.TAG_DESCRIPTION)
public class AgencyCallbackController {

  /** The tag of the agencies' status operations, REST and SOAP. */
  static final String TAG = "Agency status";

  static final String TAG_DESCRIPTION =
      "Called by agency systems, not by the portal: status changes of the applications the hub"
          + " delivered to them, by REST callback (signed JSON) or by the SOAP status service"
          + " (signed XML, `"
          + AgencySoapStatusController.PATH
          + "?wsdl`).";

  private final AgencyStatusIntake intake;
  private final MeterRegistry meters;

  public AgencyCallbackController(AgencyStatusIntake intake, MeterRegistry meters) {
    this.intake = intake;
    this.meters = meters;
  }

  @Operation(
      operationId = "reportApplicationStatus",
      summary = "Report an application's status (REST callback)",
      description =
          "An agency reports a status change of an application the hub delivered to it.\n\n"
              + "**`{id}`** is the hub's application id (`APP-yyyyMMdd-XXXXXXXX`): the"
              + " `applicationId` of the delivered request, also sent with every delivery as the"
              + " `X-Application-Id` header; never the agency's own reference.\n\n"
              + "**Body**: the agency's own status message, as its connector card's `status`"
              + " mapping (`mappings/<connector>/status.*`) reads it. The mapping yields the"
              + " `agencyStatusCode` (which must be in the card's `api.statusCodes`, else"
              + " `status_unknown`), `changedAt`, optionally `agencyReference`, `message` and an"
              + " `applicationId` (which must be `{id}`); a message that does not map is"
              + " `validation_failed`.\n\n"
              + "**Signature**: `X-JWS-Signature`, a detached JWS (RFC 7515 appendix F, `b64`"
              + " true) over the exact body bytes, ES256 or PS256, with the key the application's"
              + " connector card registers (`api.trust`): `kid` is the RFC 7638 SHA-256"
              + " thumbprint of the pinned certificate's key (or a `kid` of the agency's JWKS),"
              + " the protected header also carries `iat` (epoch seconds, at most 5 minutes old"
              + " with 60 s of clock skew: `clock_skew`) and `jti`, unique per message (the same"
              + " `jti` again: `replay_detected`, so sign each attempt anew). A key registered by"
              + " another agency's card is `forbidden`: an agency reports on its own applications"
              + " only.\n\n"
              + "**Message id and ordering**: the de-duplicating id is the body's `messageId`"
              + " when it has one, else the `X-Message-Id` header (one of them is required): new"
              + " for each status message (not the delivery's `X-Message-Id`), the same when that"
              + " message is sent again, which is then recorded once (`duplicate: true`)."
              + " Statuses move forward or end in rejected or cancelled: one that may not follow"
              + " the application's current status is refused with `status_transition_refused`"
              + " and kept as evidence; the current status again is answered `repeat: true`,"
              + " nothing recorded. `changedAt` dates the timeline entry (never before what the"
              + " hub itself recorded).\n\n"
              + "**Answers**: 200 `{applicationId, status, recorded, duplicate, repeat}` with the"
              + " canonical status. A 4xx is final (correct the message; do not resend it as is);"
              + " a 5xx may be sent again later with a new signature and the same message id.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      description = "The agency's own status message (JSON); its shape is the agency's.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema =
                  @Schema(
                      type = "object",
                      description =
                          "Free form: read by the card's status mapping. A `messageId` string,"
                              + " when present, is the de-duplicating id.")))
  @ApiErrors({
    ErrorCode.APPLICATION_NOT_FOUND,
    ErrorCode.FORBIDDEN,
    ErrorCode.KEY_NOT_AVAILABLE,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.STATUS_UNKNOWN,
    ErrorCode.STATUS_TRANSITION_REFUSED
  })
  @PostMapping(
      path = "/agency/v1/applications/{id}/status",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> status(
      @Parameter(
              description =
                  "The hub's application id (the delivery's `applicationId` and"
                      + " `X-Application-Id`).",
              example = "APP-20261125-7K3M9QXA")
          @PathVariable("id")
          String id,
      @RequestBody byte[] body,
      @Parameter(
              description =
                  "Detached JWS over the exact body: `<protected header>..<signature>`"
                      + " (empty payload part).",
              required = true,
              example = "eyJhbGciOiJFUzI1NiIsImtpZCI6Ii4uLiJ9..c2lnbmF0dXJl")
          @RequestHeader(name = "X-JWS-Signature", required = false)
          String signature,
      @Parameter(
              description =
                  "The message's de-duplicating id, when the body carries no `messageId`.",
              example = "8f1d2c34-5b6a-4e7f-9a0b-1c2d3e4f5a6b")
          @RequestHeader(name = "X-Message-Id", required = false)
          String messageId) {
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
