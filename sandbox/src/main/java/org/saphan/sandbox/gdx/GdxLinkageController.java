package org.saphan.sandbox.gdx;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.saphan.sandbox.ThaiCitizenId;
import org.saphan.sandbox.gdx.GdxTokens.Grant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The GDX wire API as the hub sees it: login, DOPA Linkage reads and the laser-code check, each
 * answered as GDX answers (JSON, {@code {"Code","Message"}} on errors) and written to the call log.
 */
@RestController
public class GdxLinkageController {

  private static final Logger log = LoggerFactory.getLogger(GdxLinkageController.class);

  /** GDX answers UTF-8 JSON and says so, for clients that would otherwise guess ISO-8859-1. */
  private static final MediaType JSON_UTF8 =
      new MediaType("application", "json", StandardCharsets.UTF_8);

  private static final String CONSUMER_KEY = "Consumer-Key";
  private static final String TOKEN = "Token";
  private static final String VALIDATE = "/ws/auth/validate";
  private static final String PERMISSION = "/ws/dopa/linkage/v1/agent/permission";
  private static final String LINK = "/ws/dopa/linkage/v1/link";
  private static final String VERIFICATION = "/ws/dopa/verification/personal";

  private final GdxSimulator simulator;
  private final GdxCallLog callLog;
  private final GdxClock clock;

  public GdxLinkageController(
      GdxSimulator simulator,
      GdxCallLog callLog,
      @Qualifier(GdxConfiguration.CLOCK) GdxClock clock) {
    this.simulator = simulator;
    this.callLog = callLog;
    this.clock = clock;
  }

  /** Login: {@code {"Result": "<token>"}}. */
  @GetMapping(path = VALIDATE, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> validate(
      HttpServletRequest request,
      @RequestHeader(name = CONSUMER_KEY, required = false) String consumerKey,
      @RequestParam(name = "ConsumerSecret", required = false) String consumerSecret,
      @RequestParam(name = "AgentID", required = false) String agentId) {
    Trace trace = new Trace(request, VALIDATE, null, agentId, null, null);
    return answer(
        trace,
        () -> {
          String token = simulator.login(consumerKey, consumerSecret, agentId);
          trace.token = token;
          return Map.of("Result", token);
        });
  }

  /** The agent's GovAMI session: {@code {"AgentID","CitizenID","SessionState"}}. */
  @GetMapping(path = PERMISSION, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> permission(
      HttpServletRequest request,
      @RequestHeader(name = TOKEN, required = false) String token,
      @RequestParam(name = "Consumer", required = false) String consumer,
      @RequestParam(name = "CitizenID", required = false) String agentId) {
    Trace trace = new Trace(request, PERMISSION, null, agentId, null, token);
    return answer(trace, () -> simulator.permission(consumer, agentId, token));
  }

  /** A DOPA Linkage read: the person (ServiceID 001) or house (008) record. */
  @GetMapping(path = LINK, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> link(
      HttpServletRequest request,
      @RequestHeader(name = CONSUMER_KEY, required = false) String consumerKey,
      @RequestHeader(name = TOKEN, required = false) String token,
      @RequestParam(name = "OfficeID", required = false) String officeId,
      @RequestParam(name = "ServiceID", required = false) String serviceId,
      @RequestParam(name = "Version", required = false) String version,
      @RequestParam(name = "CitizenID", required = false) String citizenId) {
    Trace trace = new Trace(request, LINK, serviceId, null, citizenId, token);
    return answer(
        trace,
        () -> {
          Grant grant = simulator.authenticate(consumerKey, token);
          trace.agentId = grant.agentId();
          return simulator.read(grant, officeId, serviceId, version, citizenId);
        });
  }

  /** The laser-code check of an ID card: {@code {"Result": true|false}}. */
  @GetMapping(path = VERIFICATION, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Object> verify(
      HttpServletRequest request,
      @RequestHeader(name = CONSUMER_KEY, required = false) String consumerKey,
      @RequestHeader(name = TOKEN, required = false) String token,
      @RequestParam(name = "CitizenID", required = false) String citizenId,
      @RequestParam(name = "FirstName", required = false) String firstName,
      @RequestParam(name = "LastName", required = false) String lastName,
      @RequestParam(name = "BEBirthDate", required = false) String beBirthDate,
      @RequestParam(name = "LaserCode", required = false) String laserCode) {
    Trace trace = new Trace(request, VERIFICATION, null, null, citizenId, token);
    return answer(
        trace,
        () -> {
          Grant grant = simulator.authenticate(consumerKey, token);
          trace.agentId = grant.agentId();
          return Map.of(
              "Result", simulator.verify(citizenId, firstName, lastName, beBirthDate, laserCode));
        });
  }

  private ResponseEntity<Object> answer(Trace trace, Supplier<Object> work) {
    try {
      simulator.transportFaults();
      Object body = work.get();
      record(trace, 200, null);
      return ResponseEntity.ok().contentType(JSON_UTF8).body(body);
    } catch (GdxError e) {
      record(trace, e.status().value(), e.code());
      return ResponseEntity.status(e.status()).contentType(JSON_UTF8).body(e.body());
    }
  }

  private void record(Trace trace, int status, String code) {
    String agent = maskId(trace.agentId);
    String citizen = maskId(trace.citizenId);
    callLog.add(
        new GdxCallLog.Call(
            clock.instant(),
            trace.method,
            trace.path,
            trace.serviceId,
            agent,
            citizen,
            status,
            code,
            GdxTokens.mask(trace.token)));
    log.info(
        "GDX {} {} service={} agent={} citizen={} -> {} {}",
        trace.method,
        trace.path,
        trace.serviceId,
        agent,
        citizen,
        status,
        code == null ? "" : code);
  }

  /**
   * A citizen id masked for logs; an AgentID that is a system name (letters, digits, dashes) is not
   * personal data and is kept; anything else is hidden.
   */
  static String maskId(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    String value = id.trim();
    if (value.matches("\\d+")) {
      return ThaiCitizenId.mask(value);
    }
    return value.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}") ? value : "****";
  }

  /** What the call log needs to know about a call, filled in as the call goes. */
  private static final class Trace {
    private final String method;
    private final String path;
    private final String serviceId;
    private String agentId;
    private final String citizenId;
    private String token;

    Trace(
        HttpServletRequest request,
        String path,
        String serviceId,
        String agentId,
        String citizenId,
        String token) {
      this.method = request.getMethod();
      this.path = path;
      this.serviceId = serviceId == null || serviceId.matches("\\d{1,5}") ? serviceId : "invalid";
      this.agentId = agentId;
      this.citizenId = citizenId;
      this.token = token;
    }
  }
}
