package org.saphan.hub.security;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.keys.ReloadingKeyRing;

/**
 * The signing layer as the rest of the hub uses it: signers and verifiers per policy and algorithm
 * (as connector cards name them), JWT minting, and trust in the hub's own keys on any node.
 */
public class Signing {

  private final ReloadingKeyRing keyRing;
  private final KeyRegistry registry;
  private final ReplayGuard replayGuard;
  private final Supplier<String> issuer;
  private final Clock clock;
  private final Map<String, MessageSigner> signers = new ConcurrentHashMap<>();
  private final JwsVerifier jwsVerifier;
  private final XmlDsigVerifier xmlDsigVerifier;
  private final CmsVerifier cmsVerifier;
  private final JwsVerifier archivalVerifier;

  public Signing(
      ReloadingKeyRing keyRing,
      KeyRegistry registry,
      ReplayGuard replayGuard,
      Supplier<String> issuer,
      Clock clock) {
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.jwsVerifier = new JwsVerifier(clock, replayGuard);
    this.xmlDsigVerifier = new XmlDsigVerifier(clock);
    this.cmsVerifier = new CmsVerifier(clock);
    // An archived signature is verified again and again: its jti is not a replay.
    this.archivalVerifier = new JwsVerifier(clock, (issuerName, jti, expiresAt) -> {});
  }

  /** {@code iss} of everything the hub signs. */
  public String issuer() {
    return issuer.get();
  }

  /** The hub's key ring (current keys, rotation). */
  public ReloadingKeyRing keyRing() {
    return keyRing;
  }

  /** The cluster's key registry. */
  public KeyRegistry registry() {
    return registry;
  }

  /** The cluster's replay store. */
  public ReplayGuard replayGuard() {
    return replayGuard;
  }

  /**
   * The signer for a card's {@code signing} block.
   *
   * @param policy jws, xmldsig, wss-x509, cms or none
   * @param algorithm ES256 / PS256 (jws), RSA-SHA256 / RSA-SHA512 / ECDSA-SHA256 (xmldsig,
   *     wss-x509); {@code null} for the policy's default
   */
  public MessageSigner signer(SigningPolicy policy, String algorithm) {
    String key = policy + "/" + (algorithm == null ? "" : algorithm.toUpperCase(Locale.ROOT));
    return signers.computeIfAbsent(key, k -> newSigner(policy, algorithm));
  }

  /** A JWS signer of the given algorithm and serialisation. */
  public JwsSigner jws(String algorithm, JwsSigner.Mode mode) {
    return new JwsSigner(keyRing, jwsFamily(algorithm), mode, false, clock);
  }

  private MessageSigner newSigner(SigningPolicy policy, String algorithm) {
    return switch (policy) {
      case JWS -> jws(algorithm, JwsSigner.Mode.DETACHED);
      case XMLDSIG -> new XmlDsigSigner(keyRing, xmlFamily(algorithm), xmlMethod(algorithm));
      case WSS_X509 ->
          new WssX509Signer(keyRing, xmlFamily(algorithm), xmlMethod(algorithm), clock);
      case CMS ->
          new CmsSigner(
              keyRing,
              algorithm != null && algorithm.toUpperCase(Locale.ROOT).contains("RSA")
                  ? KeyFamily.RSA_3072
                  : KeyFamily.EC_P256,
              clock);
      case NONE -> MessageSigner.none();
    };
  }

  /**
   * The verifier of a policy.
   *
   * @throws SaphanException {@code ALGORITHM_NOT_ALLOWED} for {@code wss-x509}, a profile the hub
   *     signs with but does not accept: agencies sign what they send the hub as {@code xmldsig}
   */
  public SignatureVerifier verifier(SigningPolicy policy) {
    return switch (policy) {
      case JWS -> jwsVerifier;
      case XMLDSIG -> xmlDsigVerifier;
      case CMS -> cmsVerifier;
      case NONE -> SignatureVerifier.none();
      case WSS_X509 ->
          throw SaphanException.validation(
              ErrorCode.ALGORITHM_NOT_ALLOWED,
              "wss-x509 is a profile for what the hub sends; inbound SOAP is verified as xmldsig");
    };
  }

