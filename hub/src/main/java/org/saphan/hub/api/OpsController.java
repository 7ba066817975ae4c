package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.ops.ConnectorValidation;
import org.saphan.hub.ops.HubStartRecorder;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.routes.RouteTrigger;
import org.saphan.hub.routes.StatusPollRouteParameters;
import org.saphan.hub.security.egress.ProbeResult;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of this node: its start history, the loaded catalog and the connector routes. */
@RestController
@RequestMapping(path = "/ops/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Operations: node and connectors",
    description =
        "Portal operators' view of this hub node and its connector catalog, and running a"
            + " connector's scheduled work now. Every call but the node status needs an operator"
            + " token (the portal_operator role); every write is in the operators' audit trail.")
public class OpsController {

  private static final String CONNECTOR = "The connector: its card's metadata.name.";

  private final NodeIdentity node;
  private final HubStartRecorder starts;
  private final Catalog catalog;
  private final CamelContext camel;
  private final ConnectorValidation validation;
  private final RouteTrigger trigger;

  public OpsController(
      NodeIdentity node,
      HubStartRecorder starts,
      Catalog catalog,
      CamelContext camel,
      ConnectorValidation validation,
      RouteTrigger trigger) {
    this.trigger = trigger;
    this.node = node;
    this.starts = starts;
    this.catalog = catalog;
    this.camel = camel;
    this.validation = validation;
  }

  @PostMapping(path = "/connectors/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "validateConnectorCard",
      summary = "Check a connector card",
      description =
          "Checks a card, sent as JSON (the YAML card converted), exactly as this hub checks its"
              + " catalog at start-up: schema, rules, mapping files and secrets of this hub's"
              + " home. Always answers 200: `valid` false lists every finding as `{card,"
              + " property, reason, line}`; warnings do not make a card invalid. Nothing is"
              + " loaded.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      description = "A connector card as JSON (connectors/connector.schema.json).",
      content = @Content(schema = @Schema(type = "object")))
  @ApiErrors(ErrorCode.FORBIDDEN)
  Map<String, Object> validate(@RequestBody JsonNode card) {
    return validation.validate(card);
  }

  @GetMapping("/status")
  @Operation(
      operationId = "getNodeStatus",
      summary = "This node's status",
      description =
          "Open without a token, for load balancers and the launcher: the node name, its start"
              + " history, the number of connectors loaded and of Camel routes.")
  Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("node", node.name());
    status.put("starts", starts.history());
    status.put("recentStarts", starts.recent(5));
    status.put("connectors", catalog.cards().size());
    status.put("routes", camel.getRoutesSize());
    return status;
  }

  @PostMapping("/connectors/{name}/refresh-info")
  @Operation(
      operationId = "refreshConnectorInfo",
      summary = "Refresh a connector's service information now",
      description =
          "Runs the connector's model-0 route once (e.g. after the agency updated its"
              + " information): `changed` tells whether the published information changed. A"
              + " failed pull is not an error: the catalog keeps the last good information and"
              + " shows the failure on the service.")
  @ApiErrors({ErrorCode.FORBIDDEN, ErrorCode.CONNECTOR_NOT_FOUND, ErrorCode.NOT_FOUND})
  Map<String, Object> refreshInfo(
      @Parameter(description = CONNECTOR, example = "ldd-land-analysis") @PathVariable("name")
          String name) {
    boolean changed =
        Boolean.TRUE.equals(
            trigger.runNow(routeId(name, IntegrationModel.ZERO.templateId()), Boolean.class));
    return Map.of("connector", name, "changed", changed);
  }

  @PostMapping("/connectors/{name}/probe")
  @Operation(
      operationId = "probeConnector",
      summary = "Probe a connector's link-out now",
      description =
          "Probes the e-service a model-1 or model-2 connector links out to: `status` up, down"
              + " (4xx, 5xx, timeout) or refused (the egress policy refused the URL or a"
              + " redirect), with the HTTP status, latency and final URL.")
  @ApiErrors({ErrorCode.FORBIDDEN, ErrorCode.CONNECTOR_NOT_FOUND, ErrorCode.NOT_FOUND})
  ProbeResult probe(
      @Parameter(description = CONNECTOR, example = "dlt-driving-licence-renewal")
          @PathVariable("name")
          String name) {
    return trigger.runNow(routeId(name, IntegrationModel.ONE.templateId()), ProbeResult.class);
  }

  @PostMapping("/connectors/{name}/poll")
  @Operation(
      operationId = "pollConnector",
      summary = "Poll a connector's open applications now",
      description =
          "Runs the status poll of a polled model-3 agency once: `changed` counts the"
              + " applications whose status changed.")
  @ApiErrors({ErrorCode.FORBIDDEN, ErrorCode.CONNECTOR_NOT_FOUND, ErrorCode.NOT_FOUND})
  Map<String, Object> poll(
      @Parameter(description = CONNECTOR, example = "dld-animal-movement-permit")
          @PathVariable("name")
          String name) {
    Integer changed =
        trigger.runNow(routeId(name, StatusPollRouteParameters.TEMPLATE_ID), Integer.class);
    return Map.of("connector", name, "changed", changed == null ? 0 : changed);
  }

  /**
   * The route of a connector's template: {@code connector_not_found} for an unknown connector;
   * {@code not_found} (from the trigger) when its model has no such route.
   */
  private String routeId(String connector, String templateId) {
    ConnectorCard card =
        catalog
            .find(connector)
            .orElseThrow(
                () ->
                    SaphanException.validation(
                        ErrorCode.CONNECTOR_NOT_FOUND, "no connector card named " + connector));
    return card.name() + "-" + templateId;
  }

  @GetMapping("/connectors")
  @Operation(
      operationId = "listConnectors",
      summary = "The loaded connectors and their routes",
      description =
          "Every card of the catalog with its model, agency and Camel routes (`{id, status}`,"
              + " status as Camel reports it: Started, Suspended, Stopped).")
  @ApiErrors(ErrorCode.FORBIDDEN)
  List<Map<String, Object>> connectors() {
    return catalog.cards().stream().map(this::describe).toList();
  }

  private Map<String, Object> describe(ConnectorCard card) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", card.name());
    view.put("model", card.model());
    view.put("agency", card.agencyCode());
    view.put(
        "routes",
        camel.getRoutes().stream()
            .filter(r -> r.getRouteId().startsWith(card.name() + "-"))
            .map(OpsController::route)
            .toList());
    return view;
  }

  private static Map<String, Object> route(Route route) {
    return Map.of(
        "id",
        route.getRouteId(),
        "status",
        String.valueOf(
            route.getCamelContext().getRouteController().getRouteStatus(route.getRouteId())));
  }
}
