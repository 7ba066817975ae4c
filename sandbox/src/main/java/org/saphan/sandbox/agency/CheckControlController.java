package org.saphan.sandbox.agency;

import java.util.List;
import java.util.Map;
import org.saphan.sandbox.web.FaultRequest;
import org.saphan.sandbox.web.FaultSwitch;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Control API of the check agencies (tests and demos only): the fault of each ({@code
 * /sandbox/v1/agencies/<agency>/faults}) and the checks it received (LED's {@code /checks}, the
 * police's {@code /queries}, as their contracts name them).
 */
@RestController
public class CheckControlController {

  private static final String FAULTS = "/sandbox/v1/agencies/{agency:led|rtp}/faults";
  private static final String LED_LOG = "/sandbox/v1/agencies/{agency:led}/checks";
  private static final String RTP_LOG = "/sandbox/v1/agencies/{agency:rtp}/queries";

  private final Map<String, SignedCheckAgency<?>> agencies;

  public CheckControlController(List<SignedCheckAgency<?>> agencies) {
    this.agencies = CheckAgencyController.byCode(agencies);
  }

  @GetMapping(FAULTS)
  public FaultRequest fault(@PathVariable("agency") String code) {
    return view(CheckAgencyController.agency(agencies, code).faults().current());
  }

  /**
   * Sets the fault for every next check until {@code {"mode":"none"}}: {@code
   * {"mode","delayMillis"}} (400 {@code fault_mode_unknown} for a mode not in the contract's list).
   */
  @PostMapping(FAULTS)
  public FaultRequest setFault(
      @PathVariable("agency") String code, @RequestBody(required = false) FaultRequest request) {
    return view(CheckAgencyController.agency(agencies, code).faults().set(request));
  }

  /**
   * The checks received, oldest first: {@code [{"receivedAt","requestId","citizenId" (masked),
   * "signature","httpStatus","status","fault"}]}.
   */
  @GetMapping({LED_LOG, RTP_LOG})
  public List<SignedCheckAgency.CheckRecord> checks(@PathVariable("agency") String code) {
    return CheckAgencyController.agency(agencies, code).checks();
  }

  @DeleteMapping({LED_LOG, RTP_LOG})
  public ResponseEntity<Void> clearChecks(@PathVariable("agency") String code) {
    CheckAgencyController.agency(agencies, code).clearChecks();
    return ResponseEntity.noContent().build();
  }

  private static FaultRequest view(FaultSwitch.Active<CheckFault> fault) {
    return new FaultRequest(fault.mode().wireName(), fault.delay().toMillis(), null);
  }
}
