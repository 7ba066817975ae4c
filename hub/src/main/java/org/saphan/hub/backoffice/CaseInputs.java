package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.saphan.hub.applications.ApplicationIntake;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;

/** The input checks of officers' and citizens' case commands (texts, lists, fees, form changes). */
final class CaseInputs {

  private static final ObjectMapper JSON = Json.strict();
  private static final int MAX_TEXT = 4000;
  private static final BigDecimal MAX_FEE = new BigDecimal("1000000.00");

  private CaseInputs() {}

  static String optional(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_TEXT) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "at most " + MAX_TEXT + " characters");
    }
    return text.strip();
  }

  static String required(String text, String name) {
    String value = optional(text);
    if (value == null) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, name + " is required");
    }
    return value;
  }

  static ArrayNode strings(JsonNode node, String name) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isArray() || node.size() > 50) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, name + " must be a list of at most 50 texts");
    }
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > 200) {
        throw SaphanException.validation(
            ErrorCode.VALIDATION_FAILED, name + " must hold texts of 1 to 200 characters");
      }
      out.add(item.asText());
    }
    return out;
  }

  static ArrayNode documents(JsonNode given) {
    if (given == null || given.isNull() || given.isMissingNode()) {
      return null;
    }
    if (!given.isArray()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "documents must be a list of at most 20");
    }
    return ApplicationIntake.documentsOf(given);
  }

  static BigDecimal fee(String amount) {
    BigDecimal fee;
    try {
      fee = amount == null ? null : new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      fee = null;
    }
    if (fee == null || fee.signum() <= 0 || fee.scale() > 2 || fee.compareTo(MAX_FEE) > 0) {
      throw SaphanException.validation(
          ErrorCode.PAYMENT_AMOUNT_INVALID,
          "amount must be a positive amount in baht with at most 2 decimals, e.g. \"100.00\"");
    }
    return fee.setScale(2);
  }

  static JsonNode merge(JsonNode base, JsonNode changes) {
    ObjectNode merged =
        base != null && base.isObject() ? ((ObjectNode) base).deepCopy() : JSON.createObjectNode();
    changes
        .fields()
        .forEachRemaining(
            change -> {
              JsonNode current = merged.get(change.getKey());
              if (current != null && current.isObject() && change.getValue().isObject()) {
                merged.set(change.getKey(), merge(current, change.getValue()));
              } else if (change.getValue().isNull()) {
                merged.remove(change.getKey());
              } else {
                merged.set(change.getKey(), change.getValue());
              }
            });
    return merged;
  }
}
