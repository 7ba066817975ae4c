package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.common.Zones;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.backoffice.Licences.CredentialSigner;
import org.saphan.hub.backoffice.Licences.Licence;
import org.saphan.hub.platform.Json;
import org.saphan.hub.status.PortalNotifier;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues digital licences (a JWT signed by the hub, JWS ES256) when a model-4 case completes where
 * its card says so, and re-signs credentials with the current key after a rotation, so a stored
 * credential never outlives its signing certificate yet stays valid for the licence's life.
 */
public class LicenceIssuer {

  private static final Logger log = LoggerFactory.getLogger(LicenceIssuer.class);
  private static final ObjectMapper JSON = Json.strict();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy");

  private final JdbcClient jdbc;
  private final Licences licences;
  private final CredentialSigner signer;
  private final ApplicationStore applications;
  private final StatusRecorder statuses;
  private final PortalNotifier portal;
  private final Workflows workflows;
  private final Catalog catalog;
  private final BackOfficeAudit audit;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Clock clock;

  public LicenceIssuer(
      JdbcClient jdbc,
      Licences licences,
      CredentialSigner signer,
      ApplicationStore applications,
      StatusRecorder statuses,
      PortalNotifier portal,
      Workflows workflows,
      Catalog catalog,
      BackOfficeAudit audit,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock) {
    this.jdbc = jdbc;
    this.licences = licences;
    this.signer = signer;
    this.applications = applications;
    this.statuses = statuses;
    this.portal = portal;
    this.workflows = workflows;
    this.catalog = catalog;
    this.audit = audit;
    this.transactions = transactions;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Issues the licence of a completed case (the route calls this); idempotent per application.
   * Records {@code completed} on the timeline with the licence's id and URLs, and a {@code
   * licence.issued} portal event.
   */
  public Licence issue(String applicationId) {
    Application app = applications.get(applicationId);
    Workflow workflow = workflows.of(app.connector());
    if (!workflow.licence().issue()) {
      throw new IllegalStateException(app.connector() + " issues no licence");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires =
        workflow.licence().validityDays() == null
            ? null
            : now.plus(Duration.ofDays(workflow.licence().validityDays()));
    // Completion is recorded after the approval it follows, even on a node whose clock lags.
    Instant recorded = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (app.lastStatusAt() != null && recorded.isBefore(app.lastStatusAt())) {
      recorded = app.lastStatusAt();
    }
    Instant completedAt = recorded;
    return transactions.execute(
        tx -> {
          Optional<Licence> existing = licences.byApplication(applicationId);
          if (existing.isPresent()) {
            return existing.get();
          }
          Licence licence = create(app, workflow.licence(), now, expires);
          Map<String, Object> urls = licences.urls(licence.id());
          ObjectNode detail = JSON.createObjectNode();
          detail.put("licenceId", licence.id());
          urls.forEach((k, v) -> detail.put(k, String.valueOf(v)));
          if (expires != null) {
            detail.put("expiresAt", expires.toString());
          }
          statuses.record(
              app,
              CanonicalStatus.COMPLETED,
              "backoffice",
              null,
              completedAt,
              "bo:licence:" + licence.id(),
              "licence " + licence.id() + " issued",
              detail);
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("licenceId", licence.id());
          event.put("serviceId", app.serviceId());
          event.put("connector", app.connector());
          event.put("issuedAt", now.toString());
          event.put("expiresAt", expires == null ? null : expires.toString());
          event.putAll(urls);
          portal.publish(applicationId, "licence.issued", "licence_issued", completedAt, event);
          audit.system(
              new Subject("system", "licence.issue", app.agency(), app.id(), null, null),
              Map.of("licenceId", licence.id()));
          meters.counter("saphan.licences.issued", "connector", app.connector()).increment();
          log.info("Licence {} issued for case {}", licence.id(), app.id());
          return licence;
        });
  }

  /**
   * Issues a licence with explicit dates: to bring in a licence issued before the hub (or, in
   * tests, an already expired one). The application must have none yet.
   */
  public Licence issueAt(String applicationId, Instant issuedAt, Instant expiresAt) {
    Application app = applications.get(applicationId);
    Workflow workflow = workflows.of(app.connector());
    return transactions.execute(
        tx ->
            create(
                app,
                workflow.licence().issue()
                    ? workflow.licence()
                    : new Workflow.LicenceSpec(true, app.connector(), null, null, 30),
                issuedAt.truncatedTo(ChronoUnit.SECONDS),
                expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.SECONDS)));
  }

