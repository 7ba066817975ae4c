package org.saphan.sandbox.gdx;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.sandbox.gdx.AgentSessions.State;
import org.saphan.sandbox.gdx.GdxFaults.Fault;
import org.saphan.sandbox.gdx.GdxFaults.Mode;
import org.saphan.sandbox.web.SandboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Control API of the GDX simulator, for tests and demos: faults, clock, agent sessions, calls. */
@RestController
@RequestMapping(path = "/sandbox/v1/gdx", produces = "application/json")
public class GdxControlController {

  private static final Logger log = LoggerFactory.getLogger(GdxControlController.class);

  private final GdxProperties properties;
  private final GdxClock clock;
  private final GdxTokens tokens;
  private final AgentSessions sessions;
  private final GdxFaults faults;
  private final GdxCallLog callLog;

  public GdxControlController(
      GdxProperties properties,
      @Qualifier(GdxConfiguration.CLOCK) GdxClock clock,
      GdxTokens tokens,
      AgentSessions sessions,
      GdxFaults faults,
      GdxCallLog callLog) {
    this.properties = properties;
    this.clock = clock;
    this.tokens = tokens;
    this.sessions = sessions;
    this.faults = faults;
    this.callLog = callLog;
  }

  /**
   * A fault to show.
   *
   * @param mode none, down, slow, token_expired, not_found or error_500
   * @param delayMillis how late {@code slow} answers (milliseconds); 0 or absent for the default
   * @param code the {@code Code} of {@code error_500} answers, e.g. {@code [2]}; "500" if absent
   */
  public record FaultRequest(String mode, Long delayMillis, String code) {}

  /**
   * A move of the simulator clock.
   *
   * @param advanceMinutes minutes to move forward (0 or more)
   */
  public record ClockRequest(Long advanceMinutes) {}

  /**
   * A GovAMI session state.
   *
   * @param state AgentAvailable, AgentNotAvailable or CitizenAvailable
   */
  public record SessionRequest(String state) {}

  @GetMapping("/faults")
  public Map<String, Object> fault() {
    return describe(faults.current());
  }

  @PostMapping("/faults")
  public Map<String, Object> setFault(@RequestBody FaultRequest request) {
    Mode mode =
        Mode.parse(request.mode())
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.BAD_REQUEST,
                        "fault_mode_unknown",
                        "mode must be one of none, down, slow, token_expired, not_found,"
                            + " error_500"));
    Duration delay = Duration.ZERO;
    if (mode == Mode.SLOW) {
      long millis = request.delayMillis() == null ? 0 : request.delayMillis();
      delay = millis <= 0 ? properties.slowDelay() : Duration.ofMillis(millis);
      if (delay.compareTo(properties.maxDelay()) > 0) {
        throw new SandboxException(
            HttpStatus.BAD_REQUEST,
            "fault_delay_too_long",
            "delayMillis must be at most " + properties.maxDelay().toMillis());
      }
    }
    String code = mode == Mode.ERROR_500 ? request.code() : null;
    Fault fault = new Fault(mode, delay, code);
    faults.set(fault);
    log.info("GDX fault set: {}", mode.wireName());
    return describe(fault);
  }

  @GetMapping("/clock")
  public Map<String, Object> clock() {
    return describeClock();
  }

  @PostMapping("/clock")
  public Map<String, Object> advanceClock(@RequestBody ClockRequest request) {
    if (request.advanceMinutes() == null || request.advanceMinutes() < 0) {
      throw new SandboxException(
          HttpStatus.BAD_REQUEST,
          "clock_advance_invalid",
          "advanceMinutes is required and the clock only moves forward");
    }
    clock.advance(Duration.ofMinutes(request.advanceMinutes()));
    log.info("GDX clock advanced {} min", request.advanceMinutes());
    return describeClock();
  }

  @GetMapping("/agents/{agentId}/session")
  public Map<String, Object> session(@PathVariable String agentId) {
    return describeSession(agentId);
  }

  @PostMapping("/agents/{agentId}/session")
  public Map<String, Object> setSession(
      @PathVariable String agentId, @RequestBody SessionRequest request) {
    State state =
        State.parse(request.state())
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.BAD_REQUEST,
                        "session_state_unknown",
                        "state must be AgentAvailable, AgentNotAvailable or CitizenAvailable"));
    sessions.set(agentId, state);
    log.info(
        "GDX session of agent {} set to {}", GdxLinkageController.maskId(agentId), state.name());
    return describeSession(agentId);
  }

  /** The call log, oldest first; {@code path} keeps only calls to that path. */
  @GetMapping("/calls")
  public List<GdxCallLog.Call> calls(@RequestParam(name = "path", required = false) String path) {
    List<GdxCallLog.Call> all = callLog.all();
    return path == null ? all : all.stream().filter(c -> c.path().equals(path)).toList();
  }

  @DeleteMapping("/calls")
  public ResponseEntity<Void> clearCalls() {
    callLog.clear();
    return ResponseEntity.noContent().build();
  }

  /** Everything back to the start: no fault, real time, no tokens, default sessions, no calls. */
  @PostMapping("/reset")
  public ResponseEntity<Void> reset() {
    faults.clear();
    clock.reset();
    tokens.clear();
    sessions.reset();
    callLog.clear();
    log.info("GDX simulator reset");
    return ResponseEntity.noContent().build();
  }

  private static Map<String, Object> describe(Fault fault) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", fault.mode().wireName());
    body.put("delayMillis", fault.delay().toMillis());
    body.put("code", fault.code());
    return body;
  }

  private Map<String, Object> describeClock() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("now", clock.instant().toString());
    body.put("offsetMinutes", clock.offset().toMinutes());
    return body;
  }

  private Map<String, Object> describeSession(String agentId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("AgentID", agentId);
    body.put("SessionState", sessions.state(agentId).name());
    return body;
  }
}
