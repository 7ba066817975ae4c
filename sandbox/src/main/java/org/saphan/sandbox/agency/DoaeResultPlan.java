package org.saphan.sandbox.agency;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.saphan.sandbox.common.FixedWidthRecord;
import org.saphan.sandbox.web.SandboxException;
import org.springframework.http.HttpStatus;

/**
 * How DOAE answers the next export file it accepts (then back to {@link #NORMAL}): every
 * application approved ({@code A}) but those it rejects ({@code X}, with a Thai reason) or only
 * acknowledges ({@code R}), and the fault its result file plays. Set by tests and demos with {@code
 * PUT /sandbox/v1/agencies/doae/results-plan} (sandbox/CONTRACTS.md).
 *
 * @param reject application id → the reason of its rejection
 * @param receivedOnly application ids answered {@code R}
 * @param fault what goes wrong with the result file
 */
public record DoaeResultPlan(Map<String, String> reject, Set<String> receivedOnly, Fault fault) {

  /** The reason of a rejection the plan gives none for: no title deed for the land. */
  public static final String DEFAULT_REASON = "ไม่พบเอกสารสิทธิ์ในที่ดิน";

  /** Bytes of the layout's {@code reason} field (TIS-620: one byte a Thai character). */
  static final int REASON_BYTES = 100;

  /** Every application approved, the file published whole and well. */
  public static final DoaeResultPlan NORMAL = new DoaeResultPlan(Map.of(), Set.of(), Fault.NONE);

  private static final Set<String> FIELDS = Set.of("reject", "receivedOnly", "fault");

  /** What goes wrong with the result file answering the next accepted export. */
  public enum Fault {
    /** Published whole and well. */
    NONE,
    /** No result file at all. */
    MISSING,
    /** Made, but held until {@code POST .../results/release}. */
    LATE,
    /** The {@code .p7s} is by a throw-away key, not DOAE's; the manifest matches it. */
    BAD_SIGNATURE,
    /** Some detail lines broken, the file otherwise well formed and properly signed. */
    BAD_LINES,
    /** Published twice: the same bytes again under the next result sequence's names. */
    DUPLICATE;

    /** The name in the control API, e.g. {@code bad-signature}. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Fault parse(String label) {
      return Arrays.stream(values())
          .filter(f -> f.label().equals(label))
          .findFirst()
          .orElseThrow(
              () ->
                  new SandboxException(
                      HttpStatus.BAD_REQUEST,
                      "result_fault_unknown",
                      "fault must be one of "
                          + Arrays.stream(values())
                              .map(Fault::label)
                              .collect(Collectors.joining(", "))));
    }
  }

  public DoaeResultPlan {
    reject = Map.copyOf(reject);
    receivedOnly = Set.copyOf(receivedOnly);
  }

  /** The result code the plan gives an application: {@code X}, {@code R} or {@code A}. */
  public char code(String applicationId) {
    if (reject.containsKey(applicationId)) {
      return 'X';
    }
    return receivedOnly.contains(applicationId) ? 'R' : 'A';
  }

  /** The reason of a rejected application; empty for the others. */
  public String reason(String applicationId) {
    return reject.getOrDefault(applicationId, "");
  }

  /**
   * Reads the control API's body, strictly: {@code {"reject": ["id", {"applicationId": "id",
   * "reason": "ไทย"}], "receivedOnly": ["id"], "fault": "none"}}, every member optional, no other
   * member; a reason must fit the layout's 100 TIS-620 bytes.
   *
   * @throws SandboxException 400 {@code results_plan_invalid}, or {@code result_fault_unknown}
   */
  public static DoaeResultPlan parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid("the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid("unknown member " + name + "; allowed: fault, reject, receivedOnly");
      }
    }
    Map<String, String> reject = new LinkedHashMap<>();
    for (JsonNode entry : array(body, "reject")) {
      String id = entry.isObject() ? id(entry.path("applicationId")) : id(entry);
      JsonNode reason = entry.path("reason");
      if (entry.isObject() && !reason.isMissingNode() && !reason.isTextual()) {
        throw invalid("reject: reason of " + id + " must be a string");
      }
      reject.put(id, checkedReason(id, reason.isTextual() ? reason.asText() : DEFAULT_REASON));
    }
    Set<String> receivedOnly = new LinkedHashSet<>();
    for (JsonNode entry : array(body, "receivedOnly")) {
      String id = id(entry);
      if (reject.containsKey(id)) {
        throw invalid("application " + id + " is both in reject and in receivedOnly");
      }
      receivedOnly.add(id);
    }
    JsonNode fault = body.path("fault");
    if (!fault.isMissingNode() && !fault.isTextual()) {
      throw invalid("fault must be a string");
    }
    return new DoaeResultPlan(
        reject, receivedOnly, fault.isTextual() ? Fault.parse(fault.asText()) : Fault.NONE);
  }

  private static Iterable<JsonNode> array(JsonNode body, String name) {
    JsonNode value = body.path(name);
    if (value.isMissingNode()) {
      return Set.of();
    }
    if (!value.isArray()) {
      throw invalid(name + " must be an array of application ids");
    }
    return value;
  }

  private static String id(JsonNode value) {
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 40) {
      throw invalid("an application id must be a string of 1 to 40 characters");
    }
    return value.asText();
  }

  private static String checkedReason(String id, String reason) {
    byte[] bytes;
    try {
      bytes = new FixedWidthRecord(FixedWidthRecord.TIS_620, REASON_BYTES).encode(reason);
    } catch (IllegalArgumentException e) {
      throw invalid("reject: the reason of " + id + " has a character TIS-620 cannot write");
    }
    if (bytes.length > REASON_BYTES) {
      throw invalid("reject: the reason of " + id + " is longer than 100 TIS-620 bytes");
    }
    return reason;
  }

  private static SandboxException invalid(String message) {
    return new SandboxException(HttpStatus.BAD_REQUEST, "results_plan_invalid", message);
  }
}
