package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.ops.ConnectorValidation;
import org.saphan.hub.ops.HubStartRecorder;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.routes.RouteTrigger;
import org.saphan.hub.routes.StatusPollRouteParameters;
import org.saphan.hub.security.egress.ProbeResult;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of this node: its start history, the loaded catalog and the connector routes. */
@RestController
@RequestMapping(path = "/ops/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsController {

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

  /** Checks a card (as JSON) the way this hub checks its catalog at start-up. */
  @PostMapping(path = "/connectors/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> validate(@RequestBody JsonNode card) {
    return validation.validate(card);
  }

  @GetMapping("/status")
  Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("node", node.name());
    status.put("starts", starts.history());
    status.put("recentStarts", starts.recent(5));
    status.put("connectors", catalog.cards().size());
    status.put("routes", camel.getRoutesSize());
    return status;
  }

  /**
   * Refreshes a connector's service information now (its model-0 route, run once), e.g. after an
   * agency update.
   */
  @PostMapping("/connectors/{name}/refresh-info")
  Map<String, Object> refreshInfo(
      @org.springframework.web.bind.annotation.PathVariable("name") String name) {
    String routeId = catalog.get(name).name() + "-" + IntegrationModel.ZERO.templateId();
    boolean changed = Boolean.TRUE.equals(trigger.runNow(routeId, Boolean.class));
    return Map.of("connector", name, "changed", changed);
  }

  /** Probes a connector's link-out now (models 1 and 2). */
  @PostMapping("/connectors/{name}/probe")
  Object probe(@org.springframework.web.bind.annotation.PathVariable("name") String name) {
    String routeId = catalog.get(name).name() + "-" + IntegrationModel.ONE.templateId();
    return trigger.runNow(routeId, ProbeResult.class);
  }

  /** Polls a connector's open applications now (polled model-3 agencies). */
  @PostMapping("/connectors/{name}/poll")
  Map<String, Object> poll(
      @org.springframework.web.bind.annotation.PathVariable("name") String name) {
    String routeId = catalog.get(name).name() + "-" + StatusPollRouteParameters.TEMPLATE_ID;
    Integer changed = trigger.runNow(routeId, Integer.class);
    return Map.of("connector", name, "changed", changed == null ? 0 : changed);
  }

  @GetMapping("/connectors")
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
