package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The request bodies of the operators' API as the API description shows them. The handlers read the
 * JSON themselves (to refuse each field with its own message), so these records only describe.
 */
final class OpsBodies {

  private OpsBodies() {}

  /** The operator's note that resolves an exception ({@link OpsNotes}). */
  record OperatorNote(
      @Schema(
              description = "Why the exception is resolved; recorded as the audit reason.",
              requiredMode = Schema.RequiredMode.REQUIRED,
              minLength = 1,
              maxLength = 2000,
              example = "Refunded by the bank on 2026-11-25 (ticket OPS-1187).")
          String note) {}

  /** Which settlement files to reconcile: give exactly one of the two. */
  record ReconciliationStart(
      @Schema(
              description =
                  "A settlement day: every biller's file of that day (SFTP) and the drop folder.",
              format = "date",
              example = "2026-11-24")
          String date,
      @Schema(
              description = "One file of the drop folder, by name.",
              example = "golden-2026-11-24.txt")
          String file) {}
}
