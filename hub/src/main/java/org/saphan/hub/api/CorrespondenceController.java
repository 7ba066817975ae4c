package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
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
public class CorrespondenceController {

  private final CaseCorrections corrections;
  private final CaseViews views;

  public CorrespondenceController(CaseCorrections corrections, CaseViews views) {
    this.corrections = corrections;
    this.views = views;
  }

  @GetMapping(
      path = "/api/v1/applications/{id}/correspondence",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> letters(@PathVariable("id") String id, Caller caller) {
    return views.correspondence(caller, id);
  }

  @PostMapping(
      path = "/api/v1/applications/{id}/correspondence",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> reply(
      @PathVariable("id") String id, @RequestBody JsonNode body, Caller caller) {
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
