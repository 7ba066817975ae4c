package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.function.Supplier;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.platform.Json;
import org.saphan.hub.status.PortalNotifier;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Digital licences: issued when a model-4 case completes where its card says so, as a JWT signed by
 * the hub (JWS ES256) that the holder downloads (JSON, or a printable HTML rendering carrying the
 * verification URL) and anyone verifies at {@code GET /api/v1/licences/{id}/verify}. Verification
 * checks the signature against the cluster's key registry (retired keys fail), issuer, audience,
 * expiry and revocation. Licences near their expiry produce a {@code licence.expiring} portal
 * event, once.
 *
 * <p>The credential never outlives its signing certificate: its {@code exp} is the licence's expiry
 * capped at the certificate's end (a licence without expiry gets the certificate's end). The
 * licence itself keeps its own expiry; once a newer key covers longer (after a rotation), {@link
 * #renewCredentials} re-signs the credential with it, so the stored credential (what the
 * verification URL checks and the holder downloads) stays valid for the licence's life.
 */
public class Licences {

  /** The audience of every licence credential: it is not an access token. */
  public static final String AUDIENCE = "urn:saphan:licence";

  /** The credential's claim holding the licence itself. */
  static final String CLAIM = "licence";

  private static final Logger log = LoggerFactory.getLogger(Licences.class);
  private static final ObjectMapper JSON = Json.strict();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy");

  /** Signs and verifies credentials; the hub's {@code Signing} in production. */
  public interface CredentialSigner {
    /**
     * A compact JWS of the claims whose {@code exp} is the claims' own (none: no end) capped at the
     * signing certificate's end: a credential never outlives its key's certificate.
     */
    String sign(JWTClaimsSet claims);

    /** Until when a credential signed now can be valid: the current key certificate's end. */
    Instant coversUntil();

    /**
     * The verified claims.
     *
     * @throws SaphanException with the signature or token code when it does not verify
     */
    JWTClaimsSet verify(String jwt, String audience);
  }

  /** A licence as stored. */
  public record Licence(
      String id,
      String applicationId,
      String connector,
      String serviceId,
      String agency,
      String holderCitizenId,
      String holderName,
      String titleTh,
      String titleEn,
      Instant issuedAt,
      Instant expiresAt,
      String status,
      String credential,
      String kid,
      String revokedReason) {}

  /**
   * The answer of a verification.
   *
   * @param valid whether the credential is genuine, current and in force
   * @param reason {@code valid}, {@code invalid_signature}, {@code unknown_key}, {@code expired},
   *     {@code revoked}, {@code not_a_licence}, {@code id_mismatch}, {@code not_yet_valid} or
   *     {@code superseded} (an older credential of a licence still in force: download the renewed
   *     one)
   * @param licence what the licence says (holder's citizen id masked)
   */
  public record Verification(boolean valid, String reason, Map<String, Object> licence) {}

  private final JdbcClient jdbc;
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
  private final Supplier<String> baseUrl;

  public Licences(
      JdbcClient jdbc,
      CredentialSigner signer,
      ApplicationStore applications,
      StatusRecorder statuses,
      PortalNotifier portal,
      Workflows workflows,
      Catalog catalog,
      BackOfficeAudit audit,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock,
      Supplier<String> baseUrl) {
    this.jdbc = jdbc;
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
    this.baseUrl = baseUrl;
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
          Optional<Licence> existing = byApplication(applicationId);
          if (existing.isPresent()) {
            return existing.get();
          }
          Licence licence = create(app, workflow.licence(), now, expires);
          Map<String, Object> urls = urls(licence.id());
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
    body.put("title", localized(spec.titleTh(), spec.titleEn()));
    body.put(
        "holder",
        Map.of("citizenId", app.citizenId(), "name", holderName.isEmpty() ? "" : holderName));
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("id", app.serviceId());
    service.put("connector", app.connector());
    service.put("name", localized(card.serviceNameTh(), card.serviceNameEn().orElse(null)));
    body.put("service", service);
    Map<String, Object> agency = new LinkedHashMap<>();
    agency.put("code", app.agency());
    agency.put("name", localized(card.agencyNameTh(), card.agencyNameEn().orElse(null)));
    body.put("agency", agency);
    body.put("applicationId", app.id());
    body.put("issuedAt", issuedAt.toString());
    body.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
    body.put("verificationUrl", urls(id).get("verifyUrl"));
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(id)
            .subject(app.citizenId())
            .audience(AUDIENCE)
            .issueTime(Date.from(issuedAt))
            .notBeforeTime(Date.from(issuedAt))
            .claim(CLAIM, body);
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
    return find(id).orElseThrow();
  }