  private Licence create(
      Application app, Workflow.LicenceSpec spec, Instant issuedAt, Instant expiresAt) {
    ConnectorCard card = catalog.get(app.connector());
    String id = newId(app.agency(), issuedAt);
    JsonNode applicant = app.body().path("applicant");
    String holderName =
        String.join(
                " ",
                applicant.path("title").asText(""),
                applicant.path("givenName").asText(""),
                applicant.path("familyName").asText(""))
            .trim()
            .replaceAll("\\s+", " ");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("status", "active");
    body.put("title", Licences.localized(spec.titleTh(), spec.titleEn()));
    body.put(
        "holder",
        Map.of("citizenId", app.citizenId(), "name", holderName.isEmpty() ? "" : holderName));
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("id", app.serviceId());
    service.put("connector", app.connector());
    service.put(
        "name", Licences.localized(card.serviceNameTh(), card.serviceNameEn().orElse(null)));
    body.put("service", service);
    Map<String, Object> agency = new LinkedHashMap<>();
    agency.put("code", app.agency());
    agency.put("name", Licences.localized(card.agencyNameTh(), card.agencyNameEn().orElse(null)));
    body.put("agency", agency);
    body.put("applicationId", app.id());
    body.put("issuedAt", issuedAt.toString());
    body.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
    body.put("verificationUrl", licences.urls(id).get("verifyUrl"));
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(id)
            .subject(app.citizenId())
            .audience(Licences.AUDIENCE)
            .issueTime(Date.from(issuedAt))
            .notBeforeTime(Date.from(issuedAt))
            .claim(Licences.CLAIM, body);
    if (expiresAt != null) {
      claims.expirationTime(Date.from(expiresAt));
    }
    String credential = signer.sign(claims.build());
    String kid = kidOf(credential);
    Instant credentialExpiresAt = expiryOf(credential);
    Instant notice =
        expiresAt == null ? null : expiresAt.minus(Duration.ofDays(spec.expiryNoticeDays()));
    jdbc.sql(
            "insert into bo_licence (id, application_id, connector, service_id, agency,"
                + " holder_citizen_id, holder_name, title_th, title_en, issued_at, expires_at,"
                + " credential, kid, expiry_notice_at, credential_expires_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            app.id(),
            app.connector(),
            app.serviceId(),
            app.agency(),
            app.citizenId(),
            holderName,
            spec.titleTh(),
            spec.titleEn(),
            Timestamp.from(issuedAt),
            CaseStore.ts(expiresAt),
            credential,
            kid,
            CaseStore.ts(notice),
            CaseStore.ts(credentialExpiresAt))
        .update();
    return licences.find(id).orElseThrow();
  }

  /**
   * Re-signs, with the current key, the credential of every licence in force whose credential ends
   * before both the licence and the current key's certificate: after a rotation, credentials capped
   * at the old certificate's end get the new key's longer cover, long before the old one ends
   * (rotation happens {@code saphan.keys.rotate-before} ahead).
   *
   * @return how many credentials were re-signed
   */
  public int renewCredentials(Instant now) {
    Instant covers = signer.coversUntil();
    Integer renewed =
        transactions.execute(
            tx -> {
              List<Licence> due =
                  jdbc.sql(
                          Licences.SELECT
                              + " where status = 'active' and credential_expires_at < ?"
                              + " and (expires_at is null or credential_expires_at < expires_at)"
                              + " and (expires_at is null or expires_at > ?)"
                              + " order by credential_expires_at limit 500 for update skip locked")
                      .params(Timestamp.from(covers), Timestamp.from(now))
                      .query(Licences::row)
                      .list();
              for (Licence licence : due) {
                JWTClaimsSet previous;
                try {
                  previous = SignedJWT.parse(licence.credential()).getJWTClaimsSet();
                } catch (java.text.ParseException e) {
                  log.warn("Licence {} has an unreadable stored credential", licence.id());
                  continue;
                }
                JWTClaimsSet.Builder claims =
                    new JWTClaimsSet.Builder(previous)
                        .issueTime(Date.from(now.truncatedTo(ChronoUnit.SECONDS)))
                        .expirationTime(
                            licence.expiresAt() == null ? null : Date.from(licence.expiresAt()));
                String credential = signer.sign(claims.build());
                jdbc.sql(
                        "update bo_licence set credential = ?, kid = ?, credential_expires_at = ?"
                            + " where id = ?")
                    .params(
                        credential,
                        kidOf(credential),
                        CaseStore.ts(expiryOf(credential)),
                        licence.id())
                    .update();
                log.info(
                    "Licence {} credential re-signed with kid {}", licence.id(), kidOf(credential));
              }
              return due.size();
            });
    return renewed == null ? 0 : renewed;
  }

  private static String kidOf(String credential) {
    try {
      return JWSObject.parse(credential).getHeader().getKeyID();
    } catch (java.text.ParseException e) {
      return null;
    }
  }

  private static Instant expiryOf(String credential) {
    try {
      Date exp = SignedJWT.parse(credential).getJWTClaimsSet().getExpirationTime();
      return exp == null ? null : exp.toInstant();
    } catch (java.text.ParseException e) {
      return null;
    }
  }

  private static String newId(String agency, Instant issuedAt) {
    StringBuilder id =
        new StringBuilder("LIC-")
            .append(agency.toUpperCase(java.util.Locale.ROOT))
            .append('-')
            .append(YEAR.format(issuedAt.atZone(Zones.BANGKOK)))
            .append('-');
    for (int i = 0; i < 10; i++) {
      id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return id.toString();
  }
}
