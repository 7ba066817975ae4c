package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.payment.PaymentExceptions;
import org.saphan.hub.payment.PaymentReceipts;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of e-Payment: refused notifications (amount, reference), refused e-Receipts and
 * double payments, resolved with a note; a receipt can be fetched again.
 */
@RestController
@Tag(
    name = "Operations: payments",
    description =
        "e-Payment exceptions for operators: refused gateway notifications (amount, reference),"
            + " refused e-Receipts and double payments, resolved with a note; fetching an"
            + " e-Receipt again.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsPaymentsController {

  private final PaymentExceptions exceptions;
  private final PaymentReceipts receipts;

  public OpsPaymentsController(PaymentExceptions exceptions, PaymentReceipts receipts) {
    this.exceptions = exceptions;
    this.receipts = receipts;
  }

  @GetMapping(path = "/ops/v1/payments/exceptions", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listPaymentExceptions",
      summary = "e-Payment exceptions",
      description =
          "Newest first: kind (notification_refused, receipt_refused), the payment order and"
              + " notification, the error code and message, and how it was resolved.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<PaymentExceptions.Item> exceptions(
      @Parameter(
              description = "Which exceptions.",
              schema = @Schema(allowableValues = {"open", "resolved", "all"}))
          @RequestParam(name = "state", defaultValue = "open")
          String state,
      @Parameter(description = "At most this many, 1 to 1000.")
          @RequestParam(name = "limit", defaultValue = "100")
          int limit) {
    if (!List.of("open", "resolved", "all").contains(state) || limit < 1 || limit > 1000) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "state is open, resolved or all; limit 1 to 1000");
    }
    return exceptions.list("all".equals(state) ? null : state, limit);
  }

  @PostMapping(
      path = "/ops/v1/payments/exceptions/{id}/resolve",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "resolvePaymentException",
      summary = "Resolve an e-Payment exception",
      description =
          "Closes an open exception with the operator's note (recorded with the operator and,"
              + " as the reason, in the audit trail). An exception is resolved once.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = OpsBodies.OperatorNote.class)))
  @ApiErrors({
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.PAYMENT_EXCEPTION_NOT_FOUND,
    ErrorCode.EXCEPTION_ALREADY_RESOLVED
  })
  Map<String, Object> resolve(
      @Parameter(description = "The exception's id.", example = "12") @PathVariable("id") long id,
      @RequestBody JsonNode body,
      Caller caller) {
    String note = OpsNotes.note(body);
    exceptions.resolve(id, caller.subject(), note);
    return Map.of("id", id, "state", "resolved");
  }

  @GetMapping(
      path = "/ops/v1/payments/receipts/refused",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listRefusedReceipts",
      summary = "e-Receipts that did not verify",
      description =
          "Newest first: the order, transaction, the reason code (receipt_malformed,"
              + " receipt_amount_mismatch, receipt_reference_mismatch, a signature code), the"
              + " reason and the receipt's SHA-256.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<Map<String, Object>> refusedReceipts(
      @Parameter(description = "At most this many (clamped to 1 to 1000).")
          @RequestParam(name = "limit", defaultValue = "100")
          int limit) {
    return receipts.refused(Math.max(1, Math.min(limit, 1000)));
  }

  @PostMapping(
      path = "/ops/v1/payments/{id}/receipt/fetch",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "fetchPaymentReceipt",
      summary = "Fetch a paid order's e-Receipt now",
      description =
          "Downloads and verifies the e-Receipt the gateway named (when the sweep has not"
              + " yet); a receipt already stored is answered as is. `state` is verified or"
              + " refused (then `reasonCode` says why, and an exception is raised): a receipt"
              + " that does not verify is stored, not an error. When it cannot be downloaded"
              + " nothing is stored and the sweep tries again.")
  @ApiErrors({
    ErrorCode.PAYMENT_NOT_FOUND,
    ErrorCode.RECEIPT_NOT_AVAILABLE,
    ErrorCode.EGRESS_REFUSED,
    ErrorCode.UPSTREAM_UNAVAILABLE,
    ErrorCode.UPSTREAM_BAD_RESPONSE,
    ErrorCode.KEY_NOT_AVAILABLE
  })
  Map<String, Object> fetchReceipt(
      @Parameter(description = "The payment order's id.", example = "PAY-20261124-3FQ8K2ZD")
          @PathVariable("id")
          String id) {
    PaymentReceipts.Stored stored = receipts.fetch(id);
    return Map.of(
        "paymentId",
        id,
        "state",
        stored.state(),
        "reasonCode",
        stored.reasonCode() == null ? "" : stored.reasonCode());
  }
}
