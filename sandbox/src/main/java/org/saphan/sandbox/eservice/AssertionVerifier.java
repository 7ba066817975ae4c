package org.saphan.sandbox.eservice;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.saphan.sandbox.HubProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks an SSO assertion minted by the hub, trusting the hub only through its JWKS: ES256 or PS256
 * signature by a key of the hub's JWKS, the hub's issuer, this e-service's audience, a short
 * lifetime, not expired, and a {@code jti} never seen before.
 */
@Component
public class AssertionVerifier {

  /** The only accepted algorithms: never {@code none}, never a shared-secret MAC. */
  public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final HubProperties hub;
  private final EserviceProperties properties;
  private final ReplayGuard replays;
  private final Clock clock;

  @Autowired
  public AssertionVerifier(
      JWKSource<SecurityContext> hubJwkSource,
      HubProperties hub,
      EserviceProperties properties,
      ReplayGuard replays) {
    this(hubJwkSource, hub, properties, replays, Clock.systemUTC());
  }

  AssertionVerifier(
      JWKSource<SecurityContext> hubJwkSource,
      HubProperties hub,
      EserviceProperties properties,
      ReplayGuard replays,
      Clock clock) {
    this.hub = hub;
    this.properties = properties;
    this.replays = replays;
    this.clock = clock;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, hubJwkSource));
    // The hub may type its assertions as it likes; the claims are checked below, one reason each.
    processor.setJWSTypeVerifier((type, context) -> {});
    processor.setJWTClaimsSetVerifier(null);
  }

  /** The assertion's claims when it is acceptable; it is then used up. */
  public JWTClaimsSet verify(String assertion)
      throws AssertionRejectedException, HubKeysUnavailableException {
    JWTClaimsSet claims = verifySignature(parse(assertion));
    try {
      return verifyClaims(claims);
    } catch (ParseException e) {
      throw new AssertionRejectedException(SsoError.MALFORMED, "claim of the wrong type");
    }
  }

  private static SignedJWT parse(String assertion) throws AssertionRejectedException {
    if (assertion == null || assertion.isBlank()) {
      throw new AssertionRejectedException(SsoError.MALFORMED, "no assertion");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(assertion.trim());
    } catch (ParseException e) {
      throw new AssertionRejectedException(SsoError.MALFORMED, "not a JWT");
    }
    if (jwt instanceof PlainJWT) {
      throw new AssertionRejectedException(SsoError.BAD_SIGNATURE, "unsigned (alg none)");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw new AssertionRejectedException(SsoError.MALFORMED, "not a signed JWT");
    }
    if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
      throw new AssertionRejectedException(
          SsoError.BAD_SIGNATURE, "algorithm " + signed.getHeader().getAlgorithm() + " refused");
    }
    return signed;
  }

  private JWTClaimsSet verifySignature(SignedJWT jwt)
      throws AssertionRejectedException, HubKeysUnavailableException {
    try {
      return processor.process(jwt, null);
    } catch (RateLimitReachedException e) {
      // An unknown key id while the JWKS was just fetched: not a key of the hub.
      throw new AssertionRejectedException(SsoError.BAD_SIGNATURE, "unknown key");
    } catch (KeySourceException e) {
      throw new HubKeysUnavailableException("hub JWKS unavailable: " + e.getMessage(), e);
    } catch (BadJOSEException | JOSEException e) {
      throw new AssertionRejectedException(SsoError.BAD_SIGNATURE, e.getMessage());
    }
  }

  private JWTClaimsSet verifyClaims(JWTClaimsSet claims)
      throws AssertionRejectedException, ParseException {
    if (!hub.issuer().equals(claims.getIssuer())) {
      throw new AssertionRejectedException(SsoError.WRONG_ISSUER, "issuer is not the hub");
    }
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(properties.audience())) {
      throw new AssertionRejectedException(SsoError.WRONG_AUDIENCE, "not for this e-service");
    }
    Date expiry = claims.getExpirationTime();
    Date issued = claims.getIssueTime();
    String jti = claims.getJWTID();
    if (expiry == null || issued == null || isBlank(jti) || isBlank(claims.getSubject())) {
      throw new AssertionRejectedException(
          SsoError.MALFORMED, "sub, iat, exp and jti are required");
    }
    Duration lifetime = Duration.between(issued.toInstant(), expiry.toInstant());
    if (lifetime.isNegative()) {
      throw new AssertionRejectedException(SsoError.MALFORMED, "exp before iat");
    }
    if (lifetime.compareTo(properties.maxAssertionLifetime()) > 0) {
      throw new AssertionRejectedException(
          SsoError.LIFETIME_TOO_LONG, "lifetime " + lifetime.toSeconds() + " s");
    }
    Instant now = clock.instant();
    Duration skew = properties.clockSkew();
    if (now.isAfter(expiry.toInstant().plus(skew))) {
      throw new AssertionRejectedException(SsoError.EXPIRED, "expired");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (issued.toInstant().isAfter(now.plus(skew))
        || (notBefore != null && notBefore.toInstant().isAfter(now.plus(skew)))) {
      throw new AssertionRejectedException(SsoError.MALFORMED, "issued in the future");
    }
    if (!replays.firstUse(jti, expiry.toInstant().plus(skew))) {
      throw new AssertionRejectedException(SsoError.REPLAYED, "jti already used");
    }
    return claims;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
