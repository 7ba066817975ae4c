package org.saphan.hub.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.payment.PaymentStatus.GatewayStatus;
import org.saphan.hub.platform.Json;

/** A notification's fields, as the gateway sends them. */
record Notification(
    String notificationId,
    String transactionId,
    String billerId,
    String ref1,
    String ref2,
    BigDecimal amount,
    String currency,
    GatewayStatus status,
    Instant eventAt,
    Instant paidAt,
    String payerBank,
    String bankRef,
    String receiptUrl) {

  private static final ObjectMapper JSON = Json.strict();
  private static final int MAX_ID = 100;

  static JsonNode parse(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null || !json.isObject()) {
        throw invalid("the notification must be a JSON object");
      }
      return json;
    } catch (IOException e) {
      throw SaphanException.validation(ErrorCode.MALFORMED_JSON, "the notification is not JSON");
    }
  }

  static Notification of(JsonNode json) {
    String notificationId = required(json, "notificationId");
    if (notificationId.length() > MAX_ID) {
      throw invalid("notificationId is longer than " + MAX_ID + " characters");
    }
    String statusText = required(json, "status");
    GatewayStatus status =
        GatewayStatus.parse(statusText)
            .orElseThrow(() -> invalid("status must be PAID, PENDING, FAILED or REFUNDED"));
    BigDecimal amount;
    try {
      amount = new BigDecimal(required(json, "amount"));
    } catch (NumberFormatException e) {
      throw invalid("amount is not a number");
    }
    return new Notification(
        notificationId,
        required(json, "transactionId"),
        required(json, "billerId"),
        required(json, "ref1"),
        optional(json, "ref2"),
        amount,
        optional(json, "currency") == null ? "THB" : optional(json, "currency"),
        status,
        instant(required(json, "eventAt"), "eventAt"),
        optional(json, "paidAt") == null ? null : instant(optional(json, "paidAt"), "paidAt"),
        optional(json, "payerBank"),
        optional(json, "bankRef"),
        optional(json, "receiptUrl"));
  }

  private static String required(JsonNode json, String field) {
    String value = optional(json, field);
    if (value == null) {
      throw invalid(field + " is required");
    }
    return value;
  }

  private static String optional(JsonNode json, String field) {
    JsonNode node = json.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String text = node.asText().trim();
    return text.isEmpty() ? null : text;
  }

  private static Instant instant(String text, String field) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(field + " is not an ISO-8601 date-time with an offset");
    }
  }

  private static SaphanException invalid(String message) {
    return SaphanException.validation(ErrorCode.PAYMENT_NOTIFICATION_INVALID, message);
  }
}
