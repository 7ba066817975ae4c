package org.saphan.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.nimbusds.jwt.JWTClaimsSet;
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
public class ConsentController {

  /** A grant as the portal sends it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GrantRequest(
      String agreementId,
      String serviceId,
      @Size(max = 30) List<String> categories,
      Instant expiresAt,
      String channel) {}

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
  @GetMapping(path = "/api/v1/consents/agreements", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> agreements(
      @RequestParam(name = "service", required = false) String service) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ConsentAgreement a : agreements.all()) {
      if (service == null
          || services.get(service).card().map(c -> c.name().equals(a.connector())).orElse(false)) {
        out.add(view(a));
      }
    }
    return out;
  }

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

  @DeleteMapping(path = "/api/v1/consents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> withdraw(
      @PathVariable("id") UUID id,
      @RequestParam(name = "channel", required = false) String channel,
      Caller caller) {
    caller.requireCitizen();
    ConsentRecord withdrawal = ledger.withdraw(caller.citizenId(), id, channel);
    ConsentRecord grant = ledger.find(id).orElseThrow();
    return view(grant, withdrawal.at());
  }

  /** The citizen's consents in force or not, each with its history. */
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
  @GetMapping(path = "/api/v1/consents/{id}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> receipt(@PathVariable("id") UUID id, Caller caller) {
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
  @GetMapping(path = "/api/v1/citizens/me/data-access", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> dataAccess(
      @RequestParam(name = "limit", defaultValue = "100") int limit, Caller caller) {
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
