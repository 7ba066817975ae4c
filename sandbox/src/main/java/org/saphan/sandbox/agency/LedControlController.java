package org.saphan.sandbox.agency;

import java.util.List;
import org.saphan.sandbox.web.FaultRequest;
import org.saphan.sandbox.web.FaultSwitch;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API of the LED bankruptcy check (tests and demos only): faults and the check log. */
@RestController
@RequestMapping("/sandbox/v1/agencies/led")
public class LedControlController {

  private final LedBankruptcyCheckAgency agency;

  public LedControlController(LedBankruptcyCheckAgency agency) {
    this.agency = agency;
  }

  @GetMapping("/faults")
  public FaultRequest fault() {
    return view(agency.faults().current());
  }

  /**
   * Sets the fault for every next check until {@code {"mode":"none"}}: {@code
   * {"mode","delayMillis"}} (400 {@code fault_mode_unknown} for a mode not in the contract's list).
   */
  @PostMapping("/faults")
  public FaultRequest setFault(@RequestBody(required = false) FaultRequest request) {
    return view(agency.faults().set(request));
  }

  /**
   * The checks received, oldest first: {@code [{"receivedAt","requestId","citizenId" (masked),
   * "signature","httpStatus","status","fault"}]}.
   */
  @GetMapping("/checks")
  public List<LedBankruptcyCheckAgency.CheckRecord> checks() {
    return agency.checks();
  }

  @DeleteMapping("/checks")
  public ResponseEntity<Void> clearChecks() {
    agency.clearChecks();
    return ResponseEntity.noContent().build();
  }

  private static FaultRequest view(FaultSwitch.Active<LedFault> fault) {
    return new FaultRequest(fault.mode().wireName(), fault.delay().toMillis(), null);
  }
}
