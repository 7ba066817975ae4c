package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationIntake;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.Prefill;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.EvidenceBundles;
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
@Tag(
    name = "Applications",
    description =
        "Applications to services of models 3 (shared with the agency's system) and 4 (worked in"
            + " the hub's back office), made by a citizen through the portal: submit, follow the"
            + " status and timeline, and pre-fill the form from DOPA records through GDX. Every"
            + " call carries the citizen's Digital ID access token.")
public class ApplicationsController {

  /** The body of a submission, as documented (the handler reads it as JSON, hashed as sent). */
  @Schema(name = "ApplicationRequest", description = "An application as the portal submits it.")
  record ApplicationRequest(
      @Schema(
              description = "Roadmap service id (or connector name) of a model 3 or 4 service.",
              example = "1-001",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String serviceId,
      @Schema(
              description =
                  "The service's form, checked against its form schema (the connector card's"
                      + " `form.schema`).")
          Map<String, Object> form,
      @Schema(
              description =
                  "What the citizen typed about themselves (`title`, `givenName`, `familyName`,"
                      + " `birthDate`, `phone`, `email`, `address` with `postcode`): pre-filled"
                      + " DOPA fields and token names take precedence; the citizen id always comes"
                      + " from the token.")
          Map<String, Object> applicant,
      @Schema(description = "References to documents uploaded elsewhere, at most 20.")
          List<DocumentReference> documents) {}

  /** A document reference of a submission. */
  @Schema(name = "DocumentReference")
  record DocumentReference(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "DOC-7K3M9QXA") String id,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "birth_certificate")
          String type,
      @Schema(example = "birth-certificate.pdf") String name,
      @Schema(description = "SHA-256 of the document, hex.") String sha256) {}

  private static final String APPLICATION_ID =
      "The hub's application id, as the submission answered it.";

  private final ApplicationIntake intake;
  private final ApplicationStore store;
  private final Prefill prefill;
  private final ServiceDirectory services;
  private final EvidenceBundles evidence;

  public ApplicationsController(
      ApplicationIntake intake,
      ApplicationStore store,
      Prefill prefill,
      ServiceDirectory services,
      EvidenceBundles evidence) {
    this.intake = intake;
    this.store = store;
    this.prefill = prefill;
    this.services = services;
    this.evidence = evidence;
  }

  @Operation(
      operationId = "submitApplication",
      summary = "Submit an application",
      description =
          "Takes a citizen's application in and answers 202 once it is stored: the hub then"
              + " delivers it to the agency (model 3) or opens a back-office case (model 4), and"
              + " its status moves along the timeline of `statusUrl`.\n\n"
              + "**Idempotency-Key** (required): 8 to 128 characters of `A-Z a-z 0-9 . _ : -`,"
              + " new for each application (a UUID will do). Send the same key with the same body"
              + " again (after a timeout, say) and the first answer comes back with"
              + " `Idempotency-Replayed: true`, nothing submitted twice; the same key with another"
              + " body is refused with `idempotency_key_reused`, and while the first request is"
              + " still running with `idempotency_in_flight` (retry shortly). Keys are per"
              + " citizen.\n\n"
              + "In order: the citizen's token (the portal client's own token is refused with"
              + " `forbidden`), the service (`service_not_found`; `model_not_offered` unless"
              + " model 3 or 4), the citizen's identity assurance level against the service's"
              + " `service.minimumIal` (below it: 401 `insufficient_assurance` with the RFC 9470"
              + " step-up challenge in `WWW-Authenticate` and `acrValues` in the problem; log the"
              + " citizen in again with Digital ID asking for those `acr_values`), the"
              + " form against the service's form schema (`form_invalid`, listing every problem),"
              + " **consent**: unless the service's lawful basis needs none, the citizen must have"
              + " granted the service's agreement (`POST /api/v1/consents`) for every data"
              + " category it shares with the agency and pre-fills from DOPA, else"
              + " `consent_required` naming `agreementId` and `missingCategories`; then the"
              + " pre-fill from GDX (all of the card's categories or a refusal: `gdx_*` codes),"
              + " and the agency's request schema where the card declares one"
              + " (`agency_request_invalid`, naming the field).")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = ApplicationRequest.class)))
  @ApiResponse(
      responseCode = "202",
      description =
          "Accepted: `applicationId` (`APP-yyyyMMdd-XXXXXXXX`), `status: submitted`,"
              + " `submittedAt` and `statusUrl`. A replay answers the first answer again.",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")),
      headers =
          @Header(
              name = "Idempotency-Replayed",
              description = "`true` when this is the stored answer of an earlier request.",
              schema = @Schema(type = "boolean")))
  @ApiErrors({
    ErrorCode.FORBIDDEN,
    ErrorCode.INSUFFICIENT_ASSURANCE,
    ErrorCode.MISSING_HEADER,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    ErrorCode.IDEMPOTENCY_IN_FLIGHT,
    ErrorCode.SERVICE_NOT_FOUND,
    ErrorCode.MODEL_NOT_OFFERED,
    ErrorCode.FORM_INVALID,
    ErrorCode.CONSENT_REQUIRED,
    ErrorCode.GDX_UNAVAILABLE,
    ErrorCode.GDX_OFFICER_NOT_CONFIRMED,
    ErrorCode.GDX_NOT_FOUND,
    ErrorCode.GDX_REFUSED,
    ErrorCode.GDX_BAD_RESPONSE,
    ErrorCode.AGENCY_REQUEST_INVALID
  })
  @PostMapping(
      path = "/api/v1/applications",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JsonNode> apply(
      @Parameter(
              description =
                  "Required: 8 to 128 characters of A-Z a-z 0-9 . _ : -, new for each"
                      + " application; the same key and body again replays the first answer.",
              required = true,
              example = "3f1c2a9e-7b44-4c1e-9d0a-52e8c6b1a7f0")
          @RequestHeader(name = "Idempotency-Key", required = false)
          String key,
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
  @Operation(
      operationId = "getApplication",
      summary = "One application with its timeline",
      description =
          "The application as submitted (`applicant`, `form`, `documents`), what was pre-filled"
              + " and from where (`prefill`), its current canonical `status` and its `timeline`,"
              + " oldest first (each entry: `status`, `source` citizen, hub, agency or officer,"
              + " the agency's own `agencyStatusCode`, `occurredAt`, `note`). Readable by its"
              + " citizen, by officers and admins of its agency, and by operators; for anyone"
              + " else it does not exist (`application_not_found`, the same answer as for an"
              + " unknown id).")
  @ApiErrors(ErrorCode.APPLICATION_NOT_FOUND)
  @GetMapping(path = "/api/v1/applications/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> one(
      @Parameter(description = APPLICATION_ID, example = "APP-20261125-7K3M9QXA")
          @PathVariable("id")
          String id,
      Caller caller) {
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

  /** The signed evidence bundle of the citizen's own application. */
  @Operation(
      operationId = "getApplicationEvidence",
      summary = "The signed evidence bundle of one's own application",
      description =
          "A ZIP the citizen can keep and have checked by anyone (docs/evidence.md, \"A citizen's"
              + " bundle\"): the application's message-log records that are timestamped"
              + " (`records.jsonl`), the manifests that seal them with their RFC 3161 tokens"
              + " (`manifests/<id>.json`, `.tsr`), the certificates to check them (`certs/`), and"
              + " `bundle-manifest.json` listing every file's SHA-256, signed by the hub"
              + " (`bundle-manifest.json.p7s`, detached CMS). `./saphan evidence verify` and"
              + " openssl verify it offline. Records not yet timestamped (stamping runs every few"
              + " seconds) are counted in `records.pending`; while there is none timestamped at"
              + " all: `evidence_not_sealed`. Only for the citizen who made the application: for"
              + " anyone else it does not exist (`application_not_found`).")
  @ApiResponse(
      responseCode = "200",
      description = "The bundle.",
      headers =
          @Header(
              name = "Content-Disposition",
              description = "`attachment; filename=\"evidence-<application id>.zip\"`.",
              schema = @Schema(type = "string")),
      content =
          @Content(
              mediaType = "application/zip",
              schema = @Schema(type = "string", format = "binary")))
  @ApiErrors({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.EVIDENCE_NOT_SEALED})
  @GetMapping(path = "/api/v1/applications/{id}/evidence")
  ResponseEntity<byte[]> evidence(
      @Parameter(description = APPLICATION_ID, example = "APP-20261125-7K3M9QXA")
          @PathVariable("id")
          String id,
      Caller caller) {
    Application application = store.find(id).orElse(null);
    if (application == null || !application.citizenId().equals(caller.citizenId())) {
      // The same answer for "not yours" and "does not exist": ids are not probed.
      throw SaphanException.validation(ErrorCode.APPLICATION_NOT_FOUND, "no application " + id);
    }
    EvidenceBundles.Bundle bundle = evidence.of(application.id());
    return ResponseEntity.ok()
        .contentType(new MediaType("application", "zip"))
        .header("Content-Disposition", "attachment; filename=\"" + bundle.fileName() + "\"")
        .body(bundle.zip());
  }

  /** The citizen's applications, newest first. */
  @Operation(
      operationId = "listApplications",
      summary = "The citizen's applications",
      description =
          "The calling citizen's applications, newest first, each as a summary (id, service,"
              + " connector, model, agency, status, dates, the agency's reference once known)."
              + " A citizen's token only (`forbidden` for the portal client).")
  @ApiErrors({ErrorCode.FORBIDDEN, ErrorCode.VALIDATION_FAILED})
  @GetMapping(path = "/api/v1/applications", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> mine(
      @Parameter(description = "How many, 1 to 500.")
          @RequestParam(name = "limit", defaultValue = "50")
          int limit,
      Caller caller) {
    caller.requireCitizen();
    if (limit < 1 || limit > 500) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 500");
    }
    return store.ofCitizen(caller.citizenId(), limit).stream().map(this::summary).toList();
  }

  /** The consented fields of a service's form, each with its provenance. */
  @Operation(
      operationId = "getPrefill",
      summary = "Pre-fill a service's form from DOPA records",
      description =
          "Reads from GDX (DOPA Linkage Center) the fields of the categories the service's card"
              + " pre-fills (`form.prefill`) that the citizen has consented to, for the portal to"
              + " show before submission: `fields`, each field's `provenance` (source and"
              + " retrieval time), the `categories` read and the `missingCategories` the citizen"
              + " has not consented to. When the citizen has consented to none of them:"
              + " `consent_required`, naming the agreement to ask for. A citizen's token only;"
              + " model 3 and 4 services only. Below the service's `service.minimumIal`: 401"
              + " `insufficient_assurance` with the RFC 9470 step-up challenge, as for a"
              + " submission.")
  @ApiErrors({
    ErrorCode.FORBIDDEN,
    ErrorCode.INSUFFICIENT_ASSURANCE,
    ErrorCode.SERVICE_NOT_FOUND,
    ErrorCode.MODEL_NOT_OFFERED,
    ErrorCode.CONSENT_REQUIRED,
    ErrorCode.GDX_UNAVAILABLE,
    ErrorCode.GDX_OFFICER_NOT_CONFIRMED,
    ErrorCode.GDX_NOT_FOUND,
    ErrorCode.GDX_REFUSED,
    ErrorCode.GDX_BAD_RESPONSE
  })
  @GetMapping(
      path = "/api/v1/citizens/me/prefill/{serviceId}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> prefill(
      @Parameter(
              description = "Roadmap service id, or the name of the connector that implements it.",
              example = "1-001")
          @PathVariable("serviceId")
          String serviceId,
      Caller caller) {
    caller.requireCitizen();
    var card =
        services.cardOf(
            serviceId,
            org.saphan.catalog.IntegrationModel.THREE,
            org.saphan.catalog.IntegrationModel.FOUR);
    // Reading DOPA records for a service is an act for the citizen in it: the same floor.
    caller.requireIal(card.minimumIal().orElse(null));
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
