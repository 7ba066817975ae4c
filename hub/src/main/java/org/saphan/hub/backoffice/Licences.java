package org.saphan.hub.backoffice;

import com.nimbusds.jwt.JWTClaimsSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.backoffice.BackOfficeAudit.Subject;
import org.saphan.hub.backoffice.Licences.Licence;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.status.PortalNotifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Digital licences: issued when a model-4 case completes where its card says so, as a JWT signed by
 * the hub (JWS ES256) that the holder downloads (JSON, or a printable HTML rendering carrying the
 * verification URL) and anyone verifies at {@code GET /api/v1/licences/{id}/verify}. Verification
 * checks the signature against the cluster's key registry (retired keys fail), issuer, audience,
 * expiry and revocation. Licences near their expiry produce a {@code licence.expiring} portal
 * event, once.
 *
 * <p>This class is their store and views; {@link LicenceIssuer} issues and re-signs, {@link
 * LicenceVerifier} verifies, {@link LicenceHtml} renders, {@link LicenceExpiry} announces expiries.
 *
 * <p>The credential never outlives its signing certificate: its {@code exp} is the licence's expiry
 * capped at the certificate's end (a licence without expiry gets the certificate's end). The
 * licence itself keeps its own expiry; once a newer key covers longer (after a rotation), {@link
 * LicenceIssuer#renewCredentials} re-signs the credential with it, so the stored credential (what
 * the verification URL checks and the holder downloads) stays valid for the licence's life.
 */
public class Licences {

  /** The audience of every licence credential: it is not an access token. */
  public static final String AUDIENCE = "urn:saphan:licence";

  /** The credential's claim holding the licence itself. */
  static final String CLAIM = "licence";

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

  private final JdbcClient jdbc;
  private final PortalNotifier portal;
  private final BackOfficeAudit audit;
  private final Clock clock;
  private final Supplier<String> baseUrl;

  public Licences(
      JdbcClient jdbc,
      PortalNotifier portal,
      BackOfficeAudit audit,
      Clock clock,
      Supplier<String> baseUrl) {
    this.jdbc = jdbc;
    this.portal = portal;
    this.audit = audit;
    this.clock = clock;
    this.baseUrl = baseUrl;
  }

  public Optional<Licence> find(String id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(Licences::row).optional();
  }

  public Optional<Licence> byApplication(String applicationId) {
    return jdbc.sql(SELECT + " where application_id = ?")
        .param(applicationId)
        .query(Licences::row)
        .optional();
  }

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

  public Map<String, Object> urls(String id) {
    String base = baseUrl.get();
    Map<String, Object> urls = new LinkedHashMap<>();
    urls.put("licenceUrl", base + "/api/v1/licences/" + id);
    urls.put("printUrl", base + "/api/v1/licences/" + id + "?format=html");
    urls.put("verifyUrl", base + "/api/v1/licences/" + id + "/verify");
    return urls;
  }

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

  static Map<String, Object> localized(String th, String en) {
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("th", th);
    if (en != null) {
      text.put("en", en);
    }
    return text;
  }

  static final String SELECT =
      "select id, application_id, connector, service_id, agency, holder_citizen_id, holder_name,"
          + " title_th, title_en, issued_at, expires_at, status, credential, kid, revoked_reason"
          + " from bo_licence";

  static Licence row(ResultSet rs, int row) throws SQLException {
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
