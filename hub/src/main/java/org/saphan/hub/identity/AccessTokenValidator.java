package org.saphan.hub.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.Algorithms;

/**
 * Checks a Digital ID access token: algorithm allow-list, key from the issuer's JWKS by kid
 * (refetched, rate limited, when the kid is unknown), signature, issuer, audience, expiry and
 * not-before. Each refusal has its own error code.
 *
 * <p>Two caches keep this off the request's critical path (Nimbus decodes Base64 in constant time,
 * which is slow): the issuer's public keys converted once per JWK, and the tokens already verified
 * (signature, issuer) for at most {@link #VERIFIED_FOR}; a cached token's audience, expiry and
 * not-before are checked again on every call, so it expires on time.
 */
public final class AccessTokenValidator {

  private static final int MAX_TOKEN_CHARS = 16 * 1024;

  /**
   * How long a verified token is remembered: a key the issuer withdraws from its JWKS stops
   * verifying new tokens at once, and tokens it already verified within this time.
   */
  static final Duration VERIFIED_FOR = Duration.ofSeconds(60);

  private final Cache<String, JWTClaimsSet> verified =
      Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(VERIFIED_FOR).build();
  private final Cache<JWK, Key> publicKeys = Caffeine.newBuilder().maximumSize(64).build();

  private final JWKSource<SecurityContext> keys;
  private final String issuer;
  private final String audience;
  private final Set<String> algorithms;
  private final Duration clockSkew;
  private final Clock clock;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

  public AccessTokenValidator(
      JWKSource<SecurityContext> keys,
      String issuer,
      String audience,
      List<String> algorithms,
      Duration clockSkew,
      Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.audience = audience;
    this.algorithms = Set.copyOf(algorithms);
    for (String algorithm : this.algorithms) {
      if (Algorithms.isForbidden(algorithm)) {
        throw new IllegalArgumentException("algorithm " + algorithm + " can never be accepted");
      }
    }
    this.clockSkew = clockSkew;
    this.clock = clock;
  }

  /** The verified claims of {@code token}. */
  public JWTClaimsSet validate(String token) {
    if (token == null || token.isBlank()) {
      throw SaphanException.validation(ErrorCode.TOKEN_MISSING, "no access token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw SaphanException.validation(ErrorCode.TOKEN_INVALID, "access token too long");
    }
    JWTClaimsSet known = verified.getIfPresent(token);
    if (known != null) {
      checkClaims(known);
      return known;
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw SaphanException.validation(ErrorCode.TOKEN_INVALID, "access token is not a JWT");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED, "unsigned (alg none) or encrypted tokens are refused");
    }
    JWSHeader header = signed.getHeader();
    JWSAlgorithm alg = header.getAlgorithm();
    if (!algorithms.contains(alg.getName()) || Algorithms.isForbidden(alg.getName())) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED, "algorithm " + alg.getName() + " is not accepted");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw SaphanException.validation(ErrorCode.TOKEN_INVALID, "token claims are not JSON");
    }
    // The issuer is checked first so that a token from another IdP is named as such, rather than
    // as a token signed by a key this issuer does not have; nothing is trusted before the
    // signature.
    if (!issuer.equals(claims.getIssuer())) {
      throw SaphanException.validation(
          ErrorCode.WRONG_ISSUER, "token issued by " + claims.getIssuer() + ", not " + issuer);
    }
    verifySignature(signed, header);
    checkClaims(claims);
    verified.put(token, claims);
    return claims;
  }

  private void verifySignature(SignedJWT signed, JWSHeader header) {
    JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
    if (matcher == null || header.getKeyID() == null) {
      throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "token names no usable key (kid)");
    }
    List<JWK> candidates;
    try {
      candidates = keys.get(new JWKSelector(matcher), null);
    } catch (KeySourceException e) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          "Digital ID keys cannot be fetched: " + e.getMessage(),
          e);
    }
    if (candidates.isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.UNKNOWN_KEY, "kid " + header.getKeyID() + " is not in the issuer's JWKS");
    }
    try {
      JWK jwk = candidates.get(0);
      Key key = publicKeys.getIfPresent(jwk);
      if (key == null) {
        key = toKey(jwk);
        publicKeys.put(jwk, key);
      }
      JWSVerifier verifier = verifiers.createJWSVerifier(header, key);
      if (!signed.verify(verifier)) {
        throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "token signature invalid");
      }
    } catch (JOSEException e) {
      throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "token signature invalid");
    }
  }

  private static Key toKey(JWK jwk) throws JOSEException {
    return switch (jwk.getKeyType().getValue()) {
      case "RSA" -> jwk.toRSAKey().toRSAPublicKey();
      case "EC" -> jwk.toECKey().toECPublicKey();
      default -> throw new JOSEException("unsupported key type " + jwk.getKeyType());
    };
  }

  private void checkClaims(JWTClaimsSet claims) {
    if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
      throw SaphanException.validation(
          ErrorCode.WRONG_AUDIENCE, "token is not meant for " + audience);
    }
    Instant now = clock.instant();
    if (claims.getExpirationTime() == null) {
      throw SaphanException.validation(ErrorCode.TOKEN_INVALID, "token has no expiry (exp)");
    }
    if (!now.minus(clockSkew).isBefore(claims.getExpirationTime().toInstant())) {
      throw SaphanException.validation(ErrorCode.TOKEN_EXPIRED, "access token expired");
    }
    if (claims.getNotBeforeTime() != null
        && now.plus(clockSkew).isBefore(claims.getNotBeforeTime().toInstant())) {
      throw SaphanException.validation(ErrorCode.TOKEN_NOT_YET_VALID, "access token not yet valid");
    }
    if (claims.getSubject() == null || claims.getSubject().isBlank()) {
      throw SaphanException.validation(ErrorCode.TOKEN_INVALID, "token has no subject (sub)");
    }
  }
}
