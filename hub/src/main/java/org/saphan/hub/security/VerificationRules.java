package org.saphan.hub.security;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * How inbound signatures from one party are verified, as its connector card states it.
 *
 * @param policy the signing policy the party uses
 * @param issuer the party's stable id (connector or agency name); namespaces the {@code jti} replay
 *     store, so one party can never burn another's ids
 * @param trust what the signature must chain to
 * @param allowedAlgorithms JWS {@code alg} names, XML-DSig SignatureMethod URIs or CMS JCA names;
 *     {@code none}, HMAC, SHA-1 and MD5 are refused at construction
 * @param maxClockSkew tolerance for clocks that run ahead or behind (JWS {@code iat}/{@code exp},
 *     CMS signing time)
 * @param maxAge how old a JWS {@code iat} may be; also how long its {@code jti} is remembered
 */
public record VerificationRules(
    SigningPolicy policy,
    String issuer,
    Trust trust,
    Set<String> allowedAlgorithms,
    Duration maxClockSkew,
    Duration maxAge) {

  /** Default tolerance for clock differences between the hub and a party. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  /** Default freshness window for a JWS {@code iat}. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  public VerificationRules {
    Objects.requireNonNull(policy, "policy");
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("issuer is required");
    }
    if (policy != SigningPolicy.NONE) {
      Objects.requireNonNull(trust, "trust");
    }
    allowedAlgorithms =
        allowedAlgorithms == null ? Algorithms.defaultsFor(policy) : Set.copyOf(allowedAlgorithms);
    for (String algorithm : allowedAlgorithms) {
      if (Algorithms.isForbidden(algorithm)) {
        throw SaphanException.validation(
            ErrorCode.ALGORITHM_NOT_ALLOWED,
            "algorithm '" + algorithm + "' can never be allowed for " + issuer);
      }
    }
    maxClockSkew = maxClockSkew == null ? DEFAULT_MAX_CLOCK_SKEW : maxClockSkew;
    maxAge = maxAge == null ? DEFAULT_MAX_AGE : maxAge;
    if (maxClockSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxClockSkew must be >= 0 and maxAge > 0");
    }
  }

  /** Rules with the policy's default algorithms, skew and age. */
  public static VerificationRules of(SigningPolicy policy, String issuer, Trust trust) {
    return new VerificationRules(policy, issuer, trust, null, null, null);
  }

  /** The same rules with another algorithm allow-list. */
  public VerificationRules withAllowedAlgorithms(Set<String> algorithms) {
    return new VerificationRules(policy, issuer, trust, algorithms, maxClockSkew, maxAge);
  }

  /** The same rules with another clock-skew window. */
  public VerificationRules withMaxClockSkew(Duration skew) {
    return new VerificationRules(policy, issuer, trust, allowedAlgorithms, skew, maxAge);
  }

  /** The same rules with another freshness window. */
  public VerificationRules withMaxAge(Duration age) {
    return new VerificationRules(policy, issuer, trust, allowedAlgorithms, maxClockSkew, age);
  }

  /** Refuses an algorithm that is forbidden or not on this party's list. */
  void requireAllowed(String algorithm) {
    if (Algorithms.isForbidden(algorithm) || !allowedAlgorithms.contains(algorithm)) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED,
          "algorithm '" + algorithm + "' is not allowed for " + issuer);
    }
  }
}