  /** The key family of an XML signature algorithm as cards name it (RSA unless ECDSA-SHA256). */
  private static KeyFamily xmlFamily(String algorithm) {
    return "ECDSA-SHA256".equalsIgnoreCase(algorithm) ? KeyFamily.EC_P256 : KeyFamily.RSA_3072;
  }

  /** The SignatureMethod URI of a card's XML algorithm name (RSA-SHA256 by default). */
  private static String xmlMethod(String algorithm) {
    if ("ECDSA-SHA256".equalsIgnoreCase(algorithm)) {
      return Algorithms.XML_ECDSA_SHA256;
    }
    return "RSA-SHA512".equalsIgnoreCase(algorithm)
        ? Algorithms.XML_RSA_SHA512
        : Algorithms.XML_RSA_SHA256;
  }

  /**
   * Signs a record the hub archives (ledger entries, checkpoints, evidence): a detached JWS (RFC
   * 7515 App. F) over the exact bytes, ES256.
   */
  public String signArchival(byte[] canonical) {
    return new String(
        jws("ES256", JwsSigner.Mode.DETACHED).sign(canonical).detachedSignature(),
        java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * Verifies an archival signature made by any hub key, retired ones included, however old.
   *
   * @throws SaphanException with the signature error code when it does not verify
   */
  public VerifiedSignature verifyArchival(byte[] canonical, String detachedSignature) {
    VerificationRules rules =
        VerificationRules.of(SigningPolicy.JWS, issuer(), registry.archiveTrust())
            .withMaxAge(java.time.Duration.ofDays(365L * 100))
            .withMaxClockSkew(java.time.Duration.ofDays(1));
    return archivalVerifier.verify(
        canonical, detachedSignature.getBytes(java.nio.charset.StandardCharsets.US_ASCII), rules);
  }

  /** Rules to verify what any hub node signed (keys published in the registry). */
  public VerificationRules selfRules(SigningPolicy policy) {
    return VerificationRules.of(policy, issuer(), registry.trust());
  }

  /**
   * A credential the hub issued: the signed JWT, the key that signed it, and its {@code exp}.
   *
   * @param capped true when {@code exp} was cut to the signing certificate's end
   */
  public record IssuedCredential(String jwt, String kid, Instant expiresAt, boolean capped) {}

  /**
   * Mints a signed JWT (compact JWS, {@code typ: JWT}) with the hub's current key of the
   * algorithm's family; {@code iss} is set to the hub's issuer. A JWT with an {@code exp} is a
   * credential: see {@link #mintCredential}.
   */
  public String mintJwt(JWTClaimsSet claims, String algorithm) {
    if (claims.getExpirationTime() != null) {
      return mintCredential(claims, algorithm, claims.getExpirationTime().toInstant()).jwt();
    }
    return jwtSigner(algorithm).signJwt(new JWTClaimsSet.Builder(claims).issuer(issuer()).build());
  }

  /**
   * Mints a credential that never outlives its signing certificate: {@code exp} is {@code
   * validUntil} capped at the certificate's notAfter ({@code null}: no end of its own, so the
   * certificate's end). The key registry records the expiry, so the key stays published in the JWKS
   * until then, retired or not.
   *
   * @throws SaphanException {@code signing_certificate_ended} when the active key's certificate has
   *     already ended (the key was not rotated in time)
   */
  public IssuedCredential mintCredential(
      JWTClaimsSet claims, String algorithm, Instant validUntil) {
    JwsSigner signer = jwtSigner(algorithm);
    SigningKey key = keyRing.current(jwsFamily(algorithm));
    Instant certificateEnd = key.certificate().getNotAfter().toInstant();
    if (!clock.instant().isBefore(certificateEnd)) {
      throw SaphanException.system(
          ErrorCode.SIGNING_CERTIFICATE_ENDED,
          "the certificate of the active "
              + key.family().displayName()
              + " key "
              + key.kid()
              + " ended at "
              + certificateEnd
              + "; rotate the key (./saphan keys rotate)",
          null);
    }
    Instant wanted =
        validUntil == null
            ? Instant.MAX
            : validUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    boolean capped = wanted.isAfter(certificateEnd);
    Instant expiresAt = capped ? certificateEnd : wanted;
    String jwt =
        signer.signJwt(
            key,
            new JWTClaimsSet.Builder(claims)
                .issuer(issuer())
                .expirationTime(java.util.Date.from(expiresAt))
                .build());
    registry.recordCredential(key.kid(), expiresAt);
    return new IssuedCredential(jwt, key.kid(), expiresAt, capped);
  }

  /** Until when a credential signed now with the algorithm's current key can be valid. */
  public Instant credentialsCoveredUntil(String algorithm) {
    return keyRing.current(jwsFamily(algorithm)).certificate().getNotAfter().toInstant();
  }

  private JwsSigner jwtSigner(String algorithm) {
    return (JwsSigner)
        signers.computeIfAbsent(
            "jwt/" + jwsFamily(algorithm), k -> jws(algorithm, JwsSigner.Mode.COMPACT));
  }

  /**
   * Verifies a JWT that a hub node minted ({@link #mintJwt}): algorithm, key from the registry (a
   * retired key fails), signature, issuer, audience when given, expiry and not-before.
   *
   * @param expectedAudience the audience the JWT must name, or {@code null} to skip the check
   * @return the verified claims
   */
  public JWTClaimsSet verifyOwnJwt(String jwt, String expectedAudience) {
    SignedJWT parsed;
    JWTClaimsSet claims;
    try {
      parsed = SignedJWT.parse(jwt);
      claims = parsed.getJWTClaimsSet();
    } catch (java.text.ParseException e) {
      throw SaphanException.validation(ErrorCode.JWS_MALFORMED, "not a signed JWT");
    }
    String alg = parsed.getHeader().getAlgorithm().getName();
    if (!Algorithms.DEFAULT_JWS.contains(alg)) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED, "algorithm " + alg + " is not allowed");
    }
    JWK jwk = registry.jwks().getKeyByKeyId(parsed.getHeader().getKeyID());
    if (jwk == null) {
      throw SaphanException.validation(
          ErrorCode.UNKNOWN_KEY, "kid " + parsed.getHeader().getKeyID() + " is not a hub key");
    }
    try {
      JWSVerifier verifier =
          jwk instanceof ECKey ec
              ? new ECDSAVerifier(ec.toECPublicKey())
              : new RSASSAVerifier(jwk.toRSAKey().toRSAPublicKey());
      if (!parsed.verify(verifier)) {
        throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "JWT signature invalid");
      }
    } catch (com.nimbusds.jose.JOSEException e) {
      throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "JWT signature invalid");
    }
    if (!issuer().equals(claims.getIssuer())) {
      throw SaphanException.validation(ErrorCode.WRONG_ISSUER, "JWT not issued by this hub");
    }
    if (expectedAudience != null
        && (claims.getAudience() == null || !claims.getAudience().contains(expectedAudience))) {
      throw SaphanException.validation(
          ErrorCode.WRONG_AUDIENCE, "JWT not meant for " + expectedAudience);
    }
    java.time.Instant now = clock.instant();
    if (claims.getExpirationTime() != null
        && !now.isBefore(claims.getExpirationTime().toInstant())) {
      throw SaphanException.validation(ErrorCode.TOKEN_EXPIRED, "JWT expired");
    }
    if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
      throw SaphanException.validation(ErrorCode.TOKEN_NOT_YET_VALID, "JWT not yet valid");
    }
    return claims;
  }

  private static KeyFamily jwsFamily(String algorithm) {
    if (algorithm == null || algorithm.equalsIgnoreCase("ES256")) {
      return KeyFamily.EC_P256;
    }
    if (algorithm.equalsIgnoreCase("PS256")) {
      return KeyFamily.RSA_3072;
    }
    throw SaphanException.validation(
        ErrorCode.ALGORITHM_NOT_ALLOWED, "JWS algorithm " + algorithm + " is not offered");
  }
}
