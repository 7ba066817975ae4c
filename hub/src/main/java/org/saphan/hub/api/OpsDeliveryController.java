package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.delivery.DeadLetters;
import org.saphan.hub.delivery.DeliveryCircuit;
import org.saphan.hub.delivery.Replays;
import org.saphan.hub.delivery.RouteSwitches;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
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
@Tag(
    name = "Operations: delivery",
    description =
        "Deliveries to the agencies and to the portal: dead letters (personal data masked) and"
            + " their replay, the evidence record, pausing and resuming a connector's route, and"
            + " the portal events' delivery history.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsDeliveryController {

  private static final String CONNECTOR = "Only this connector (its card's metadata.name).";
  private static final String CAUSE = "Only this cause code (the error code it failed with).";
  private static final String FROM = "Failed at or after this instant.";
  private static final String TO = "Failed before this instant.";
  private static final String ROUTE = "A Camel route id: `<connector>-<template>`.";
  private static final String REASON = "Why, for the audit trail and the route switch.";
  private static final int EVIDENCE_LIMIT = 1000;

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
  @Operation(
      operationId = "listDeadLetters",
      summary = "Dead letters",
      description =
          "Deliveries that failed for good, newest first: connector, application, message id,"
              + " cause code and cause, attempts, state (open, replaying, replayed, discarded)"
              + " and the citizen id masked.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<Map<String, Object>> deadLetters(
      @Parameter(description = CONNECTOR, example = "dcy-newborn-grant")
          @RequestParam(name = "connector", required = false)
          String connector,
      @Parameter(description = CAUSE, example = "agency_rejected_request")
          @RequestParam(name = "cause", required = false)
          String cause,
      @Parameter(description = FROM) @RequestParam(name = "from", required = false) Instant from,
      @Parameter(description = TO) @RequestParam(name = "to", required = false) Instant to,
      @Parameter(description = "open, replaying, replayed or discarded; default all.")
          @RequestParam(name = "state", required = false)
          String state,
      @Parameter(description = "At most this many, 1 to 1000.")
          @RequestParam(name = "limit", defaultValue = "100")
          int limit) {
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
  @Operation(
      operationId = "replayDeadLetter",
      summary = "Replay a dead letter",
      description =
          "Delivers the letter's message again with the same message id (the agency"
              + " de-duplicates by it), its attempts reset; the letter becomes `replaying`, then"
              + " `replayed` once delivered. Only an open letter can be replayed.")
  @ApiErrors({ErrorCode.NOT_FOUND, ErrorCode.REPLAY_NOT_OPEN, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> replay(
      @Parameter(description = "The dead letter's id.", example = "42") @PathVariable("id")
          long id) {
    return view(replays.replay(id, null));
  }

  @PostMapping("/dead-letters/replay")
  @Operation(
      operationId = "replayDeadLetters",
      summary = "Replay every open dead letter matching a filter",
      description =
          "Starts a bulk replay (at most 10000 letters) as a tracked task and answers at once"
              + " with its id and URL; follow it with getReplayTask.")
  @ApiResponse(responseCode = "202", description = "The replay task started: `{taskId, taskUrl}`.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  ResponseEntity<Map<String, Object>> replayAll(
      @Parameter(description = CONNECTOR, example = "dcy-newborn-grant")
          @RequestParam(name = "connector", required = false)
          String connector,
      @Parameter(description = CAUSE) @RequestParam(name = "cause", required = false) String cause,
      @Parameter(description = FROM) @RequestParam(name = "from", required = false) Instant from,
      @Parameter(description = TO) @RequestParam(name = "to", required = false) Instant to,
      Caller caller) {
    long task =
        replays.replayAll(
            new DeadLetters.Filter(connector, cause, from, to, "open"), caller.maskedCitizenId());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("taskId", task, "taskUrl", "/ops/v1/replay-tasks/" + task));
  }

  @GetMapping("/replay-tasks/{id}")
  @Operation(
      operationId = "getReplayTask",
      summary = "A bulk replay's progress",
      description =
          "The task's criteria, total, done and failed counts, state, the node running it and"
              + " its last heartbeat.")
  @ApiErrors({ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> task(
      @Parameter(description = "The replay task's id.", example = "7") @PathVariable("id")
          long id) {
    return replays.task(id);
  }

  @GetMapping("/evidence")
  @Operation(
      operationId = "getEvidence",
      summary = "The message log of an application, a correlation id or a connector",
      description =
          "What was sent and received, in order: the exchange and its direction, the SHA-256 of"
              + " the exact bytes, signature and its kid, the agency's reference, the consent"
              + " record or lawful basis, the outcome, and where the record is sealed (manifest,"
              + " position). Give applicationId, correlationId, or connector with from and to"
              + " (at most 1000 records; records without an application, such as GDX reads and"
              + " SSO assertions, are found by correlation id or connector).")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<Evidence.Item> evidence(
      @Parameter(description = "The hub's application id.", example = "APP-20261124-7KQ2M9XD")
          @RequestParam(name = "applicationId", required = false)
          String applicationId,
      @Parameter(description = "A correlation id (X-Correlation-Id of a request or delivery).")
          @RequestParam(name = "correlationId", required = false)
          String correlationId,
      @Parameter(
              description = "A connector (card) name; with from and to.",
              example = "dcy-newborn-grant")
          @RequestParam(name = "connector", required = false)
          String connector,
      @Parameter(description = "Start of the window (ISO-8601, inclusive), with connector.")
          @RequestParam(name = "from", required = false)
          Instant from,
      @Parameter(description = "End of the window (ISO-8601, exclusive), with connector.")
          @RequestParam(name = "to", required = false)
          Instant to) {
    if (applicationId != null) {
      return evidence.ofApplication(applicationId);
    }
    if (correlationId != null) {
      return evidence.ofCorrelation(correlationId);
    }
    if (connector != null) {
      if (from == null || to == null || !from.isBefore(to)) {
        throw SaphanException.validation(
            ErrorCode.VALIDATION_FAILED, "with connector, give from and to (from before to)");
      }
      return evidence.ofConnector(connector, from, to, EVIDENCE_LIMIT);
    }
    throw SaphanException.validation(
        ErrorCode.VALIDATION_FAILED,
        "give applicationId, correlationId, or connector with from/to");
  }

  @GetMapping("/routes")
  @Operation(
      operationId = "listRoutes",
      summary = "The Camel routes with their switches and circuits",
      description =
          "Each route's Camel status, whether an operator paused it, and its delivery circuit"
              + " (closed, open, half_open).")
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
  @Operation(
      operationId = "pauseRoute",
      summary = "Pause a route",
      description =
          "Stops the route consuming on every node until resumed (e.g. the agency announced"
              + " maintenance); messages wait on the queue. Pausing a paused route is harmless.")
  @ApiErrors({ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> pause(
      @Parameter(description = ROUTE, example = "dcy-newborn-grant-model3-api-share")
          @PathVariable("routeId")
          String routeId,
      @Parameter(description = REASON, example = "agency maintenance window")
          @RequestParam(name = "reason", required = false)
          String reason,
      Caller caller) {
    requireRoute(routeId);
    switches.pause(routeId, caller.maskedCitizenId(), reason);
    return Map.of("routeId", routeId, "pausedByOperator", true);
  }

  @PostMapping("/routes/{routeId}/resume")
  @Operation(
      operationId = "resumeRoute",
      summary = "Resume a paused route",
      description =
          "Lifts the operator's pause on every node; the answer gives the delivery circuit,"
              + " which may still hold the route while the agency is down.")
  @ApiErrors({ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> resume(
      @Parameter(description = ROUTE, example = "dcy-newborn-grant-model3-api-share")
          @PathVariable("routeId")
          String routeId,
      @Parameter(description = REASON) @RequestParam(name = "reason", required = false)
          String reason,
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

  @GetMapping("/portal-events")
  @Operation(
      operationId = "listPortalEvents",
      summary = "An application's portal events and their delivery attempts",
      description = "The signed status events sent to the portal, each with its attempts.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  List<Map<String, Object>> portalEvents(
      @Parameter(description = "The hub's application id.", example = "APP-20261124-7KQ2M9XD")
          @RequestParam("applicationId")
          String applicationId) {
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
  @Operation(
      operationId = "retryPortalEvent",
      summary = "Send a failed portal event again",
      description = "Puts a failed event back to `pending`; the notifier sends it again.")
  @ApiErrors({ErrorCode.NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> retryEvent(
      @Parameter(description = "The event's id.") @PathVariable("eventId") UUID eventId) {
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
