package org.saphan.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.hub.delivery.DeliveryCircuit;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.evidence.StampingState;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the message log's timestamping (docs/evidence.md): the backlog waiting for a
 * TSA token, the TSA's last error, and whether the fail-safe pauses deliveries, and why.
 */
@RestController
@RequestMapping(path = "/ops/v1/evidence/timestamping", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Operations: evidence timestamping",
    description = "The message log's batch timestamping and its fail-safe.")
@ApiErrors(ErrorCode.FORBIDDEN)
public class OpsTimestampingController {

  private final StampingState state;
  private final DeliveryCircuit circuit;

  public OpsTimestampingController(StampingState state, DeliveryCircuit circuit) {
    this.state = state;
    this.circuit = circuit;
  }

  @GetMapping
  @Operation(
      operationId = "getEvidenceTimestamping",
      summary = "Timestamping backlog and fail-safe",
      description =
          "Records and manifests no TSA token covers yet, the oldest one's age against"
              + " saphan.evidence.max-unstamped-age, the last manifest and when it was stamped, the"
              + " TSA's last error, and whether deliveries are paused (cluster-wide, from"
              + " PostgreSQL) and held on this node.")
  Map<String, Object> timestamping() {
    StampingState.Status status = state.refresh();
    StampingState.Backlog backlog = status.backlog();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("deliveriesPaused", status.deliveriesPaused());
    body.put("reason", status.reason());
    body.put("heldOnThisNode", circuit.heldBecause() != null);
    body.put("unstampedRecords", backlog.unstampedRecords());
    body.put("unstampedManifests", backlog.unstampedManifests());
    body.put("oldestUnstamped", backlog.oldestUnstamped());
    body.put("oldestUnstampedAgeSeconds", status.oldestAge().toSeconds());
    body.put("maxUnstampedAgeSeconds", status.maxUnstampedAge().toSeconds());
    body.put("lastManifest", backlog.lastManifest());
    body.put("lastStampedAt", backlog.lastStampedAt());
    body.put("lastError", backlog.lastError());
    return body;
  }
}
