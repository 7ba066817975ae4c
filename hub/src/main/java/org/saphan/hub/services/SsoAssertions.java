package org.saphan.hub.services;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.settings.SsoSettings;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.security.Signing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code model2-sso-link} route: check the citizen's assurance level against the
 * card's floor, then mint a short-lived, audience-bound, single-use assertion of the citizen's
 * identity, signed by the hub, carrying only the claims the card releases (and, later, that the
 * citizen has not withheld). The agency verifies it through the hub's JWKS.
 */
public class SsoAssertions {

  /** Longest lifetime an assertion may have; agencies refuse longer ones. */
  public static final Duration MAX_LIFETIME = Duration.ofSeconds(120);

  /** The lifetime used when the card does not ask for a shorter one. */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(SsoAssertions.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Catalog catalog;
  private final Signing signing;
  private final ClaimRelease release;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Evidence evidence;

  public SsoAssertions(
      Catalog catalog,
      Signing signing,
      ClaimRelease release,
      MeterRegistry meters,
      Clock clock,
      Evidence evidence) {
    this.evidence = evidence;
    this.catalog = catalog;
    this.signing = signing;
    this.release = release;
    this.meters = meters;
    this.clock = clock;
  }

  /** The SSO link for a citizen, as the route answers it to the api layer. */
  public record SsoLink(
      String method, String url, Map<String, Object> form, Instant expiresAt, String jti) {}

  /**
   * Refuses a caller who is not a citizen, or whose identity is assured below the card's floor
   * ({@code insufficient_assurance}).
   *
   * @param caller the citizen (the route's body, from the api layer)
   * @param minimumIal the stricter of the card's {@code service.minimumIal} and {@code
   *     sso.minimumIal} (a bound template parameter, {@link
   *     org.saphan.catalog.ConnectorCard#minimumIal(String)})
   */
  public void requireAssurance(Caller caller, String minimumIal) {
    caller.requireCitizen().requireIal(minimumIal);
  }

  /**
   * Mints the assertion for a citizen whose assurance was checked.
   *
   * @param caller the citizen (the route's body)
   * @param connector the model-2 card's name (a bound template parameter)
   */
  public SsoLink mint(Caller caller, String connector) {
    ConnectorCard card = catalog.get(connector);
    SsoSettings sso = card.sso().orElseThrow();
    Instant now = clock.instant();
    Duration lifetime = DEFAULT_LIFETIME;
    Instant expires = now.plus(lifetime);
    String jti = randomId();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(caller.subject())
            .audience(sso.audience())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(jti);
    List<String> released = new ArrayList<>();
    ClaimRelease.Release granted = release.claimsFor(caller, card);
    for (Map.Entry<String, Object> claim : granted.claims().entrySet()) {
      claims.claim(claim.getKey(), claim.getValue());
      released.add(claim.getKey());
    }
    // Capped at the signing certificate's end, like every credential the hub issues.
    Signing.IssuedCredential issued = signing.mintCredential(claims.build(), "ES256", expires);
    String assertion = issued.jwt();
    // The assertion leaves the hub in the browser's hands: its record is the only trace of it.
    evidence.record(
        Evidence.entry("sso_assertion")
            .message(jti)
            .outcome("issued")
            .exchange("sso", "out")
            .connector(card.name())
            .sha256(Digests.sha256(assertion.getBytes(StandardCharsets.US_ASCII)))
            .signature("jws:" + issued.kid(), issued.kid())
            .authorisedBy(granted.consentRecord(), granted.lawfulBasis())
            .detail(Map.of("audience", sso.audience(), "claims", released)));
    meters.counter("saphan.sso.assertions", "connector", card.name()).increment();
    log.info(
        "SSO assertion {} for connector {} to {} (claims {}) for citizen {}",
        jti,
        card.name(),
        sso.audience(),
        released,
        caller.maskedCitizenId());
    String redirect = sso.redirectUrl().toString();
    String url =
        redirect
            + (URI.create(redirect).getQuery() == null ? "?" : "&")
            + "assertion="
            + URLEncoder.encode(assertion, StandardCharsets.US_ASCII);
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("action", redirect);
    form.put("method", "POST");
    form.put("fields", Map.of("assertion", assertion));
    return new SsoLink("GET", url, form, issued.expiresAt(), jti);
  }

  private static String randomId() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The claim names a card may release (the schema's list). */
  static final Set<String> RELEASABLE =
      Set.of(
          "user_id",
          "citizen_id",
          "given_name",
          "middle_name",
          "family_name",
          "name",
          "email",
          "phone_number",
          "ial_level",
          "passport_id",
          "juristic_id",
          "juristic_name");
}
