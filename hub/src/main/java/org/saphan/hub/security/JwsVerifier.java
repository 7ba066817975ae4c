package org.saphan.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Verifies compact and detached JWS (RFC 7515 App. F and RFC 7797) against a party's rules.
 *
 * <p>Order of checks, each with its own code: structure (JWS_MALFORMED), {@code alg} against the
 * allow-list before any key is touched (ALGORITHM_NOT_ALLOWED: never {@code none}, never HMAC),
 * critical headers, key by {@code kid}/{@code x5c} under the party's trust (UNKNOWN_KEY,
 * CERTIFICATE_*), signature (SIGNATURE_INVALID), then time (CLOCK_SKEW) and replay
 * (REPLAY_DETECTED), so an unauthenticated message can never fill the replay store.
 *
 * <p>{@code iat} and {@code jti} are read from the protected header (the hub's convention, see
 * {@link JwsSigner}); for a JWT-style JSON payload without them in the header, from its claims.
 */
public final class JwsVerifier implements SignatureVerifier {

  static final String IAT = "iat";
  static final String JTI = "jti";
  static final String B64 = "b64";
  private static final String EXP = "exp";
  private static final String NBF = "nbf";
  private static final Set<String> UNDERSTOOD_CRITICAL = Set.of(B64);
  private static final int MAX_HEADER_CHARS = 16 * 1024;
  private static final Instant MAX_NUMERIC_DATE = Instant.parse("9999-12-31T23:59:59Z");

  private final Clock clock;
  private final ReplayGuard replayGuard;

