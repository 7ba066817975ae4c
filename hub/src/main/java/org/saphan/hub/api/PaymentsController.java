package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.payment.PaymentLedger;
import org.saphan.hub.payment.PaymentOrder;
import org.saphan.hub.payment.PaymentOrders;
import org.saphan.hub.payment.PaymentReceipts;
import org.saphan.hub.payment.PaymentViews;
import org.saphan.hub.payment.ReceiptHtml;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments for the portal: a citizen creates the payment order of an application that owes a fee
 * (Thai QR + counter barcode), follows it, and downloads its verified e-Receipt (XML, or HTML for
 * people).
 */
@RestController
@Tag(
    name = "Payments",
    description =
        "Fees of applications, paid through the central e-Payment component: the payment order"
            + " (a Thai QR for bank apps and a counter barcode), its state, and the e-Receipt the"
            + " gateway issues once it is paid. Readable by the application's citizen, the"
            + " officers and admins of its agency, and operators.")
public class PaymentsController {

  private static final String APPLICATION_ID =
      "The hub's application id, as the submission answered it.";
  private static final String PAYMENT_ID = "The payment order's id.";
  private static final String REPLAYED =
      "`true` when this is the stored answer of an earlier request with the same key.";

  private final PaymentOrders orders;
  private final PaymentLedger ledger;
  private final PaymentReceipts receipts;
  private final ApplicationStore applications;

  public PaymentsController(
      PaymentOrders orders,
      PaymentLedger ledger,
      PaymentReceipts receipts,
      ApplicationStore applications) {
    this.orders = orders;
    this.ledger = ledger;
    this.receipts = receipts;
    this.applications = applications;
  }

