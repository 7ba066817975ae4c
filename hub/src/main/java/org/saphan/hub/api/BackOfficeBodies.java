package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;

/**
 * The request bodies of the back office, the citizen's correspondence and licence verification as
 * the API description shows them. The handlers read the JSON themselves (to refuse each field with
 * its own message), so these records only describe.
 */
final class BackOfficeBodies {

  private static final String VERSION =
      "The task version you last read (optimistic locking): a task changed since is refused"
          + " with stale_update.";

  private BackOfficeBodies() {}

  /** A claim: the version is optional (a claim only succeeds on an open task). */
  record TaskClaim(@Schema(description = VERSION, example = "0") Integer version) {}

  /** An action that takes only the version (release). */
  record TaskRelease(
      @Schema(description = VERSION, requiredMode = RequiredMode.REQUIRED, example = "1")
          int version) {}

  /** Approve or complete: the reason is optional. */
  record TaskDecision(
      @Schema(description = VERSION, requiredMode = RequiredMode.REQUIRED, example = "1")
          int version,
      @Schema(
              description = "Shown on the citizen's timeline; at most 4000 characters.",
              example = "เอกสารครบถ้วน")
          String reason) {}

  /** Reject: the reason is required; the case closes. */
  record TaskRejection(
      @Schema(description = VERSION, requiredMode = RequiredMode.REQUIRED, example = "1")
          int version,
      @Schema(
              description = "Why, shown to the citizen; 1 to 4000 characters.",
              requiredMode = RequiredMode.REQUIRED,
              example = "ไม่พบหลักฐานการผ่านการทดสอบมาตรฐานฝีมือแรงงาน")
          String reason) {}

  /** A correction request to the citizen. */
  record CorrectionRequest(
      @Schema(description = VERSION, requiredMode = RequiredMode.REQUIRED, example = "1")
          int version,
      @Schema(
              description = "The letter to the citizen; 1 to 4000 characters.",
              requiredMode = RequiredMode.REQUIRED,
              example = "กรุณาระบุรหัสสาขาอาชีพ")
          String message,
      @Schema(
              description = "The form fields to correct (JSON pointers or names); at most 50.",
              example = "[\"/occupation/code\"]")
          List<String> fields,
      @Schema(
              description = "The document types asked for; at most 50.",
              example = "[\"skill_certificate\"]")
          List<String> documents) {}

  /** The fee that opens the e-Payment flow. */
  record TaskFee(
      @Schema(description = VERSION, requiredMode = RequiredMode.REQUIRED, example = "1")
          int version,
      @Schema(
              description = "In baht, positive, at most 2 decimals and 1000000.00.",
              requiredMode = RequiredMode.REQUIRED,
              example = "\"100.00\"")
          String amount,
      @Schema(description = "THB, the only currency.", defaultValue = "THB") String currency) {}

  /** A role assignment by an agency admin. */
  record RoleAssignment(
      @Schema(
              description = "The officer's 13-digit citizen id (valid check digit).",
              requiredMode = RequiredMode.REQUIRED,
              pattern = "^[0-9]{13}$",
              example = "\"1101400765436\"")
          String citizenId,
      @Schema(
              description =
                  "agency_officer or a step role of the agency's workflows (agency_admin is"
                      + " not assigned here).",
              requiredMode = RequiredMode.REQUIRED,
              example = "document_checker")
          String role) {}

  /** The reason of a licence revocation. */
  record LicenceRevocation(
      @Schema(
              description = "Why; sent to the portal with the licence.revoked event.",
              requiredMode = RequiredMode.REQUIRED,
              example = "ออกหนังสือรับรองซ้ำซ้อน")
          String reason) {}

  /** The citizen's answer to a correction request. */
  record CorrectionReply(
      @Schema(
              description = "The citizen's letter; 1 to 4000 characters.",
              requiredMode = RequiredMode.REQUIRED,
              example = "ระบุรหัสแล้วค่ะ")
          String message,
      @Schema(
              description =
                  "The form fields to change, merged into the form (null removes a field) and"
                      + " checked against the service's form schema.")
          Map<String, Object> form,
      @Schema(description = "Documents added; at most 20.")
          List<CorrespondenceDocument> documents) {}

  /** A document the portal stores, by reference. */
  record CorrespondenceDocument(
      @Schema(requiredMode = RequiredMode.REQUIRED, example = "doc-2") String id,
      @Schema(requiredMode = RequiredMode.REQUIRED, example = "skill_certificate") String type,
      @Schema(example = "skill-certificate.pdf") String name,
      @Schema(description = "Hex SHA-256 of the file.") String sha256) {}

  /** A licence credential a verifier was shown. */
  record PresentedCredential(
      @Schema(
              description = "The licence's credential as shown: a compact JWS (ES256).",
              requiredMode = RequiredMode.REQUIRED)
          String credential) {}
}
