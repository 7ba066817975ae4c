package org.saphan.hub.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.saphan.hub.platform.Json;

/** The JSON the API shows of payment orders. */
public final class PaymentViews {

  private static final ObjectMapper JSON = Json.strict();

  private PaymentViews() {}

  /**
   * A payment order as its citizen, the agency's officers and operators see it.
   *
   * @param receiptState {@code verified}, {@code refused} or null when no receipt was fetched
   */
  public static ObjectNode order(PaymentOrder o, String receiptState) {
    ObjectNode view = JSON.createObjectNode();
    view.put("paymentId", o.id());
    view.put("applicationId", o.applicationId());
    view.put("status", o.status().wire());
    view.put("finished", o.finished());
    view.put("amount", o.amount().toPlainString());
    view.put("currency", o.currency());
    view.put("amountSource", o.amountSource());
    view.put("billerId", o.billerId());
    view.put("ref1", o.ref1());
    if (o.ref2() != null) {
      view.put("ref2", o.ref2());
    }
    view.put("qrPayload", o.qrPayload());
    view.put("botBarcode", o.botBarcode());
    view.put("createdAt", o.createdAt().toString());
    view.put("expiresAt", o.expiresAt().toString());
    if (o.paidAt() != null) {
      view.put("paidAt", o.paidAt().toString());
    }
    if (o.transactionId() != null) {
      view.put("transactionId", o.transactionId());
    }
    if (receiptState != null) {
      ObjectNode receipt = view.putObject("receipt");
      receipt.put("state", receiptState);
      if ("verified".equals(receiptState)) {
        receipt.put("url", "/api/v1/payments/" + o.id() + "/receipt");
      }
    }
    return view;
  }

  /** Parses stored JSON. */
  static JsonNode json(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored JSON unreadable", e);
    }
  }
}
