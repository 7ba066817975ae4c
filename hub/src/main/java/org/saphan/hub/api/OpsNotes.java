package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The operator's note that resolves an exception: required, at most 2000 characters. */
final class OpsNotes {

  private OpsNotes() {}

  static String note(JsonNode body) {
    String note = body == null ? null : body.path("note").asText("").trim();
    if (note == null || note.isEmpty() || note.length() > 2000) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "note is required: 1 to 2000 characters");
    }
    // The audit trail records the note as the reason of the write (OperatorAuditInterceptor).
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      request.setAttribute(
          OperatorAuditInterceptor.REASON, note, ServletRequestAttributes.SCOPE_REQUEST);
    }
    return note;
  }
}
