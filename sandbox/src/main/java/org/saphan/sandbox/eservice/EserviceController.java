package org.saphan.sandbox.eservice;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.saphan.sandbox.web.FaultRequest;
import org.saphan.sandbox.web.FaultSwitch;
import org.saphan.sandbox.web.LoopbackRedirect;
import org.saphan.sandbox.web.Problems;
import org.saphan.sandbox.web.SandboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The e-services of models 1 and 2: the DLT e-learning page the portal links out to, the SSO
 * callback that takes the hub's signed assertion, their control API, and the LED bankruptcy check.
 */
@RestController
public class EserviceController {

  private static final Logger log = LoggerFactory.getLogger(EserviceController.class);
  private static final MediaType HTML_UTF8 =
      new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
  static final String E_LEARNING_PATH = "/agencies/dlt/e-learning";

  /** The LED bankruptcy-status check the model-1 card {@code led-bankruptcy-check} links to. */
  static final String LED_BANKRUPTCY_CHECK_PATH = "/agencies/led/bankruptcy-check";

  private final FaultSwitch<EserviceFault> faults = new FaultSwitch<>(EserviceFault.class);
  private final AssertionVerifier verifier;
  private final SessionLog sessions;

  public EserviceController(AssertionVerifier verifier, SessionLog sessions) {
    this.verifier = verifier;
    this.sessions = sessions;
  }

  @RequestMapping(
      path = E_LEARNING_PATH,
      method = {RequestMethod.GET, RequestMethod.HEAD})
  public CompletableFuture<ResponseEntity<String>> eLearning(HttpServletRequest request) {
    FaultSwitch.Active<EserviceFault> fault = faults.current();
    return switch (fault.mode()) {
      case NONE -> CompletableFuture.completedFuture(page());
      case SLOW -> FaultSwitch.after(fault.delay(), EserviceController::page);
      case DOWN ->
          CompletableFuture.completedFuture(
              ResponseEntity.status(downStatus(fault.code()))
                  .header(HttpHeaders.RETRY_AFTER, "120")
                  .contentType(HTML_UTF8)
                  .body(EservicePages.DOWN));
      case REDIRECT ->
          CompletableFuture.completedFuture(
              ResponseEntity.status(HttpStatus.FOUND)
                  .header(
                      HttpHeaders.LOCATION,
                      LoopbackRedirect.target(request.getLocalPort(), E_LEARNING_PATH))
                  .build());
      case HEAD_NOT_ALLOWED ->
          CompletableFuture.completedFuture(
              "HEAD".equals(request.getMethod())
                  ? ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                      .header(HttpHeaders.ALLOW, "GET")
                      .build()
                  : page());
    };
  }

  /** A plain page: the LED card only links out and probes, so it has no fault switch of its own. */
  @RequestMapping(
      path = LED_BANKRUPTCY_CHECK_PATH,
      method = {RequestMethod.GET, RequestMethod.HEAD})
  public ResponseEntity<String> ledBankruptcyCheck() {
    return ResponseEntity.ok().contentType(HTML_UTF8).body(EservicePages.LED_BANKRUPTCY_CHECK);
  }

  @RequestMapping(
      path = "/agencies/dlt/sso/callback",
      method = {RequestMethod.GET, RequestMethod.POST})
  public ResponseEntity<?> ssoCallback(
      @RequestParam(name = "assertion", required = false) String assertion,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    JWTClaimsSet claims;
    try {
      claims = verifier.verify(assertion);
    } catch (AssertionRejectedException e) {
      log.info("SSO assertion refused: {} ({})", e.error().code(), e.getMessage());
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .contentType(MediaType.APPLICATION_JSON)
          .body(refusal(e.error().code()));
    } catch (HubKeysUnavailableException e) {
      log.warn("SSO assertion not judged: {}", e.getMessage());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .contentType(MediaType.APPLICATION_JSON)
          .body(refusal("jwks_unavailable"));
    }
    String who = displayName(claims);
    sessions.add(
        new SessionLog.Session(who, claims.getSubject(), Instant.now(), claims.getJWTID()));
    log.info("SSO login accepted, jti {}", claims.getJWTID());
    if (Problems.wantsJson(accept)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("loggedIn", true);
      body.put("claims", claims.toJSONObject());
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return ResponseEntity.ok().contentType(HTML_UTF8).body(EservicePages.loggedIn(who));
  }

  @GetMapping("/sandbox/v1/eservice/sessions")
  public List<SessionLog.Session> sessions() {
    return sessions.all();
  }

  @DeleteMapping("/sandbox/v1/eservice/sessions")
  public ResponseEntity<Void> clearSessions() {
    sessions.clear();
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/sandbox/v1/eservice/faults")
  public FaultRequest fault() {
    return faults.current().toRequest();
  }

  @PostMapping("/sandbox/v1/eservice/faults")
  public FaultRequest setFault(@RequestBody FaultRequest request) {
    if (request != null && "down".equalsIgnoreCase(String.valueOf(request.mode()).trim())) {
      downStatus(request.code()); // refuses a bad status now rather than on every page view
    }
    FaultRequest active = faults.set(request).toRequest();
    log.info("e-service fault now {}", active.mode());
    return active;
  }

  private static Map<String, Object> refusal(String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("loggedIn", false);
    body.put("error", error);
    return body;
  }

  private static ResponseEntity<String> page() {
    return ResponseEntity.ok().contentType(HTML_UTF8).body(EservicePages.E_LEARNING);
  }

  private static HttpStatusCode downStatus(String code) {
    if (code == null || code.isBlank()) {
      return HttpStatus.SERVICE_UNAVAILABLE;
    }
    try {
      int status = Integer.parseInt(code.trim());
      if (status >= 400 && status <= 599) {
        return HttpStatusCode.valueOf(status);
      }
    } catch (NumberFormatException e) {
      // fall through to the refusal below
    }
    throw new SandboxException(
        HttpStatus.BAD_REQUEST, "fault_code_invalid", "code of down must be a 4xx or 5xx status");
  }

  /** The Thai name the page greets: {@code name}, else given and family name, else the subject. */
  static String displayName(JWTClaimsSet claims) {
    Object name = claims.getClaim("name");
    if (name instanceof String s && !s.isBlank()) {
      return s;
    }
    Object given = claims.getClaim("given_name");
    Object family = claims.getClaim("family_name");
    if (given instanceof String g && family instanceof String f) {
      return g + " " + f;
    }
    return claims.getSubject();
  }
}
