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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API of the DLD agency (tests and demos only): faults, permit status, receipts. */
@RestController
@RequestMapping("/sandbox/v1/agencies/dld")
public class DldControlController {

  private final DldAnimalMovementPermitAgency agency;

  public DldControlController(DldAnimalMovementPermitAgency agency) {
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

  /** Sets the status the next poll sees: {@code {"statusCode":"APPROVED","remark":"..."}}. */
  @PostMapping("/permits/{referenceNumber}/status")
  public Map<String, Object> changeStatus(
      @PathVariable String referenceNumber, @RequestBody(required = false) JsonNode body) {
    DldPermitStatus status =
        DldPermitStatus.parse(body == null ? null : body.path("statusCode").asText(null))
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.BAD_REQUEST,
                        "status_code_invalid",
                        "statusCode must be one of RECEIVED, IN_REVIEW, APPROVED, REJECTED,"
                            + " CANCELLED"));
    String remark = body.path("remark").isTextual() ? body.path("remark").asText() : null;
    try {
      return view(agency.changeStatus(referenceNumber, status, remark));
    } catch (IllegalArgumentException e) {
      throw notFound();
    }
  }

  @GetMapping("/permits/{referenceNumber}")
  public Map<String, Object> permit(@PathVariable String referenceNumber) {
    return view(agency.permit(referenceNumber).orElseThrow(DldControlController::notFound));
  }

  /** {@code [{"messageId","requestRef","count","firstAt","lastAt","bodySha256"}]}, oldest first. */
  @GetMapping("/receipts")
  public List<Map<String, Object>> receipts() {
    return agency.receipts().stream().map(AgencyControl::view).toList();
  }

  /**
   * The payment notices: {@code
   * [{"messageId","requestRef","count","firstAt","lastAt","bodySha256"}]}.
   */
  @GetMapping("/payments")
  public List<Map<String, Object>> payments() {
    return agency.payments().stream().map(AgencyControl::view).toList();
  }

  @DeleteMapping("/receipts")
  public ResponseEntity<Void> clearReceipts() {
    agency.clear();
    return ResponseEntity.noContent().build();
  }

  private static Map<String, Object> view(DldPermit permit) {
    DldPermit.State state = permit.state();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("referenceNumber", permit.referenceNumber());
    view.put("applicationId", permit.applicationId());
    view.put("messageId", permit.messageId());
    view.put("statusCode", state.status().name());
    view.put("statusDate", BuddhistEra.iso(BuddhistEra.inBangkok(state.at())));
    view.put("remark", state.remark());
    return view;
  }

  private static SandboxException notFound() {
    return new SandboxException(
        HttpStatus.NOT_FOUND, "permit_not_found", "no permit with this referenceNumber");
  }
}
