package org.saphan.hub.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.error.ErrorCode;
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
@Tag(
    name = "Service links",
    description =
        "Services of models 1 and 2, which the citizen uses on the agency's own e-service: its link"
            + " and health, the counted redirect, and (model 2) a single-use sign-on assertion.")
@ApiErrors({ErrorCode.SERVICE_NOT_FOUND, ErrorCode.MODEL_NOT_OFFERED})
public class ServiceLinksController {

  private static final String SERVICE_ID =
      "Roadmap service id, or the name of the connector that implements it.";

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
  @Operation(
      operationId = "getServiceLink",
      summary = "The agency e-service link and its health",
      description =
          "For a model 1 or 2 service: the agency e-service `url`, the hub's counted redirect"
              + " `go` (link to that rather than to `url`), whether it signs the citizen in"
              + " (`singleSignOn`, model 2: ask for `sso-link` instead) and the last probe of the"
              + " e-service (`health.status` `UP`, `DOWN`, `REFUSED` by the egress policy, or `UNKNOWN` before the first probe,"
              + " with HTTP status, latency and when it was last up). No token is needed. Other"
              + " models answer `model_not_offered`.")
  @GetMapping("/link")
  Map<String, Object> link(
      @Parameter(description = SERVICE_ID, example = "1-037") @PathVariable("id") String id) {
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
  @Operation(
      operationId = "goToService",
      summary = "Go to the agency e-service",
      description =
          "Counts the click (per connector, without personal data) and redirects the browser to"
              + " the agency e-service of a model 1 or 2 service. No token is needed.")
  @ApiResponse(
      responseCode = "302",
      description = "To the agency e-service.",
      headers =
          @Header(
              name = "Location",
              description = "The agency e-service URL.",
              schema = @Schema(type = "string", format = "uri")))
  @GetMapping("/go")
  ResponseEntity<Void> go(
      @Parameter(description = SERVICE_ID, example = "1-037") @PathVariable("id") String id) {
    ConnectorCard card = directory.cardOf(id, IntegrationModel.ONE, IntegrationModel.TWO);
    String serviceId = directory.get(id).id();
    health.click(serviceId);
    meters.counter("saphan.linkout.clicks", "connector", card.name()).increment();
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(card.linkOutUrl().orElseThrow())
        .build();
  }

  /** A single-use SSO link for the calling citizen (model 2). */
  @Operation(
      operationId = "createSsoLink",
      summary = "Sign the citizen in to the agency e-service",
      description =
          "For a model 2 service: a short-lived (60 s), single-use assertion of the citizen's"
              + " identity, a JWT signed by the hub (verifiable through `/.well-known/jwks.json`),"
              + " bound to the agency's audience and carrying only the claims the service's card"
              + " releases. Send the browser to `url` (GET), or post `form.fields` to"
              + " `form.action`; `expiresAt` and `jti` identify the assertion. The citizen's"
              + " identity assurance level (`ial_level`) must reach the stricter of the card's"
              + " `service.minimumIal` and `sso.minimumIal`, else 401 `insufficient_assurance`"
              + " (with `requiredIal`, `currentIal` and `acrValues`) and the RFC 9470 step-up"
              + " challenge in `WWW-Authenticate`. Only a"
              + " citizen's token: the portal client is refused with `forbidden`. No request"
              + " body.")
  @ApiErrors({
    ErrorCode.FORBIDDEN,
    ErrorCode.INSUFFICIENT_ASSURANCE,
    ErrorCode.KEY_NOT_AVAILABLE,
    ErrorCode.SIGNING_CERTIFICATE_ENDED
  })
  @PostMapping("/sso-link")
  SsoAssertions.SsoLink ssoLink(
      @Parameter(description = SERVICE_ID, example = "1-037") @PathVariable("id") String id,
      Caller caller) {
    ConnectorCard card = directory.cardOf(id, IntegrationModel.TWO);
    return routes.requestBody(
        "direct:" + card.routeId(), caller.requireCitizen(), SsoAssertions.SsoLink.class);
  }
}
