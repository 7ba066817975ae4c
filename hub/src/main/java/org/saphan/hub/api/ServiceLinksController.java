package org.saphan.hub.api;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.services.LinkHealth;
import org.saphan.hub.services.ServiceDirectory;
import org.saphan.hub.services.SsoAssertions;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Models 1 and 2 at the api layer: the agency e-service link with its health, the counted redirect,
 * and the SSO link minted by the connector's {@code model2-sso-link} route.
 */
@RestController
@RequestMapping(path = "/api/v1/services/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceLinksController {

  private final ServiceDirectory directory;
  private final LinkHealth health;
  private final ProducerTemplate routes;
  private final MeterRegistry meters;

  public ServiceLinksController(
      ServiceDirectory directory,
      LinkHealth health,
      ProducerTemplate routes,
      MeterRegistry meters) {
    this.directory = directory;
    this.health = health;
    this.routes = routes;
    this.meters = meters;
  }

  /** The agency e-service URL and its health (last probe time, status, latency). */
  @GetMapping("/link")
  Map<String, Object> link(@PathVariable("id") String id) {
    ConnectorCard card = directory.cardOf(id, IntegrationModel.ONE, IntegrationModel.TWO);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", directory.get(id).id());
    body.put("connector", card.name());
    body.put("url", card.linkOutUrl().orElseThrow().toString());
    body.put("go", "/api/v1/services/" + directory.get(id).id() + "/go");
    body.put("singleSignOn", card.integrationModel() == IntegrationModel.TWO);
    Map<String, Object> state = new LinkedHashMap<>();
    health
        .last(card.name())
        .ifPresentOrElse(
            probe -> {
              state.put("status", probe.status());
              state.put("httpStatus", probe.httpStatus());
              state.put("latencyMillis", probe.latencyMillis());
              state.put("checkedAt", probe.checkedAt());
              state.put("lastUpAt", probe.lastUpAt());
              if (probe.detail() != null) {
                state.put("detail", probe.detail());
              }
            },
            () -> state.put("status", "UNKNOWN"));
    body.put("health", state);
    return body;
  }

  /** Counts a click (no personal data) and sends the citizen to the agency e-service. */
  @GetMapping("/go")
  ResponseEntity<Void> go(@PathVariable("id") String id) {
    ConnectorCard card = directory.cardOf(id, IntegrationModel.ONE, IntegrationModel.TWO);
    String serviceId = directory.get(id).id();
    health.click(serviceId);
    meters.counter("saphan.linkout.clicks", "connector", card.name()).increment();
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(card.linkOutUrl().orElseThrow())
        .build();
  }

  /** A single-use SSO link for the calling citizen (model 2). */
  @PostMapping("/sso-link")
  SsoAssertions.SsoLink ssoLink(@PathVariable("id") String id, Caller caller) {
    ConnectorCard card = directory.cardOf(id, IntegrationModel.TWO);
    return routes.requestBody(
        "direct:" + card.routeId(), caller.requireCitizen(), SsoAssertions.SsoLink.class);
  }
}
