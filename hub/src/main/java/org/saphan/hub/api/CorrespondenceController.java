package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.saphan.hub.backoffice.CaseCorrections;
import org.saphan.hub.backoffice.CaseStore;
import org.saphan.hub.backoffice.CaseViews;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citizen's correspondence with the back office about their application: the agency's
 * correction requests, and the citizen's answer ({@code {message, form, documents}}), which resumes
 * the waiting step.
 */
@RestController
@Tag(
    name = "Correspondence",
    description =
        "The citizen's letters with the back office about a model-4 application: the agency's"
            + " correction requests and the citizen's answers, with the citizen's own Digital ID"
            + " token (the portal's client token is refused with forbidden).")
public class CorrespondenceController {

  private static final String APPLICATION = "The hub's application id.";

  private final CaseCorrections corrections;
  private final CaseViews views;

  public CorrespondenceController(CaseCorrections corrections, CaseViews views) {
    this.corrections = corrections;
    this.views = views;
  }

  @GetMapping(
      path = "/api/v1/applications/{id}/correspondence",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listCorrespondence",
      summary = "The letters of the citizen's application",
      description =
          "Oldest first: each letter's direction (`from` agency or citizen), author (masked),"
              + " message, the fields and documents asked for or sent, and when it was answered."
              + " Another citizen's application answers application_not_found.")
  @ApiErrors({ErrorCode.FORBIDDEN, ErrorCode.APPLICATION_NOT_FOUND})
  List<Map<String, Object>> letters(
      @Parameter(description = APPLICATION, example = "APP-20261124-7KQ2M9XD") @PathVariable("id")
          String id,
      Caller caller) {
    return views.correspondence(caller, id);
  }

  @PostMapping(
      path = "/api/v1/applications/{id}/correspondence",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "replyToCorrection",
      summary = "Answer the agency's correction request",
      description =
          "Answers every open correction request of the application with a letter, the"
              + " corrected form fields (merged into the form and checked against the service's"
              + " form schema) and documents. The waiting steps go back to their officers with"
              + " their SLA clocks restarted, and the timeline shows the answer.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = BackOfficeBodies.CorrectionReply.class)))
  @ApiResponse(responseCode = "201", description = "The citizen's letter as stored.")
  @ApiErrors({
    ErrorCode.FORBIDDEN,
    ErrorCode.APPLICATION_NOT_FOUND,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.NO_CORRECTION_REQUESTED,
    ErrorCode.CASE_CLOSED,
    ErrorCode.FORM_INVALID
  })
  ResponseEntity<Map<String, Object>> reply(
      @Parameter(description = APPLICATION, example = "APP-20261124-7KQ2M9XD") @PathVariable("id")
          String id,
      @RequestBody JsonNode body,
      Caller caller) {
    if (body == null || !body.isObject()) {
      throw SaphanException.validation(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
    }
    JsonNode message = body.get("message");
    CaseStore.Letter letter =
        corrections.answerCorrection(
            caller,
            id,
            message != null && message.isTextual() ? message.asText() : null,
            body.get("form"),
            body.get("documents"));
    return ResponseEntity.status(HttpStatus.CREATED).body(CaseViews.letterView(letter));
  }
}