  /** A licence by id. */
  public Optional<Licence> find(String id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(Licences::row).optional();
  }

  /** The licence of an application, if one was issued. */
  public Optional<Licence> byApplication(String applicationId) {
    return jdbc.sql(SELECT + " where application_id = ?")
        .param(applicationId)
        .query(Licences::row)
        .optional();
  }

  /** A citizen's licences, newest first. */
  public List<Licence> ofHolder(String citizenId, int limit) {
    return jdbc.sql(SELECT + " where holder_citizen_id = ? order by issued_at desc limit ?")
        .params(citizenId, limit)
        .query(Licences::row)
        .list();
  }

  /**
   * A licence for its holder, an officer of its agency or a portal operator; another caller gets
   * {@code licence_not_found} (ids are not probed).
   */
  public Licence readable(Caller caller, String id) {
    Licence licence = find(id).orElse(null);
    if (licence == null
        || !(caller.operator()
            || licence.holderCitizenId().equals(caller.citizenId())
            || Officers.worksFor(caller, licence.agency()))) {
      throw SaphanException.validation(ErrorCode.LICENCE_NOT_FOUND, "no licence " + id);
    }
    return licence;
  }

  /**
   * Verifies a licence: the credential presented (or, without one, the stored credential) must be
   * signed by a hub key still in the registry, name this licence, be unexpired and not revoked.
   *
   * @throws SaphanException {@code licence_not_found} for an unknown id
   */
  public Verification verify(String id, String presented) {
    Licence licence =
        find(id)
            .orElseThrow(
                () -> SaphanException.validation(ErrorCode.LICENCE_NOT_FOUND, "no licence " + id));
    String credential =
        presented == null || presented.isBlank() ? licence.credential() : presented.strip();
    Verification result = check(licence, credential, signer, clock.instant());
    meters.counter("saphan.licences.verifications", "result", result.reason()).increment();
    return result;
  }

  /** The verification of a credential presented for a stored licence, at {@code now}. */
  static Verification check(
      Licence licence, String credential, CredentialSigner signer, Instant now) {
    JWTClaimsSet claims;
    try {
      claims = signer.verify(credential, AUDIENCE);
    } catch (SaphanException e) {
      String reason =
          switch (e.code()) {
            case TOKEN_EXPIRED ->
                !credential.equals(licence.credential())
                        && "active".equals(licence.status())
                        && (licence.expiresAt() == null || now.isBefore(licence.expiresAt()))
                    ? "superseded"
                    : "expired";
            case TOKEN_NOT_YET_VALID -> "not_yet_valid";
            case UNKNOWN_KEY -> "unknown_key";
            case WRONG_AUDIENCE, WRONG_ISSUER -> "not_a_licence";
            default -> "invalid_signature";
          };
      return new Verification(false, reason, publicView(licence));
    }
    if (!licence.id().equals(claims.getJWTID())) {
      return new Verification(false, "id_mismatch", publicView(licence));
    }
    if ("revoked".equals(licence.status())) {
      return new Verification(false, "revoked", publicView(licence));
    }
    if (licence.expiresAt() != null && !now.isBefore(licence.expiresAt())) {
      return new Verification(false, "expired", publicView(licence));
    }
    return new Verification(true, "valid", publicView(licence));
  }

