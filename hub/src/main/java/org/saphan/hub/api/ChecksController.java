package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.checks.CheckRequest;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.routes.CheckRouteParameters;
import org.saphan.hub.services.ServiceDirectory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Check services (docs/agency/checks.md): the portal asks, for the calling citizen, a question the
 * service's card declares ({@code checks.operations}); the card's route {@code
 * <connector>-model3-check} asks the agency and the answer comes back at once.
 */
@RestController
@Tag(
    name = "Check services",
    description =
        "Synchronous questions to an agency for the calling citizen (bankruptcy status, open"
            + " fines, a bill): signed, within the operation's time budget, the agency's signed"
            + " answer verified and mapped to a canonical check result.")
public class ChecksController {

  private final ServiceDirectory directory;
  private final ProducerTemplate routes;

  public ChecksController(ServiceDirectory directory, ProducerTemplate routes) {
    this.directory = directory;
    this.routes = routes;
  }

  @PostMapping(
      path = "/api/v1/services/{id}/checks/{operation}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "runCheck",
      summary = "Ask the agency a check for the calling citizen",
      description =
          "Runs the operation `{operation}` of the service's card for the citizen of the token:"
              + " the token's identity assurance level must reach the operation's `minimumIal`"
              + " (`insufficient_assurance`), the citizen must have consented to what the check"
              + " shares when the card's basis is consent (`consent_required`, naming the"
              + " agreement). The body is an optional JSON object of the operation's parameters."
              + " Answers the canonical check result: `found`, `status`, `items`, `amountsDue`,"
              + " `checkedAt`, `validUntil`, the `operation`, the hub's `requestId` and whether the"
              + " agency's answer was signed (`signedAnswer`); an agency that refused the question"
              + " gives `status` `refused` with its `reason`. The agency not answering within the"
              + " operation's budget is `agency_timeout` (504); failing or its circuit open,"
              + " `agency_unavailable` (503, `Retry-After`); an answer that is unsigned, tampered"
              + " with, about another request or not JSON, `agency_answer_invalid` (502).")
  @ApiErrors({
    ErrorCode.SERVICE_NOT_FOUND,
    ErrorCode.NOT_FOUND,
    ErrorCode.FORBIDDEN,
    ErrorCode.INSUFFICIENT_ASSURANCE,
    ErrorCode.CONSENT_REQUIRED,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.AGENCY_TIMEOUT,
    ErrorCode.AGENCY_UNAVAILABLE,
    ErrorCode.AGENCY_ANSWER_INVALID,
    ErrorCode.AGENCY_REFUSED_CREDENTIALS,
    ErrorCode.EVIDENCE_UNSTAMPED,
    ErrorCode.GDX_UNAVAILABLE
  })
  JsonNode check(
      @Parameter(description = "The service's roadmap id or connector name.", example = "1-048")
          @PathVariable("id")
          String id,
      @Parameter(description = "The check operation's name.", example = "bankruptcy-status")
          @PathVariable("operation")
          String operation,
      @RequestBody(required = false) JsonNode params,
      Caller caller) {
    if (params != null && !params.isObject()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "the body is a JSON object of the operation's parameters");
    }
    ConnectorCard card = directory.cardOf(id);
    if (card.checks().isEmpty()) {
      throw SaphanException.business(
          ErrorCode.NOT_FOUND, "service " + id + " offers no checks", Map.of());
    }
    return routes.requestBody(
        CheckRouteParameters.endpoint(card.name()),
        new CheckRequest(caller, card, operation, params),
        JsonNode.class);
  }
}