  public JwsVerifier(Clock clock, ReplayGuard replayGuard) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
  }

  @Override
  public SigningPolicy policy() {
    return SigningPolicy.JWS;
  }

  /**
   * Verifies a compact JWS ({@code detachedSignature == null}, {@code body} = the JWS) or a
   * detached one ({@code body} = the payload as received, {@code detachedSignature} = {@code
   * header..signature}). The encoding of a detached payload follows the header's {@code b64}.
   */
  @Override
  public VerifiedSignature verify(byte[] body, byte[] detachedSignature, VerificationRules rules) {
    if (rules.policy() != SigningPolicy.JWS) {
      throw new IllegalArgumentException("rules are for " + rules.policy().cardName());
    }
    boolean detached = detachedSignature != null;
    byte[] payload = body == null ? new byte[0] : body;
    String serialized =
        new String(detached ? detachedSignature : payload, StandardCharsets.US_ASCII).trim();
    if (serialized.isEmpty()) {
      throw SaphanException.validation(ErrorCode.SIGNATURE_MISSING, "no JWS present");
    }
    String[] parts = serialized.split("\\.", -1);
    if (parts.length != 3) {
      throw malformed("a JWS has three dot-separated parts");
    }
    if (detached && !parts[1].isEmpty()) {
      throw malformed("a detached JWS must have an empty payload part");
    }

    Map<String, Object> rawHeader = parseHeader(parts[0]);
    String alg = rawHeader.get("alg") instanceof String s ? s : null;
    rules.requireAllowed(alg);
    List<String> critical = stringList(rawHeader.get("crit"));
    for (String name : critical) {
      if (!UNDERSTOOD_CRITICAL.contains(name)) {
        throw SaphanException.validation(
            ErrorCode.SIGNATURE_INVALID, "unsupported critical header '" + name + "'");
      }
    }

    JWSObject jws = parse(serialized, detached ? payload : null);
    JWSHeader header = jws.getHeader();
    Instant now = clock.instant();
    TrustChecks.ResolvedKey key =
        TrustChecks.jwsKey(rules.trust(), header.getKeyID(), alg, header.getX509CertChain(), now);
    if (key.jwkAlg() != null && !key.jwkAlg().equals(alg)) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED,
          "key " + key.kid() + " is for " + key.jwkAlg() + ", not " + alg);
    }
    if (!verifySignature(jws, key)) {
      throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "JWS signature invalid");
    }

    Map<String, Object> claims = detached ? Map.of() : jsonClaims(jws.getPayload());
    Instant iat = instant(header.getCustomParam(IAT), claims.get(IAT), IAT);
    String jti = string(header.getCustomParam(JTI), claims.get(JTI));
    if (iat == null || jti == null || jti.isBlank()) {
      throw malformed("JWS must carry iat and jti");
    }
    checkTime(iat, now, rules);
    Instant exp = instant(header.getCustomParam(EXP), claims.get(EXP), EXP);
    if (exp != null && !now.isBefore(exp.plus(rules.maxClockSkew()))) {
      throw SaphanException.validation(ErrorCode.CLOCK_SKEW, "JWS expired at " + exp);
    }
    Instant nbf = instant(header.getCustomParam(NBF), claims.get(NBF), NBF);
    if (nbf != null && nbf.isAfter(now.plus(rules.maxClockSkew()))) {
      throw SaphanException.validation(ErrorCode.CLOCK_SKEW, "JWS not valid before " + nbf);
    }
    replayGuard.checkAndRemember(
        rules.issuer(), jti, iat.plus(rules.maxAge()).plus(rules.maxClockSkew()));

    byte[] content = detached ? payload : jws.getPayload().toBytes();
    return new VerifiedSignature(
        SigningPolicy.JWS, alg, key.kid(), key.certificate(), iat, jti, content);
  }

  private static void checkTime(Instant iat, Instant now, VerificationRules rules) {
    Duration skew = rules.maxClockSkew();
    if (iat.isAfter(now.plus(skew))) {
      throw SaphanException.validation(
          ErrorCode.CLOCK_SKEW,
          "JWS iat " + iat + " is ahead of the hub clock by more than " + skew);
    }
    if (iat.isBefore(now.minus(rules.maxAge()).minus(skew))) {
      throw SaphanException.validation(
          ErrorCode.CLOCK_SKEW,
          "JWS iat " + iat + " is older than " + rules.maxAge() + " (+" + skew + " skew)");
    }
  }

  private static boolean verifySignature(JWSObject jws, TrustChecks.ResolvedKey key) {
    try {
      JWSVerifier verifier;
      if (key.publicKey() instanceof ECPublicKey ec) {
        verifier = new ECDSAVerifier(ec, UNDERSTOOD_CRITICAL);
      } else if (key.publicKey() instanceof RSAPublicKey rsa) {
        verifier = new RSASSAVerifier(rsa, UNDERSTOOD_CRITICAL);
      } else {
        return false;
      }
      Provider provider = CryptoProviders.forVerifying(key.publicKey());
      if (provider != null) {
        verifier.getJCAContext().setProvider(provider);
      }
      return jws.verify(verifier);
    } catch (JOSEException | IllegalStateException e) {
      // An alg that does not fit the key (ES256 header, RSA key) lands here.
      return false;
    }
  }

  private static JWSObject parse(String serialized, byte[] detachedPayload) {
    try {
      return detachedPayload == null
          ? JWSObject.parse(serialized)
          : JWSObject.parse(serialized, new Payload(detachedPayload));
    } catch (ParseException e) {
      throw malformed("unparseable JWS: " + e.getMessage());
    }
  }

  private static Map<String, Object> parseHeader(String encoded) {
    if (encoded.isEmpty() || encoded.length() > MAX_HEADER_CHARS) {
      throw malformed("JWS header missing or too large");
    }
    try {
      return JSONObjectUtils.parse(new Base64URL(encoded).decodeToString());
    } catch (ParseException | IllegalArgumentException e) {
      throw malformed("JWS header is not a JSON object");
    }
  }

  private static Map<String, Object> jsonClaims(Payload payload) {
    String text = payload.toString();
    if (text == null || !text.stripLeading().startsWith("{")) {
      return Map.of();
    }
    try {
      return JSONObjectUtils.parse(text);
    } catch (ParseException e) {
      return Map.of();
    }
  }

  private static Instant instant(Object headerValue, Object claimValue, String name) {
    Object value = headerValue != null ? headerValue : claimValue;
    if (value == null) {
      return null;
    }
    // Bounded before Instant sees it: 1e300 or 2^63-1 threw DateTimeException (a 500); found while
    // writing JwsVerifierFuzzTest, its inputs replay it.
    if (value instanceof Number n
        && n.doubleValue() >= 0
        && n.doubleValue() <= MAX_NUMERIC_DATE.getEpochSecond()) {
      return Instant.ofEpochSecond(n.longValue());
    }
    throw malformed("JWS " + name + " is not a NumericDate between 1970 and " + MAX_NUMERIC_DATE);
  }

  private static String string(Object headerValue, Object claimValue) {
    Object value = headerValue != null ? headerValue : claimValue;
    return value instanceof String s ? s : null;
  }

  private static List<String> stringList(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    throw malformed("JWS crit must be an array");
  }

  private static SaphanException malformed(String detail) {
    return SaphanException.validation(ErrorCode.JWS_MALFORMED, detail);
  }
}
