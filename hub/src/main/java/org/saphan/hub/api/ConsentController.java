package org.saphan.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.nimbusds.jwt.JWTClaimsSet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.hub.consent.ConsentAgreement;
import org.saphan.hub.consent.ConsentAgreements;
import org.saphan.hub.consent.ConsentLedger;
import org.saphan.hub.consent.ConsentRecord;
import org.saphan.hub.consent.DataAccessLog;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.security.Signing;
import org.saphan.hub.services.ServiceDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citizen's consents (PDPA): grant, withdraw (as easy as granting), see them with their
 * history, download a signed receipt; and "who used my data".
 */
@RestController
@Tag(
    name = "Consents",
    description =
        "The citizen's consents under the PDPA: the agreements the portal can ask for, grant and"
            + " withdraw (as easy as granting, effective at once), the citizen's consents with"
            + " their tamper-evident history, a signed receipt, and who used the citizen's data.")
public class ConsentController {

  /** A grant as the portal sends it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(description = "A grant: name the agreement, or the service whose agreement it is.")
  public record GrantRequest(
      @Schema(
              description =
                  "The agreement's id (that of `GET /api/v1/consents/agreements`); required"
                      + " unless `serviceId` is given.",
              example = "dcy-newborn-grant")
          String agreementId,
      @Schema(
              description = "A service whose agreement is meant, instead of `agreementId`.",
              example = "1-001")
          String serviceId,
      @Schema(
              description =
                  "The data categories granted, all of the agreement's when absent or empty;"
                      + " each must be one of the agreement's.",
              example = "[\"identity\", \"household\"]")
          @Size(max = 30)
          List<String> categories,
      @Schema(
              description = "When the grant lapses (in the future); none when absent.",
              example = "2027-11-25T00:00:00Z")
          Instant expiresAt,
      @Schema(
              description = "Where the citizen granted it.",
              allowableValues = {"portal", "app", "counter"},
              defaultValue = "portal")
          String channel) {}

  private static final String CONSENT_ID = "The consent's id (that of its grant).";

  private final ConsentAgreements agreements;
  private final ConsentLedger ledger;
  private final DataAccessLog accessLog;
  private final ServiceDirectory services;
  private final Signing signing;

  public ConsentController(
      ConsentAgreements agreements,
      ConsentLedger ledger,
      DataAccessLog accessLog,
      ServiceDirectory services,
      Signing signing) {
    this.agreements = agreements;
    this.ledger = ledger;
    this.accessLog = accessLog;
    this.services = services;
    this.signing = signing;
  }

  /** The agreements the portal can ask consent for (optionally of one service). */
  @Operation(
      operationId = "listConsentAgreements",
      summary = "The consent agreements",
      description =
          "The current version of every agreement the portal can ask a citizen to consent to"
              + " (one per connector card that asks for consent; its `id` is the connector's name):"
              + " `purpose` in Thai and English, the data `categories` (those read from GDX, and"
              + " those shared with the agency when the card's lawful basis is consent), the"
              + " recipient agency, the data provider and the retention in days. Open without a"
              + " token.")
  @ApiErrors(ErrorCode.SERVICE_NOT_FOUND)
  @GetMapping(path = "/api/v1/consents/agreements", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> agreements(
      @Parameter(
              description = "Only the agreement of this service (roadmap id or connector name).",
              example = "1-001")
          @RequestParam(name = "service", required = false)
          String service) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ConsentAgreement a : agreements.all()) {
      if (service == null
          || services.get(service).card().map(c -> c.name().equals(a.connector())).orElse(false)) {
        out.add(view(a));
      }
    }
    return out;
  }

  @Operation(
      operationId = "grantConsent",
      summary = "Grant a consent",
      description =
          "Records the calling citizen's consent to (some categories of) the current version of"
              + " an agreement, appended to the citizen's hash-chained consent ledger. Granting"
              + " again adds a new grant; each is withdrawn on its own. Applications check the"
              + " consents in force when they are submitted. A citizen's token only (`forbidden`"
              + " for the portal client).")
  @ApiResponse(
      responseCode = "201",
      description =
          "Granted: the consent (`id`, agreement and version, `categories`, `grantedAt`,"
              + " `expiresAt`, `channel`, `status: active`).")
  @ApiErrors({
    ErrorCode.FORBIDDEN,
    ErrorCode.SERVICE_NOT_FOUND,
    ErrorCode.AGREEMENT_NOT_FOUND,
    ErrorCode.VALIDATION_FAILED
  })
  @PostMapping(
      path = "/api/v1/consents",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> grant(
      @Valid @RequestBody GrantRequest request, Caller caller) {
    caller.requireCitizen();
    String agreementId = request.agreementId();
    if (agreementId == null && request.serviceId() != null) {
      agreementId =
          services
              .get(request.serviceId())
              .card()
              .map(c -> c.name())
              .orElseThrow(
                  () ->
                      SaphanException.validation(
                          ErrorCode.AGREEMENT_NOT_FOUND,
                          "service " + request.serviceId() + " asks no consent"));
    }
    if (agreementId == null) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "name the agreementId (or the serviceId)");
    }
    ConsentRecord record =
        ledger.grant(
            caller.citizenId(),
            agreementId,
            request.categories(),
            request.expiresAt(),
            request.channel());
    return ResponseEntity.status(HttpStatus.CREATED).body(view(record, null));
  }

  @Operation(
      operationId = "withdrawConsent",
      summary = "Withdraw a consent",
      description =
          "Withdraws one of the calling citizen's grants, effective at once: applications"
              + " submitted from now on no longer count on it. Answers the consent with `status: withdrawn` and"
              + " `withdrawnAt`. A withdrawn consent cannot be withdrawn again"
              + " (`consent_already_withdrawn`); grant anew instead.")
  @ApiErrors({
    ErrorCode.FORBIDDEN,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.CONSENT_NOT_FOUND,
    ErrorCode.CONSENT_ALREADY_WITHDRAWN
  })
  @DeleteMapping(path = "/api/v1/consents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> withdraw(
      @Parameter(description = CONSENT_ID, example = "6f1e8a52-3c1d-4b7e-9a2f-0d4c5b6e7f81")
          @PathVariable("id")
          UUID id,
      @Parameter(
              description = "Where the citizen withdrew it: portal (default), app or counter.",
              example = "portal")
          @RequestParam(name = "channel", required = false)
          String channel,
      Caller caller) {
    caller.requireCitizen();
    ConsentRecord withdrawal = ledger.withdraw(caller.citizenId(), id, channel);
    ConsentRecord grant = ledger.find(id).orElseThrow();
    return view(grant, withdrawal.at());
  }

  /** The citizen's consents in force or not, each with its history. */
  @Operation(
      operationId = "listConsents",
      summary = "The citizen's consents",
      description =
          "Every grant of the calling citizen with its state (`active`, `expired`, `withdrawn`),"
              + " the ledger's `history` of grants and withdrawals in order, and whether the"
              + " citizen's hash-chained ledger verifies (`ledger.intact`).")
  @ApiErrors({ErrorCode.FORBIDDEN})
  @GetMapping(path = "/api/v1/consents", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> mine(Caller caller) {
    caller.requireCitizen();
    List<ConsentRecord> history = ledger.history(caller.citizenId());
    List<Map<String, Object>> consents = new ArrayList<>();
    for (ConsentRecord r : history) {
      if (r.kind().equals("grant")) {
        consents.add(view(r, ledger.withdrawnAt(r.id()).orElse(null)));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("consents", consents);
    body.put(
        "history",
        history.stream()
            .map(
                r -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("seq", r.seq());
                  e.put("kind", r.kind());
                  e.put("consentId", r.kind().equals("grant") ? r.id() : r.refersTo());
                  e.put("agreementId", r.agreementId());
                  e.put("categories", r.categories());
                  e.put("at", r.at());
                  e.put("channel", r.channel());
                  return e;
                })
            .toList());
    body.put("ledger", Map.of("intact", ledger.verify(caller.citizenId()).intact()));
    return body;
  }

  /** A signed receipt of one consent, verifiable by anyone through the hub's JWKS. */
  @Operation(
      operationId = "getConsentReceipt",
      summary = "A signed receipt of a consent",
      description =
          "The consent with the agreement version it was given to and its ledger entry"
              + " (`seq`, `hash`), and the same as a JWT signed by the hub with ES256 (`jws`,"
              + " `sub` the citizen, `jti` the consent id), verifiable by anyone through"
              + " `/.well-known/jwks.json`.")
  @ApiErrors({
    ErrorCode.FORBIDDEN,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.CONSENT_NOT_FOUND,
    ErrorCode.KEY_NOT_AVAILABLE
  })
  @GetMapping(path = "/api/v1/consents/{id}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> receipt(
      @Parameter(description = CONSENT_ID, example = "6f1e8a52-3c1d-4b7e-9a2f-0d4c5b6e7f81")
          @PathVariable("id")
          UUID id,
      Caller caller) {
    caller.requireCitizen();
    ConsentRecord grant =
        ledger
            .find(id)
            .filter(r -> r.subject().equals(caller.citizenId()) && r.kind().equals("grant"))
            .orElseThrow(
                () -> SaphanException.validation(ErrorCode.CONSENT_NOT_FOUND, "no consent " + id));
    Instant withdrawn = ledger.withdrawnAt(id).orElse(null);
    Map<String, Object> receipt = view(grant, withdrawn);
    ConsentAgreement agreement =
        agreements.version(grant.agreementId(), grant.agreementVersion()).orElseThrow();
    receipt.put("agreement", view(agreement));
    receipt.put("ledgerEntry", Map.of("seq", grant.seq(), "hash", grant.recordHash()));
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder().subject(caller.citizenId()).jwtID(id.toString());
    receipt.forEach(
        (k, v) ->
            claims.claim(
                k, v instanceof Instant i ? i.toString() : v instanceof UUID u ? u.toString() : v));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receipt", receipt);
    body.put("jws", signing.mintJwt(claims.issueTime(new java.util.Date()).build(), "ES256"));
    return body;
  }

  /** "Who used my data": every read and share of the citizen's data, newest first. */
  @Operation(
      operationId = "listDataAccess",
      summary = "Who used my data",
      description =
          "Every read (from GDX) and share (with an agency) of the calling citizen's data,"
              + " newest first: when, which agency and connector, the action and purpose, the"
              + " categories, and the lawful basis (`consent` with the consent's id, or the"
              + " card's other basis).")
  @ApiErrors({ErrorCode.FORBIDDEN, ErrorCode.VALIDATION_FAILED})
  @GetMapping(path = "/api/v1/citizens/me/data-access", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> dataAccess(
      @Parameter(description = "How many, 1 to 1000.")
          @RequestParam(name = "limit", defaultValue = "100")
          int limit,
      Caller caller) {
    caller.requireCitizen();
    if (limit < 1 || limit > 1000) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 1000");
    }
    return accessLog.usesOf(caller.citizenId(), limit).stream()
        .map(
            e -> {
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("at", e.at());
              view.put("agency", e.agency());
              view.put("connector", e.connector());
              view.put("action", e.action());
              view.put("purpose", e.purpose());
              view.put("categories", e.categories());
              view.put("lawfulBasis", e.lawfulBasis());
              view.put("consentId", e.consentRecordId());
              return view;
            })
        .toList();
  }

  private static Map<String, Object> view(ConsentRecord grant, Instant withdrawnAt) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", grant.id());
    view.put("agreementId", grant.agreementId());
    view.put("agreementVersion", grant.agreementVersion());
    view.put("categories", grant.categories());
    view.put("grantedAt", grant.at());
    view.put("expiresAt", grant.expiresAt());
    view.put("channel", grant.channel());
    view.put("withdrawnAt", withdrawnAt);
    boolean expired = grant.expiresAt() != null && grant.expiresAt().isBefore(Instant.now());
    view.put("status", withdrawnAt != null ? "withdrawn" : expired ? "expired" : "active");
    return view;
  }

  private static Map<String, Object> view(ConsentAgreement a) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", a.id());
    view.put("version", a.version());
    view.put("connector", a.connector());
    view.put(
        "purpose", Map.of("th", a.purposeTh(), "en", a.purposeEn() == null ? "" : a.purposeEn()));
    view.put("categories", a.categories());
    view.put("recipientAgency", a.recipientAgency());
    view.put("dataProvider", a.dataProvider());
    view.put("lawfulBasis", a.lawfulBasis());
    view.put("retentionDays", a.retentionDays());
    return view;
  }
}
