package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.EvidenceBodies;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bodies the message log keeps for connectors whose card says {@code evidence.mode: body}
 * (docs/evidence.md): an operator reads one (recorded in the operators' audit trail), and a PDPA
 * erasure destroys a citizen's data key, so none of their bodies can be read again.
 */
@RestController
@Tag(
    name = "Operations: evidence bodies",
    description =
        "The exact bytes the message log keeps, encrypted per citizen, for connectors whose card"
            + " says evidence.mode body; and a citizen's PDPA erasure.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsEvidenceBodyController {

  private final EvidenceBodies bodies;

  public OpsEvidenceBodyController(EvidenceBodies bodies) {
    this.bodies = bodies;
  }

  @GetMapping(path = "/ops/v1/evidence/{id}/body")
  @Operation(
      operationId = "getEvidenceBody",
      summary = "The exact bytes of one message log record",
      description =
          "The body the record's SHA-256 is the hash of, decrypted with its citizen's data key"
              + " (only where the connector's card says evidence.mode body: `bodyKept` in"
              + " GET /ops/v1/evidence). Every read is recorded in the operators' audit trail."
              + " A record without a kept body: `not_found`; its citizen's key erased:"
              + " `evidence_body_erased`.")
  @ApiResponse(
      responseCode = "200",
      description = "The exact bytes sent or received.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
              schema = @Schema(type = "string", format = "binary")))
  @ApiErrors({ErrorCode.NOT_FOUND, ErrorCode.EVIDENCE_BODY_ERASED, ErrorCode.KEY_NOT_AVAILABLE})
  ResponseEntity<byte[]> body(
      @Parameter(description = "The record's id (`id` in GET /ops/v1/evidence).", example = "1041")
          @PathVariable("id")
          long id) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header("Content-Disposition", "attachment; filename=\"evidence-" + id + ".bin\"")
        .body(bodies.read(id));
  }

  @PostMapping(
      path = "/ops/v1/citizens/{citizenId}/erasure",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "eraseCitizenBodies",
      summary = "PDPA erasure of a citizen's message log bodies",
      description =
          "Destroys the citizen's data key: every body the message log kept for them (encrypted"
              + " with it, in PostgreSQL and in the daily archives) can never be read again"
              + " (`evidence_body_erased`). The records, their SHA-256 of the exact bytes and"
              + " their seals stay and still verify. Idempotent: a citizen without a key"
              + " destroys none. Recorded in the operators' audit trail.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  Map<String, Object> erase(
      @Parameter(description = "The citizen's 13-digit ID.", example = "1101700230705")
          @PathVariable("citizenId")
          String citizenId,
      @Parameter(description = "Why, for the audit trail (e.g. the data subject request).")
          @RequestParam(name = "reason", required = false)
          String reason) {
    if (!ThaiCitizenId.isValid(citizenId)) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "citizenId is not a valid 13-digit Thai citizen ID");
    }
    EvidenceBodies.Erasure erasure = bodies.erase(citizenId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("keysDestroyed", erasure.keysDestroyed());
    body.put("bodiesErased", erasure.bodiesErased());
    return body;
  }
}
