package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
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
public class PaymentsController {

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
  @PostMapping(
      path = "/api/v1/applications/{id}/payment",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JsonNode> create(
      @PathVariable("id") String id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Caller caller) {
    PaymentOrders.Created created = orders.create(caller, id, key);
    return ResponseEntity.status(created.status())
        .header("Idempotency-Replayed", Boolean.toString(created.replayed()))
        .body(created.body());
  }

  /** The application's payment orders, oldest first. */
  @GetMapping(
      path = "/api/v1/applications/{id}/payments",
      produces = MediaType.APPLICATION_JSON_VALUE)
  List<JsonNode> ofApplication(@PathVariable("id") String id, Caller caller) {
    Application application = applications.find(id).orElse(null);
    if (application == null || !mayRead(caller, application.citizenId(), application.agency())) {
      throw SaphanException.validation(ErrorCode.APPLICATION_NOT_FOUND, "no application " + id);
    }
    return ledger.ofApplication(id).stream()
        .map(o -> (JsonNode) PaymentViews.order(o, receipts.stateOf(o.id())))
        .toList();
  }

  /** One payment order. */
  @GetMapping(path = "/api/v1/payments/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  JsonNode one(@PathVariable("id") String id, Caller caller) {
    PaymentOrder order = readable(id, caller);
    return PaymentViews.order(order, receipts.stateOf(order.id()));
  }

  /**
   * The verified e-Receipt: the signed ETDA XML (default), or a page for people with {@code
   * ?format=html} or {@code Accept: text/html}.
   */
  @GetMapping(path = "/api/v1/payments/{id}/receipt")
  ResponseEntity<byte[]> receipt(
      @PathVariable("id") String id,
      @RequestParam(name = "format", required = false) String format,
      @RequestHeader(name = "Accept", required = false) String accept,
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
