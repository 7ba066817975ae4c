package org.saphan.sandbox.common;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.saphan.sandbox.common.SignatureRejectedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sandbox knows of the hub: its JWKS at {@code {hub}/.well-known/jwks.json}, and nothing
 * else. Verifies the hub's detached JWS ({@link DetachedJws}: ES256/PS256 only, {@code iat} within
 * the clock skew, single-use {@code jti}) and tells whether a certificate's key is one of the hub's
 * (for XML-DSig, where the signer presents a certificate).
 *
 * <p>The JWKS is cached; an unknown kid or key causes one refetch (at most once per {@link
 * HubProperties#jwksRefreshMinInterval()}), which is how a rotated hub key becomes known. The hot
 * path reads a volatile snapshot and takes no lock.
 */
public class HubTrust {

  /** Path of the hub's JWKS. */
  public static final String JWKS_PATH = "/.well-known/jwks.json";

  private static final Logger log = LoggerFactory.getLogger(HubTrust.class);

  private final HubProperties properties;
  private final HttpClient http;
  private final Clock clock;
  private final ReplayStore replays;
  private final Object refreshLock = new Object();
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /**
   * What was verified: the key id and algorithm, the protected header's iat and jti, and its {@code
   * saphan_authz} parameter as parsed (null when absent; {@link HubAuthorisation#ofJws} reads it
   * where a delivery needs it).
   */
  public record VerifiedJws(
      String kid, JWSAlgorithm algorithm, long iat, String jti, Object authorisation) {}

  /** One fetched JWKS with the verifiers and thumbprints derived from it. */
  private record Snapshot(
      Map<String, JWK> byKid,
      Map<String, JWSVerifier> verifiers,
      Set<String> thumbprints,
      long fetchedAtMillis) {

    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Set.of(), Long.MIN_VALUE);
  }

  public HubTrust(HubProperties properties, HttpClient http, Clock clock) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.replays = new ReplayStore(clock);
  }

  /**
   * Verifies the {@code X-JWS-Signature} of a body sent by the hub.
   *
   * @throws SignatureRejectedException with the reason of the first failed check
   */
  public VerifiedJws verifyDetached(byte[] body, String detachedJws) {
    DetachedJws.Parsed parsed = DetachedJws.parse(detachedJws);
    JWSAlgorithm alg = parsed.header().getAlgorithm();
    if (!DetachedJws.ALLOWED_ALGORITHMS.contains(alg)) {
      throw new SignatureRejectedException(
          Reason.ALGORITHM_NOT_ALLOWED, "alg " + alg + " is not accepted");
    }
    String kid = parsed.kid();
    if (kid == null || kid.isBlank()) {
      throw new SignatureRejectedException(Reason.UNKNOWN_KEY, "the JWS header has no kid");
    }
    JWSVerifier verifier = verifier(kid, alg);
    if (!DetachedJws.verifies(parsed, body, verifier)) {
      throw new SignatureRejectedException(Reason.BAD_SIGNATURE, "signature does not match body");
    }
    Long iat = parsed.iat();
    String jti = parsed.jti();
    if (iat == null || jti == null || jti.isBlank()) {
      throw new SignatureRejectedException(Reason.MALFORMED, "the JWS header lacks iat or jti");
    }
    long now = clock.instant().getEpochSecond();
    long skew = properties.clockSkew().toSeconds();
    if (Math.abs(now - iat) > skew) {
      throw new SignatureRejectedException(Reason.EXPIRED, "iat is outside the allowed skew");
    }
    // Remember the jti for as long as its iat keeps it acceptable.
    if (!replays.firstUse(jti, Instant.ofEpochSecond(iat + skew + 1))) {
      throw new SignatureRejectedException(Reason.REPLAYED, "jti already used");
    }
    return new VerifiedJws(
        kid, alg, iat, jti, parsed.header().getCustomParam(HubAuthorisation.JWS_HEADER));
  }

  /** The hub's public key with this kid, refetching the JWKS once when it is unknown. */
  public Optional<JWK> key(String kid) {
    JWK jwk = snapshot(false).byKid().get(kid);
    if (jwk == null) {
      jwk = snapshot(true).byKid().get(kid);
    }
    return Optional.ofNullable(jwk);
  }

  /**
   * True when the public key is one of the hub's JWKS keys (compared by RFC 7638 thumbprint, so the
   * JWKS's own kid values do not matter); refetches the JWKS once on a miss.
   */
  public boolean isHubKey(PublicKey key) {
    String thumbprint;
    try {
      thumbprint = KeyIds.kid(key);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return snapshot(false).thumbprints().contains(thumbprint)
        || snapshot(true).thumbprints().contains(thumbprint);
  }

  /**
   * True when the public key is one of the hub's JWKS keys published for {@code alg} (or with no
   * {@code alg}): how an agency that selects keys by algorithm (RFC 7517 section 4.4) checks the
   * key of an XML-DSig signature. Refetches the JWKS once on a miss.
   */
  public boolean isHubKey(PublicKey key, String alg) {
    String thumbprint;
    try {
      thumbprint = KeyIds.kid(key);
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (boolean refetch : new boolean[] {false, true}) {
      Set<String> published = snapshot(refetch).thumbprints();
      if (published.contains(thumbprint + "#" + alg) || published.contains(thumbprint + "#")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records a single-use id (e.g. an assertion's {@code jti}) and tells whether it is new; shared
   * by every simulator that checks the hub's replay protection.
   */
  public boolean firstUse(String id, Instant rememberUntil) {
    return replays.firstUse(id, rememberUntil);
  }

  /** Forgets the cached JWKS; the next call fetches it again. */
  public void invalidate() {
    snapshot = Snapshot.EMPTY;
  }

  private JWSVerifier verifier(String kid, JWSAlgorithm alg) {
    Snapshot keys = snapshot(false);
    if (!keys.verifiers().containsKey(kid)) {
      keys = snapshot(true);
    }
    JWSVerifier verifier = keys.verifiers().get(kid);
    JWK jwk = keys.byKid().get(kid);
    if (verifier == null || jwk == null) {
      throw new SignatureRejectedException(Reason.UNKNOWN_KEY, "no hub key with this kid");
    }
    boolean fits =
        alg.equals(JWSAlgorithm.ES256)
            ? jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())
            : jwk instanceof RSAKey;
    if (!fits || (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(alg))) {
      throw new SignatureRejectedException(
          Reason.ALGORITHM_NOT_ALLOWED, "alg " + alg + " does not fit the hub key " + kid);
    }
    return verifier;
  }

  /**
   * The current snapshot; fetched when none is cached or it is older than the TTL, or (when {@code
   * missed}) when the last fetch is older than the minimum refresh interval.
   */
  private Snapshot snapshot(boolean missed) {
    Snapshot current = snapshot;
    long now = clock.millis();
    if (!isDue(current, now, missed)) {
      return current;
    }
    synchronized (refreshLock) {
      current = snapshot;
      if (!isDue(current, now, missed)) {
        return current;
      }
      try {
        snapshot = fetch(now);
      } catch (IOException | ParseException | RuntimeException e) {
        log.warn("cannot fetch the hub JWKS from {}: {}", jwksUri(), e.toString());
        // Keep the old keys (if any), and do not ask again before the minimum interval.
        snapshot = new Snapshot(current.byKid(), current.verifiers(), current.thumbprints(), now);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return snapshot;
    }
  }

  private boolean isDue(Snapshot current, long now, boolean missed) {
    if (current.fetchedAtMillis() == Long.MIN_VALUE) {
      return true;
    }
    long age = now - current.fetchedAtMillis();
    return age >= properties.jwksCacheTtl().toMillis()
        || (missed && age >= properties.jwksRefreshMinInterval().toMillis());
  }

  private Snapshot fetch(long now) throws IOException, InterruptedException, ParseException {
    HttpRequest request =
        HttpRequest.newBuilder(jwksUri())
            .timeout(properties.httpTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("JWKS answered HTTP " + response.statusCode());
    }
    JWKSet set = JWKSet.parse(response.body()).toPublicJWKSet();
    Map<String, JWK> byKid = new HashMap<>();
    Map<String, JWSVerifier> verifiers = new HashMap<>();
    Set<String> thumbprints = new HashSet<>();
    for (JWK jwk : set.getKeys()) {
      try {
        String thumbprint = KeyIds.kid(jwk);
        thumbprints.add(thumbprint);
        thumbprints.add(
            thumbprint + "#" + (jwk.getAlgorithm() == null ? "" : jwk.getAlgorithm().getName()));
        // A key published for XML-DSig only (the hub's RSA key as RS256, beside its PS256 entry
        // with the same kid) verifies no JWS here: keep the entry for the JWS algorithms.
        if (jwk.getKeyID() == null
            || (jwk.getAlgorithm() != null
                && !DetachedJws.ALLOWED_ALGORITHMS.contains(
                    JWSAlgorithm.parse(jwk.getAlgorithm().getName())))) {
          continue;
        }
        if (jwk instanceof ECKey ec) {
          verifiers.put(jwk.getKeyID(), new ECDSAVerifier(ec));
        } else if (jwk instanceof RSAKey rsa) {
          verifiers.put(jwk.getKeyID(), new RSASSAVerifier(rsa));
        } else {
          continue;
        }
        byKid.put(jwk.getKeyID(), jwk);
      } catch (JOSEException | IllegalArgumentException e) {
        log.warn("ignoring unusable hub key {}: {}", jwk.getKeyID(), e.getMessage());
      }
    }
    log.info("fetched the hub JWKS from {}: {} key(s)", jwksUri(), byKid.size());
    return new Snapshot(Map.copyOf(byKid), Map.copyOf(verifiers), Set.copyOf(thumbprints), now);
  }

  private java.net.URI jwksUri() {
    return properties.resolve(JWKS_PATH);
  }
}
