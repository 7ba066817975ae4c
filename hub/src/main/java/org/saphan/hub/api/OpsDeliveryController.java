package org.saphan.hub.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.Evidence;
import org.saphan.hub.delivery.DeadLetters;
import org.saphan.hub.delivery.DeliveryCircuit;
import org.saphan.hub.delivery.Replays;
import org.saphan.hub.delivery.RouteSwitches;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.status.PortalNotifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' delivery tools: dead letters (personal data masked) with replay and bulk replay as
 * tracked tasks, the evidence of an application or correlation id, route pause / resume with the
 * circuit state, and the portal events' delivery history.
 */
@RestController
@RequestMapping(path = "/ops/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsDeliveryController {

  private final DeadLetters deadLetters;
  private final Replays replays;
  private final Evidence evidence;
  private final ApplicationStore store;
  private final RouteSwitches switches;
  private final DeliveryCircuit circuit;
  private final PortalNotifier portal;
  private final CamelContext camel;

  public OpsDeliveryController(
      DeadLetters deadLetters,
      Replays replays,
      Evidence evidence,
      ApplicationStore store,
      RouteSwitches switches,
      DeliveryCircuit circuit,
      PortalNotifier portal,
      CamelContext camel) {
    this.deadLetters = deadLetters;
    this.replays = replays;
    this.evidence = evidence;
    this.store = store;
    this.switches = switches;
    this.circuit = circuit;
    this.portal = portal;
    this.camel = camel;
  }

  @GetMapping("/dead-letters")
  List<Map<String, Object>> deadLetters(
      @RequestParam(name = "connector", required = false) String connector,
      @RequestParam(name = "cause", required = false) String cause,
      @RequestParam(name = "from", required = false) Instant from,
      @RequestParam(name = "to", required = false) Instant to,
      @RequestParam(name = "state", required = false) String state,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 1000");
    }
    return deadLetters
        .list(new DeadLetters.Filter(connector, cause, from, to, state), limit)
        .stream()
        .map(this::view)
        .toList();
  }

  @PostMapping("/dead-letters/{id}/replay")
  Map<String, Object> replay(@PathVariable("id") long id) {
    return view(replays.replay(id, null));
  }

  /** Replays every open letter matching the filter, as a tracked task. */
  @PostMapping("/dead-letters/replay")
  ResponseEntity<Map<String, Object>> replayAll(
      @RequestParam(name = "connector", required = false) String connector,
      @RequestParam(name = "cause", required = false) String cause,
      @RequestParam(name = "from", required = false) Instant from,
      @RequestParam(name = "to", required = false) Instant to,
      Caller caller) {
    long task =
        replays.replayAll(
            new DeadLetters.Filter(connector, cause, from, to, "open"), caller.maskedCitizenId());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("taskId", task, "taskUrl", "/ops/v1/replay-tasks/" + task));
  }

  @GetMapping("/replay-tasks/{id}")
  Map<String, Object> task(@PathVariable("id") long id) {
    return replays.task(id);
  }

  /** The evidence record by application id or by correlation id. */
  @GetMapping("/evidence")
  List<Evidence.Item> evidence(
      @RequestParam(name = "applicationId", required = false) String applicationId,
      @RequestParam(name = "correlationId", required = false) String correlationId) {
    if (applicationId != null) {
      return evidence.ofApplication(applicationId);
    }
    if (correlationId != null) {
      return evidence.ofCorrelation(correlationId);
    }
    throw SaphanException.validation(
        ErrorCode.VALIDATION_FAILED, "give applicationId or correlationId");
  }

  @GetMapping("/routes")
  List<Map<String, Object>> routes() {
    return camel.getRoutes().stream()
        .map(
            r -> {
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("routeId", r.getRouteId());
              view.put(
                  "status",
                  String.valueOf(camel.getRouteController().getRouteStatus(r.getRouteId())));
              view.put("pausedByOperator", switches.isPaused(r.getRouteId()));
              view.put(
                  "circuit",
                  circuit.state(r.getRouteId()).name().toLowerCase(java.util.Locale.ROOT));
              return view;
            })
        .toList();
  }

  @PostMapping("/routes/{routeId}/pause")
  Map<String, Object> pause(
      @PathVariable("routeId") String routeId,
      @RequestParam(name = "reason", required = false) String reason,
      Caller caller) {
    requireRoute(routeId);
    switches.pause(routeId, caller.maskedCitizenId(), reason);
    return Map.of("routeId", routeId, "pausedByOperator", true);
  }

  @PostMapping("/routes/{routeId}/resume")
  Map<String, Object> resume(
      @PathVariable("routeId") String routeId,
      @RequestParam(name = "reason", required = false) String reason,
      Caller caller) {
    requireRoute(routeId);
    switches.resume(routeId, caller.maskedCitizenId(), reason);
    return Map.of(
        "routeId",
        routeId,
        "pausedByOperator",
        false,
        "circuit",
        circuit.state(routeId).name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The portal events of an application with their delivery attempts. */
  @GetMapping("/portal-events")
  List<Map<String, Object>> portalEvents(@RequestParam("applicationId") String applicationId) {
    return portal.events(applicationId).stream()
        .map(
            e -> {
              Map<String, Object> view = new LinkedHashMap<>(e);
              view.put("attempts", portal.attempts((UUID) e.get("event_id")));
              return view;
            })
        .toList();
  }

  @PostMapping("/portal-events/{eventId}/retry")
  Map<String, Object> retryEvent(@PathVariable("eventId") UUID eventId) {
    if (!portal.retry(eventId)) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "no failed event " + eventId);
    }
    return Map.of("eventId", eventId, "state", "pending");
  }

  private void requireRoute(String routeId) {
    if (camel.getRoute(routeId) == null) {
      throw SaphanException.validation(ErrorCode.NOT_FOUND, "no route " + routeId);
    }
  }

  private Map<String, Object> view(DeadLetters.Letter letter) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", letter.id());
    view.put("connector", letter.connector());
    view.put("applicationId", letter.applicationId());
    view.put("messageId", letter.messageId());
    view.put("correlationId", letter.correlationId());
    view.put("kind", letter.kind());
    view.put("causeCode", letter.causeCode());
    view.put("cause", letter.cause());
    view.put("attempts", letter.attempts());
    view.put("failedAt", letter.failedAt());
    view.put("state", letter.state());
    store
        .find(letter.applicationId())
        .ifPresent(a -> view.put("citizen", ThaiCitizenId.mask(a.citizenId())));
    return view;
  }
}
