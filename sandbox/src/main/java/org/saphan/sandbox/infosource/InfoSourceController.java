package org.saphan.sandbox.infosource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.saphan.sandbox.web.FaultRequest;
import org.saphan.sandbox.web.FaultSwitch;
import org.saphan.sandbox.web.LoopbackRedirect;
import org.saphan.sandbox.web.SandboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agency info source of model 0: service information published as JSON for the hub to pull, and
 * the control API that changes it or makes it misbehave.
 */
@RestController
public class InfoSourceController {

  private static final Logger log = LoggerFactory.getLogger(InfoSourceController.class);
  private static final MediaType JSON_UTF8 =
      new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** What {@code malformed} answers: the start of a document that never ends. */
  static final String MALFORMED_BODY = "{\"documentsRequired\": [{\"th\": \"บัตรประจำตัว";

  private final FaultSwitch<InfoSourceFault> faults = new FaultSwitch<>(InfoSourceFault.class);
  private final InfoSourceStore store;
  private final ObjectMapper json;

  public InfoSourceController(InfoSourceStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  @GetMapping("/agencies/{agency}/service-info/{service}.json")
  public CompletableFuture<ResponseEntity<String>> serviceInfo(
      @PathVariable String agency, @PathVariable String service, HttpServletRequest request) {
    FaultSwitch.Active<InfoSourceFault> fault = faults.current();
    return switch (fault.mode()) {
      case DOWN ->
          CompletableFuture.completedFuture(
              ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                  .header(HttpHeaders.RETRY_AFTER, "120")
                  .build());
      case MALFORMED ->
          CompletableFuture.completedFuture(
              ResponseEntity.ok().contentType(JSON_UTF8).body(MALFORMED_BODY));
      case REDIRECT ->
          CompletableFuture.completedFuture(
              ResponseEntity.status(HttpStatus.FOUND)
                  .header(
                      HttpHeaders.LOCATION,
                      LoopbackRedirect.target(request.getLocalPort(), request.getRequestURI()))
                  .build());
      case SLOW -> {
        ResponseEntity<String> answer = published(agency, service);
        yield FaultSwitch.after(fault.delay(), () -> answer);
      }
      case NONE -> CompletableFuture.completedFuture(published(agency, service));
    };
  }

  @GetMapping("/sandbox/v1/info-source/faults")
  public FaultRequest fault() {
    return faults.current().toRequest();
  }

  @PostMapping("/sandbox/v1/info-source/faults")
  public FaultRequest setFault(@RequestBody FaultRequest request) {
    FaultRequest active = faults.set(request).toRequest();
    log.info("info source fault now {}", active.mode());
    return active;
  }

  /** Replaces what the agency publishes for a service; any JSON object is taken as it is. */
  @PutMapping("/sandbox/v1/info-source/{agency}/{service}")
  public ResponseEntity<JsonNode> replace(
      @PathVariable String agency, @PathVariable String service, @RequestBody JsonNode info) {
    requireCode("agency", agency);
    requireCode("service", service);
    if (!(info instanceof ObjectNode object)) {
      throw new SandboxException(
          HttpStatus.BAD_REQUEST, "info_invalid", "the service info must be a JSON object");
    }
    boolean created = store.put(agency, service, object);
    log.info("info source now publishes new info for {}/{}", agency, service);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .body(store.find(agency, service).orElseThrow());
  }

  private ResponseEntity<String> published(String agency, String service) {
    ObjectNode info =
        store
            .find(agency, service)
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.NOT_FOUND,
                        "service_info_unknown",
                        "no service info for " + agency + "/" + service));
    try {
      return ResponseEntity.ok().contentType(JSON_UTF8).body(json.writeValueAsString(info));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("service info not serialisable", e);
    }
  }

  private static void requireCode(String what, String value) {
    if (!CODE.matcher(value).matches()) {
      throw new SandboxException(
          HttpStatus.BAD_REQUEST,
          what + "_invalid",
          what + " must be lower-case letters, digits and '-'");
    }
  }
}
