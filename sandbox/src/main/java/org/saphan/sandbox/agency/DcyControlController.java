package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.sandbox.web.SandboxException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API of the DCY agency (tests and demos only): faults, status changes, receipts. */
@RestController
@RequestMapping("/sandbox/v1/agencies/dcy")
public class DcyControlController {

  private final DcyNewbornGrantAgency agency;

  public DcyControlController(DcyNewbornGrantAgency agency) {
    this.agency = agency;
  }

  @GetMapping("/faults")
  public AgencyFault fault() {
    return agency.faults().current();
  }

  /** Replaces the fault state: {@code {"mode","delayMillis","code","latencyMillis"}}. */
  @PostMapping("/faults")
  public AgencyFault setFault(@RequestBody(required = false) JsonNode body) {
    return AgencyControl.setFault(agency.faults(), body);
  }

  /** Sends a status callback: {@code {"statusCode":"40","statusDesc":"optional"}}. */
  @PostMapping("/applications/{refNo}/status")
  public ResponseEntity<Map<String, Object>> changeStatus(
      @PathVariable String refNo, @RequestBody(required = false) JsonNode body) {
    String code = body == null ? null : body.path("statusCode").asText(null);
    DcyStatus status =
        DcyStatus.byCode(code)
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.BAD_REQUEST,
                        "status_code_invalid",
                        "statusCode must be one of 10, 20, 30, 40, 50, 60"));
    if (agency.registration(refNo).isEmpty()) {
      throw new SandboxException(HttpStatus.NOT_FOUND, "application_not_found", "no such refNo");
    }
    String description = body.path("statusDesc").asText(null);
    List<StatusCallbackSender.Callback> sent;
    try {
      sent = agency.changeStatus(refNo, status, description);
    } catch (IllegalStateException e) {
      throw new SandboxException(
          HttpStatus.SERVICE_UNAVAILABLE, "signing_key_unavailable", e.getMessage());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("refNo", refNo);
    answer.put("requestRef", sent.get(0).requestRef());
    answer.put("statusCode", status.code());
    answer.put("messageId", sent.get(0).messageId());
    answer.put("copies", sent.size());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
  }

  @GetMapping("/applications/{refNo}")
  public Map<String, Object> application(@PathVariable String refNo) {
    DcyRegistration r =
        agency
            .registration(refNo)
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.NOT_FOUND, "application_not_found", "no such refNo"));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("refNo", r.refNo());
    view.put("requestRef", r.requestRef());
    view.put("messageId", r.messageId());
    view.put("statusCode", r.status().code());
    view.put("receivedAt", BuddhistEra.iso(BuddhistEra.inBangkok(r.receivedAt())));
    return view;
  }

  /** {@code [{"messageId","requestRef","count","firstAt","lastAt","bodySha256"}]}, oldest first. */
  @GetMapping("/receipts")
  public List<Map<String, Object>> receipts() {
    return agency.receipts().stream().map(AgencyControl::view).toList();
  }

  /**
   * The payment notices: {@code
   * [{"messageId","requestRef","count","firstAt","lastAt","bodySha256","status"}]}, oldest first
   * (status: the HTTP status DCY answered, 200 when recorded).
   */
  @GetMapping("/payments")
  public List<Map<String, Object>> payments() {
    return agency.payments().stream()
        .map(
            receipt -> {
              Map<String, Object> view = AgencyControl.view(receipt);
              view.put("status", receipt.answer().status());
              return view;
            })
        .toList();
  }

  @DeleteMapping("/receipts")
  public ResponseEntity<Void> clearReceipts() {
    agency.clear();
    agency.callbacks().clearLog();
    return ResponseEntity.noContent().build();
  }

  /** The most recent status callbacks and how their delivery went. */
  @GetMapping("/callbacks")
  public List<Map<String, Object>> callbacks() {
    return agency.callbacks().recent().stream()
        .map(
            c -> {
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("messageId", c.messageId());
              view.put("refNo", c.refNo());
              view.put("requestRef", c.requestRef());
              view.put("statusCode", c.statusCode());
              view.put("copy", c.copy());
              view.put("attempts", c.attempts());
              view.put("outcome", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
              view.put("lastHttpStatus", c.lastHttpStatus());
              view.put("lastError", c.lastError());
              return view;
            })
        .toList();
  }

  @GetMapping("/auto-progress")
  public DcyNewbornGrantAgency.AutoProgress autoProgress() {
    return agency.autoProgress();
  }

  /** Switches auto-progress: {@code {"enabled":true,"stepDelayMillis":2000}}. */
  @PutMapping("/auto-progress")
  public DcyNewbornGrantAgency.AutoProgress setAutoProgress(
      @RequestBody(required = false) JsonNode body) {
    DcyNewbornGrantAgency.AutoProgress current = agency.autoProgress();
    boolean enabled =
        body != null && body.has("enabled") ? body.path("enabled").asBoolean() : current.enabled();
    long step =
        body != null && body.has("stepDelayMillis")
            ? body.path("stepDelayMillis").asLong(-1)
            : current.stepDelayMillis();
    try {
      agency.autoProgress(new DcyNewbornGrantAgency.AutoProgress(enabled, step));
    } catch (IllegalArgumentException e) {
      throw new SandboxException(HttpStatus.BAD_REQUEST, "auto_progress_invalid", e.getMessage());
    }
    return agency.autoProgress();
  }
}
