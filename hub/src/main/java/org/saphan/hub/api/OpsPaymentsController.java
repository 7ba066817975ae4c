package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
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
public class OpsPaymentsController {

  private final PaymentExceptions exceptions;
  private final PaymentReceipts receipts;

  public OpsPaymentsController(PaymentExceptions exceptions, PaymentReceipts receipts) {
    this.exceptions = exceptions;
    this.receipts = receipts;
  }

  /** Exceptions, newest first; {@code state} open (default), resolved or all. */
  @GetMapping(path = "/ops/v1/payments/exceptions", produces = MediaType.APPLICATION_JSON_VALUE)
  List<PaymentExceptions.Item> exceptions(
      @RequestParam(name = "state", defaultValue = "open") String state,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    if (!List.of("open", "resolved", "all").contains(state) || limit < 1 || limit > 1000) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "state is open, resolved or all; limit 1 to 1000");
    }
    return exceptions.list("all".equals(state) ? null : state, limit);
  }

  /** Resolves an exception with the operator's note. */
  @PostMapping(
      path = "/ops/v1/payments/exceptions/{id}/resolve",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> resolve(
      @PathVariable("id") long id, @RequestBody JsonNode body, Caller caller) {
    String note = OpsNotes.note(body);
    exceptions.resolve(id, caller.subject(), note);
    return Map.of("id", id, "state", "resolved");
  }

  /** e-Receipts that did not verify, newest first. */
  @GetMapping(
      path = "/ops/v1/payments/receipts/refused",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> refusedReceipts(
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    return receipts.refused(Math.max(1, Math.min(limit, 1000)));
  }

  /** Fetches a paid order's e-Receipt now (when the sweep has not yet). */
  @PostMapping(
      path = "/ops/v1/payments/{id}/receipt/fetch",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> fetchReceipt(@PathVariable("id") String id) {
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
