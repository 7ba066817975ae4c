package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.sandbox.web.SandboxException;
import org.springframework.http.HttpStatus;

/** What the agencies' control APIs share: reading fault bodies, showing receipts. */
final class AgencyControl {

  private AgencyControl() {}

  /**
   * Reads {@code {"mode","delayMillis","code","latencyMillis"}}; absent fields take their defaults.
   *
   * @throws SandboxException 400 {@code fault_invalid}
   */
  static AgencyFault fault(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return AgencyFault.NONE;
    }
    if (!body.isObject()) {
      throw invalid("the body must be a JSON object");
    }
    try {
      return new AgencyFault(
          FaultMode.parse(body.path("mode").asText(null)),
          millis(body, "delayMillis"),
          body.path("code").isTextual() ? body.path("code").asText() : null,
          millis(body, "latencyMillis"));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** Applies a posted fault body; a mode the agency cannot play is a 400 too. */
  static AgencyFault setFault(FaultSwitch faults, JsonNode body) {
    AgencyFault fault = fault(body);
    try {
      return faults.set(fault);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** A receipt as the control API shows it. */
  static Map<String, Object> view(Receipt<?> receipt) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("messageId", receipt.messageId());
    view.put("requestRef", receipt.requestRef());
    view.put("count", receipt.count());
    view.put("firstAt", BuddhistEra.isoMillis(BuddhistEra.inBangkok(receipt.firstAt())));
    view.put("lastAt", BuddhistEra.isoMillis(BuddhistEra.inBangkok(receipt.lastAt())));
    view.put("bodySha256", receipt.bodySha256());
    return view;
  }

  private static long millis(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return 0;
    }
    if (!value.canConvertToLong()) {
      throw new IllegalArgumentException(field + " must be a whole number of milliseconds");
    }
    return value.asLong();
  }

  private static SandboxException invalid(String message) {
    return new SandboxException(HttpStatus.BAD_REQUEST, "fault_invalid", message);
  }
}