  /**
   * Revokes a licence (an agency admin of its agency).
   *
   * @throws SaphanException {@code licence_not_found}, {@code agency_role_required}
   */
  public Licence revoke(Caller caller, String id, String reason) {
    Licence before = find(id).orElse(null);
    return audit.run(
        caller,
        new Subject(
            "admin",
            "licence.revoke",
            before == null ? null : before.agency(),
            before == null ? null : before.applicationId(),
            null,
            null),
        () -> {
          if (before == null || !Officers.worksFor(caller, before.agency())) {
            throw SaphanException.validation(ErrorCode.LICENCE_NOT_FOUND, "no licence " + id);
          }
          Officers.requireAdmin(caller, before.agency());
          if (reason == null || reason.isBlank()) {
            throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "reason is required");
          }
          jdbc.sql(
                  "update bo_licence set status = 'revoked', revoked_at = ?, revoked_reason = ?"
                      + " where id = ?")
              .params(Timestamp.from(clock.instant()), reason.strip(), id)
              .update();
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("licenceId", id);
          event.put("reason", reason.strip());
          portal.publish(
              before.applicationId(), "licence.revoked", "licence_revoked", clock.instant(), event);
          return find(id).orElseThrow();
        });
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
                          SELECT
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

  /**
   * Tells the portal about licences whose expiry notice date has come ({@code licence.expiring}),
   * once per licence.
   *
   * @return how many were notified
   */
  public int notifyExpiring(Instant now) {
    Integer notified =
        transactions.execute(
            tx -> {
              List<Licence> due =
                  jdbc.sql(
                          SELECT
                              + " where status = 'active' and expiry_notified_at is null"
                              + " and expiry_notice_at <= ? and expires_at > ?"
                              + " order by expiry_notice_at limit 500 for update skip locked")
                      .params(Timestamp.from(now), Timestamp.from(now))
                      .query(Licences::row)
                      .list();
              for (Licence licence : due) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("licenceId", licence.id());
                event.put("serviceId", licence.serviceId());
                event.put("connector", licence.connector());
                event.put("expiresAt", licence.expiresAt().toString());
                event.put("daysLeft", Duration.between(now, licence.expiresAt()).toDays());
                event.putAll(urls(licence.id()));
                portal.publish(
                    licence.applicationId(), "licence.expiring", "licence_expiring", now, event);
                jdbc.sql("update bo_licence set expiry_notified_at = ? where id = ?")
                    .params(Timestamp.from(now), licence.id())
                    .update();
                meters
                    .counter("saphan.licences.expiring", "connector", licence.connector())
                    .increment();
              }
              return due.size();
            });
    return notified == null ? 0 : notified;
  }

  /** The licence's URLs: the download, the printable rendering and the verification. */
  public Map<String, Object> urls(String id) {
    String base = baseUrl.get();
    Map<String, Object> urls = new LinkedHashMap<>();
    urls.put("licenceUrl", base + "/api/v1/licences/" + id);
    urls.put("printUrl", base + "/api/v1/licences/" + id + "?format=html");
    urls.put("verifyUrl", base + "/api/v1/licences/" + id + "/verify");
    return urls;
  }

  /** What anyone verifying may see: the holder's citizen id is masked. */
  public static Map<String, Object> publicView(Licence licence) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", licence.id());
    view.put("title", localized(licence.titleTh(), licence.titleEn()));
    view.put("holderName", licence.holderName());
    view.put("holderCitizenId", ThaiCitizenId.mask(licence.holderCitizenId()));
    view.put("serviceId", licence.serviceId());
    view.put("agency", licence.agency());
    view.put("issuedAt", licence.issuedAt());
    view.put("expiresAt", licence.expiresAt());
    view.put("status", licence.status());
    return view;
  }

  /** The holder's download: the licence, its credential and URLs. */
  public Map<String, Object> download(Licence licence) {
    Map<String, Object> view = new LinkedHashMap<>(publicView(licence));
    view.put("holderCitizenId", licence.holderCitizenId());
    view.put("applicationId", licence.applicationId());
    view.put("connector", licence.connector());
    view.put("revokedReason", licence.revokedReason());
    view.put("credential", licence.credential());
    view.put("credentialFormat", "jwt+jws; alg ES256; aud " + AUDIENCE);
    view.put("kid", licence.kid());
    view.putAll(urls(licence.id()));
    return view;
  }

  /** The printable rendering of a licence, with its verification URL. */
  public String html(Licence licence) {
    ConnectorCard card = catalog.find(licence.connector()).orElse(null);
    String agencyName =
        card == null
            ? licence.agency()
            : card.agencyNameTh() + card.agencyNameEn().map(en -> " / " + en).orElse("");
    String verify = String.valueOf(urls(licence.id()).get("verifyUrl"));
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(licence.titleTh()))
        .append(" ")
        .append(escape(licence.id()))
        .append("</title>\n<style>")
        .append("body{font-family:'Sarabun','TH Sarabun New',sans-serif;margin:2cm;}")
        .append(".licence{border:3px double #333;padding:1.5cm;}")
        .append("h1{text-align:center;margin:0 0 .2em}h2{text-align:center;font-weight:normal;")
        .append("margin:0 0 1em}dt{font-weight:bold;margin-top:.6em}")
        .append(".verify{margin-top:1.5em;font-size:.9em;word-break:break-all}")
        .append("@media print{.noprint{display:none}}")
        .append("</style>\n</head>\n<body>\n<div class=\"licence\">\n")
        .append("<h1>")
        .append(escape(licence.titleTh()))
        .append("</h1>\n");
    if (licence.titleEn() != null) {
      html.append("<h2>").append(escape(licence.titleEn())).append("</h2>\n");
    }
    html.append("<dl>\n");
    row(html, "เลขที่ / Licence no.", licence.id());
    row(html, "ผู้ได้รับ / Holder", licence.holderName());
    row(html, "เลขประจำตัวประชาชน / Citizen ID", ThaiCitizenId.mask(licence.holderCitizenId()));
    row(html, "หน่วยงานผู้ออก / Issued by", agencyName);
    row(
        html,
        "วันที่ออก / Issued",
        licence.issuedAt().atZone(WorkingDayCalendar.BANGKOK).toLocalDate().toString());
    row(
        html,
        "วันหมดอายุ / Expires",
        licence.expiresAt() == null
            ? "ไม่มีกำหนด / none"
            : licence.expiresAt().atZone(WorkingDayCalendar.BANGKOK).toLocalDate().toString());
    row(
        html,
        "สถานะ / Status",
        "revoked".equals(licence.status()) ? "เพิกถอน / revoked" : "ใช้ได้ / active");
    html.append("</dl>\n<p class=\"verify\">ตรวจสอบความถูกต้องได้ที่ / Verify at: <a href=\"")
        .append(escape(verify))
        .append("\">")
        .append(escape(verify))
        .append("</a></p>\n<details class=\"noprint\"><summary>Signed credential (JWS)</summary>")
        .append("<pre style=\"white-space:pre-wrap;word-break:break-all\">")
        .append(escape(licence.credential()))
        .append("</pre></details>\n</div>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void row(StringBuilder html, String label, String value) {
    html.append("<dt>")
        .append(escape(label))
        .append("</dt><dd>")
        .append(escape(value == null ? "" : value))
        .append("</dd>\n");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  private static Map<String, Object> localized(String th, String en) {
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("th", th);
    if (en != null) {
      text.put("en", en);
    }
    return text;
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
            .append(YEAR.format(issuedAt.atZone(WorkingDayCalendar.BANGKOK)))
            .append('-');
    for (int i = 0; i < 10; i++) {
      id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return id.toString();
  }

  private static final String SELECT =
      "select id, application_id, connector, service_id, agency, holder_citizen_id, holder_name,"
          + " title_th, title_en, issued_at, expires_at, status, credential, kid, revoked_reason"
          + " from bo_licence";

  private static Licence row(ResultSet rs, int row) throws SQLException {
    return new Licence(
        rs.getString("id"),
        rs.getString("application_id"),
        rs.getString("connector"),
        rs.getString("service_id"),
        rs.getString("agency"),
        rs.getString("holder_citizen_id"),
        rs.getString("holder_name"),
        rs.getString("title_th"),
        rs.getString("title_en"),
        CaseStore.instant(rs, "issued_at"),
        CaseStore.instant(rs, "expires_at"),
        rs.getString("status"),
        rs.getString("credential"),
        rs.getString("kid"),
        rs.getString("revoked_reason"));
  }
}