  /** Creates the application's payment order (201), or answers with the open one (200). */
  @Operation(
      operationId = "createPaymentOrder",
      summary = "Create the payment order of an application's fee",
      description =
          "For the calling citizen's application that owes a fee (the amount the agency or an"
              + " officer asked for with `payment_required`, else the card's default fee): a"
              + " payment order in THB with `qrPayload` (Thai QR, EMVCo bill payment, to show as"
              + " a QR code), `botBarcode` (for counter payment), `ref1`/`ref2`, `billerId` and"
              + " `expiresAt`. An order that still waits for money is answered again (200)"
              + " instead of a second one. The payment is confirmed by the gateway's"
              + " notification; follow it with `GET /api/v1/payments/{id}`. No request body.\n\n"
              + "**Idempotency-Key** (required): 8 to 128 characters of `A-Z a-z 0-9 . _ : -`;"
              + " the same key again answers the first answer with `Idempotency-Replayed: true`;"
              + " the same key for another application is refused with `idempotency_key_reused`."
              + " A citizen's token only (`forbidden` for the portal client).")
  @ApiResponse(
      responseCode = "201",
      description = "A new payment order.",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")),
      headers =
          @Header(
              name = "Idempotency-Replayed",
              description = REPLAYED,
              schema = @Schema(type = "boolean")))
  @ApiResponse(
      responseCode = "200",
      description = "The application's order that already waits for payment.",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")),
      headers =
          @Header(
              name = "Idempotency-Replayed",
              description = REPLAYED,
              schema = @Schema(type = "boolean")))
  @ApiErrors({
    ErrorCode.FORBIDDEN,
    ErrorCode.MISSING_HEADER,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.APPLICATION_NOT_FOUND,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    ErrorCode.IDEMPOTENCY_IN_FLIGHT,
    ErrorCode.PAYMENT_NOT_REQUIRED,
    ErrorCode.PAYMENT_ALREADY_PAID,
    ErrorCode.PAYMENT_AMOUNT_INVALID
  })
  @PostMapping(
      path = "/api/v1/applications/{id}/payment",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JsonNode> create(
      @Parameter(description = APPLICATION_ID, example = "APP-20261125-7K3M9QXA")
          @PathVariable("id")
          String id,
      @Parameter(
              description =
                  "Required: 8 to 128 characters of A-Z a-z 0-9 . _ : -; the same key again"
                      + " replays the first answer.",
              required = true,
              example = "pay-3f1c2a9e-7b44-4c1e")
          @RequestHeader(name = "Idempotency-Key", required = false)
          String key,
      Caller caller) {
    PaymentOrders.Created created = orders.create(caller, id, key);
    return ResponseEntity.status(created.status())
        .header("Idempotency-Replayed", Boolean.toString(created.replayed()))
        .body(created.body());
  }

  /** The application's payment orders, oldest first. */
  @Operation(
      operationId = "listApplicationPayments",
      summary = "An application's payment orders",
      description =
          "Every payment order of the application, oldest first, each with its `status`"
              + " (`created`, `pending`, `paid`, `expired`, `failed`, `refunded`) and, once fetched, its"
              + " e-Receipt's state.")
  @ApiErrors(ErrorCode.APPLICATION_NOT_FOUND)
  @GetMapping(
      path = "/api/v1/applications/{id}/payments",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<JsonNode> ofApplication(
      @Parameter(description = APPLICATION_ID, example = "APP-20261125-7K3M9QXA")
          @PathVariable("id")
          String id,
      Caller caller) {
    Application application = applications.find(id).orElse(null);
    if (application == null || !mayRead(caller, application.citizenId(), application.agency())) {
      throw SaphanException.validation(ErrorCode.APPLICATION_NOT_FOUND, "no application " + id);
    }
    return ledger.ofApplication(id).stream()
        .map(o -> (JsonNode) PaymentViews.order(o, receipts.stateOf(o.id())))
        .toList();
  }

  /** One payment order. */
  @Operation(
      operationId = "getPayment",
      summary = "One payment order",
      description =
          "The payment order with its `status`, `paidAt` and the gateway's `transactionId` once"
              + " paid, and `receipt` (`state` `verified` with its `url`, or `refused`) once the"
              + " e-Receipt was fetched. An order of someone else's application does not exist"
              + " (`payment_not_found`, as for an unknown id).")
  @ApiErrors(ErrorCode.PAYMENT_NOT_FOUND)
  @GetMapping(path = "/api/v1/payments/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  JsonNode one(
      @Parameter(description = PAYMENT_ID, example = "PAY-20261125-4HT8ZP2N") @PathVariable("id")
          String id,
      Caller caller) {
    PaymentOrder order = readable(id, caller);
    return PaymentViews.order(order, receipts.stateOf(order.id()));
  }

  /**
   * The verified e-Receipt: the signed ETDA XML (default), or a page for people with {@code
   * ?format=html} or {@code Accept: text/html}.
   */
  @Operation(
      operationId = "getPaymentReceipt",
      summary = "The e-Receipt of a paid order",
      description =
          "The e-Receipt the central e-Payment component issued for the order, as the hub"
              + " verified and stored it: the signed ETDA e-Tax XML receipt (XAdES-BES) as"
              + " received, with `Digest` (its SHA-256), or, with `?format=html` or an `Accept`"
              + " that prefers `text/html`, a page for people. `receipt_not_available` until the"
              + " receipt has arrived; `receipt_refused` when it did not verify (operators"
              + " investigate).")
  @ApiResponse(
      responseCode = "200",
      description = "The e-Receipt.",
      headers = {
        @Header(
            name = "Digest",
            description = "`sha-256=<hex>` of the XML (XML answers only).",
            schema = @Schema(type = "string")),
        @Header(
            name = "Content-Disposition",
            description = "`inline; filename=\"<document id>.xml\"` (XML answers only).",
            schema = @Schema(type = "string"))
      },
      content = {
        @Content(
            mediaType = "application/xml",
            schema =
                @Schema(
                    type = "string",
                    description = "The ETDA e-Tax receipt, signed XAdES-BES, byte for byte.")),
        @Content(mediaType = "text/html", schema = @Schema(type = "string"))
      })
  @ApiErrors({
    ErrorCode.PAYMENT_NOT_FOUND,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.RECEIPT_NOT_AVAILABLE,
    ErrorCode.RECEIPT_REFUSED
  })
  @GetMapping(path = "/api/v1/payments/{id}/receipt")
  ResponseEntity<byte[]> receipt(
      @Parameter(description = PAYMENT_ID, example = "PAY-20261125-4HT8ZP2N") @PathVariable("id")
          String id,
      @Parameter(
              description = "`xml` (the default) or `html`; overrides `Accept`.",
              example = "html")
          @RequestParam(name = "format", required = false)
          String format,
      @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) String accept,
      Caller caller) {
    PaymentOrder order = readable(id, caller);
    PaymentReceipts.Stored stored = receipts.verified(order.id());
    boolean html =
        "html".equalsIgnoreCase(format)
            || (format == null && accept != null && prefersHtml(accept));
    if (format != null && !html && !"xml".equalsIgnoreCase(format)) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "format is xml or html");
    }
    if (html) {
      return ResponseEntity.ok()
          .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
          .body(ReceiptHtml.render(order, stored).getBytes(StandardCharsets.UTF_8));
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("application", "xml", StandardCharsets.UTF_8))
        .header(
            "Content-Disposition",
            "inline; filename=\""
                + (stored.documentId() == null ? id : stored.documentId())
                + ".xml\"")
        .header("Digest", "sha-256=" + stored.sha256())
        .body(stored.xml());
  }

  private PaymentOrder readable(String id, Caller caller) {
    PaymentOrder order = ledger.find(id).orElse(null);
    if (order == null || !mayRead(caller, order.citizenId(), order.agency())) {
      // The same answer for "not yours" and "does not exist": ids are not probed.
      throw SaphanException.validation(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + id);
    }
    return order;
  }

  private static boolean prefersHtml(String accept) {
    List<MediaType> types = MediaType.parseMediaTypes(accept);
    MediaType.sortBySpecificityAndQuality(types);
    for (MediaType type : types) {
      if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
        return true;
      }
      if (type.isCompatibleWith(MediaType.APPLICATION_XML) && !type.isWildcardType()) {
        return false;
      }
    }
    return false;
  }

  private static boolean mayRead(Caller caller, String citizenId, String agency) {
    return caller.operator()
        || (citizenId != null && citizenId.equals(caller.citizenId()))
        || caller.hasAgencyRole(agency, Caller.AGENCY_OFFICER)
        || caller.hasAgencyRole(agency, Caller.AGENCY_ADMIN);
  }
}
