package org.saphan.sandbox.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.saphan.sandbox.common.HubTrust;
import org.saphan.sandbox.common.SignatureRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Citizen Portal's webhook, simulated: receives the hub's application status events, checks
 * their signature through the hub's JWKS only, keeps each event once (by eventId), and shows them
 * to tests and demos. A fault switch makes it answer 503, to exercise the hub's retries.
 */
@RestController
public class PortalEventSink {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_EVENTS = 100_000;

  private final HubTrust hub;
  private final Map<String, JsonNode> byEventId = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<JsonNode> events = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

  public PortalEventSink(HubTrust hub) {
    this.hub = hub;
  }

  @PostMapping(path = "/portal/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> receive(
      @RequestBody byte[] body,
      @RequestHeader(name = "X-JWS-Signature", required = false) String signature) {
    if (down.get()) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "down"));
    }
    if (signature == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "missing"));
    }
    HubTrust.VerifiedJws verified;
    try {
      verified = hub.verifyDetached(body, signature);
    } catch (SignatureRejectedException e) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", e.getMessage()));
    }
    JsonNode event;
    try {
      event = JSON.readTree(body);
    } catch (java.io.IOException e) {
      return ResponseEntity.badRequest().body(Map.of("error", "malformed"));
    }
    String eventId = event.path("eventId").asText();
    deliveries.merge(eventId, 1, Integer::sum);
    if (byEventId.putIfAbsent(eventId, event) == null) {
      events.addLast(
          JSON.createObjectNode()
              .put("receivedAt", Instant.now().toString())
              .put("kid", verified.kid())
              .set("event", event));
      while (events.size() > MAX_EVENTS) {
        JsonNode oldest = events.pollFirst();
        if (oldest != null) {
          byEventId.remove(oldest.path("event").path("eventId").asText());
        }
      }
    }
    return ResponseEntity.ok(Map.of("eventId", eventId, "received", true));
  }

  /** The events received (optionally of one application), oldest first, each once. */
  @GetMapping(path = "/sandbox/v1/portal/events", produces = MediaType.APPLICATION_JSON_VALUE)
  List<JsonNode> events(
      @RequestParam(name = "applicationId", required = false) String applicationId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode received : events) {
      if (applicationId == null
          || applicationId.equals(received.path("event").path("applicationId").asText())) {
        out.add(received);
      }
    }
    return out;
  }

  /** How often each event arrived (the hub delivers at least once). */
  @GetMapping(path = "/sandbox/v1/portal/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Integer> deliveries() {
    return new LinkedHashMap<>(deliveries);
  }

  /** {@code {"mode": "down"}} answers 503 to every event; {@code {"mode": "none"}} clears it. */
  @PostMapping(path = "/sandbox/v1/portal/faults", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> faults(@RequestBody JsonNode fault) {
    down.set("down".equals(fault.path("mode").asText()));
    return Map.of("mode", down.get() ? "down" : "none");
  }

  @DeleteMapping("/sandbox/v1/portal/events")
  ResponseEntity<Void> clear() {
    events.clear();
    byEventId.clear();
    deliveries.clear();
    return ResponseEntity.noContent().build();
  }
}
