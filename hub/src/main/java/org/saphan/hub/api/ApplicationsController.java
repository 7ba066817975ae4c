package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationIntake;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.Prefill;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.services.ServiceDirectory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applications (models 3 and 4) for the portal: apply with an {@code Idempotency-Key}, follow the
 * status and timeline, and pre-fill a form from GDX with the citizen's consent.
 */
@RestController
public class ApplicationsController {

  private final ApplicationIntake intake;
  private final ApplicationStore store;
  private final Prefill prefill;
  private final ServiceDirectory services;

  public ApplicationsController(
      ApplicationIntake intake,
      ApplicationStore store,
      Prefill prefill,
      ServiceDirectory services) {
    this.intake = intake;
    this.store = store;
    this.prefill = prefill;
    this.services = services;
  }

  @PostMapping(
      path = "/api/v1/applications",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JsonNode> apply(
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody JsonNode request,
      Caller caller) {
    if (request == null || !request.isObject()) {
      throw SaphanException.validation(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
    }
    ApplicationIntake.Accepted accepted = intake.submit(caller, key, request);
    return ResponseEntity.status(accepted.status())
        .header("Idempotency-Replayed", Boolean.toString(accepted.replayed()))
        .body(accepted.body());
  }

  /** An application with its timeline: the citizen's own, or an officer's agency's. */
  @GetMapping(path = "/api/v1/applications/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> one(@PathVariable("id") String id, Caller caller) {
    Application application = store.find(id).orElse(null);
    if (application == null || !mayRead(caller, application)) {
      // The same answer for "not yours" and "does not exist": ids are not probed.
      throw SaphanException.validation(ErrorCode.APPLICATION_NOT_FOUND, "no application " + id);
    }
    Map<String, Object> view = summary(application);
    view.put("applicant", application.body().path("applicant"));
    view.put("form", application.body().path("form"));
    view.put("documents", application.body().path("documents"));
    view.put("prefill", application.prefill());
    view.put(
        "timeline",
        store.timeline(id).stream()
            .map(
                e -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("status", e.status().wire());
                  entry.put("source", e.source());
                  entry.put("agencyStatusCode", e.agencyStatusCode());
                  entry.put("occurredAt", e.occurredAt());
                  entry.put("note", e.note());
                  return entry;
                })
            .toList());
    return view;
  }

  /** The citizen's applications, newest first. */
  @GetMapping(path = "/api/v1/applications", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> mine(
      @RequestParam(name = "limit", defaultValue = "50") int limit, Caller caller) {
    caller.requireCitizen();
    if (limit < 1 || limit > 500) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 500");
    }
    return store.ofCitizen(caller.citizenId(), limit).stream().map(this::summary).toList();
  }

  /** The consented fields of a service's form, each with its provenance. */
  @GetMapping(
      path = "/api/v1/citizens/me/prefill/{serviceId}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> prefill(@PathVariable("serviceId") String serviceId, Caller caller) {
    caller.requireCitizen();
    var card =
        services.cardOf(
            serviceId,
            org.saphan.catalog.IntegrationModel.THREE,
            org.saphan.catalog.IntegrationModel.FOUR);
    Prefill.Result result = prefill.read(caller.citizenId(), card, true);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("serviceId", services.get(serviceId).id());
    body.put("categories", result.categories());
    body.put("missingCategories", result.missingCategories());
    body.put("fields", result.fields());
    body.put("provenance", result.provenance());
    return body;
  }

  private static boolean mayRead(Caller caller, Application application) {
    return caller.operator()
        || application.citizenId().equals(caller.citizenId())
        || caller.hasAgencyRole(application.agency(), Caller.AGENCY_OFFICER)
        || caller.hasAgencyRole(application.agency(), Caller.AGENCY_ADMIN);
  }

  private Map<String, Object> summary(Application a) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("applicationId", a.id());
    view.put("serviceId", a.serviceId());
    view.put("connector", a.connector());
    view.put("model", a.model());
    view.put("agency", a.agency());
    view.put("status", a.status().wire());
    view.put("submittedAt", a.submittedAt());
    view.put("updatedAt", a.updatedAt());
    view.put("agencyReference", a.agencyReference());
    return view;
  }
}
