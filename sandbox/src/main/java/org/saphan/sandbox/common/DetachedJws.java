package org.saphan.sandbox.common;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.saphan.sandbox.common.SignatureRejectedException.Reason;

/**
 * The {@code X-JWS-Signature} header of the wire contract: an RFC 7515 Appendix F detached compact
 * JWS ({@code header..signature}) over the exact body bytes with the standard {@code b64=true}
 * signing input. Protected header: {@code alg}, {@code kid}, {@code iat} (epoch seconds), {@code
 * jti} (unique per message).
 */
public final class DetachedJws {

  /** The HTTP header carrying the signature. */
  public static final String HEADER = "X-JWS-Signature";

  /** Header parameter: issued-at, epoch seconds. */
  public static final String IAT = "iat";

  /** Header parameter: unique message id for replay detection. */
  public static final String JTI = "jti";

  /** The only algorithms a receiver accepts (never {@code none}, never HMAC). */
  public static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS =
      Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256);

  private static final SecureRandom RANDOM = new SecureRandom();

  private DetachedJws() {}

  /**
   * A parsed detached JWS, not yet verified.
   *
   * @param header the protected header
   * @param encodedHeader the header exactly as received (part of the signing input)
   * @param signature the signature part
   */
  public record Parsed(JWSHeader header, Base64URL encodedHeader, Base64URL signature) {

    public String kid() {
      return header.getKeyID();
    }

    /** {@code iat} in epoch seconds, or null when absent or not a number. */
    public Long iat() {
      return header.getCustomParam(IAT) instanceof Number n ? n.longValue() : null;
    }

    /** {@code jti}, or null when absent or not a string. */
    public String jti() {
      return header.getCustomParam(JTI) instanceof String s ? s : null;
    }
  }

  /** Signs a body with a party's key (ES256 for EC, PS256 for RSA), a fresh jti and iat = now. */
  public static String sign(byte[] body, PartyKey key, Instant now) {
    return sign(body, key.privateKey(), key.kid(), key.jwsAlgorithm(), now, newJti());
  }

  /**
   * Signs a body as the hub signs a delivery: with its authorisation ({@code {"lawfulBasis": ..,
   * "consentRecordId": ..}}) as the protected-header parameter {@value
   * HubAuthorisation#JWS_HEADER}.
   */
  public static String sign(
      byte[] body, PartyKey key, Instant now, Map<String, Object> authorisation) {
    return sign(
        body, key.privateKey(), key.kid(), key.jwsAlgorithm(), now, newJti(), authorisation);
  }

  /** Signs a body with every header value given (tests use it to forge bad headers). */
  public static String sign(
      byte[] body, PrivateKey key, String kid, JWSAlgorithm alg, Instant iat, String jti) {
    return sign(body, key, kid, alg, iat, jti, null);
  }

  private static String sign(
      byte[] body,
      PrivateKey key,
      String kid,
      JWSAlgorithm alg,
      Instant iat,
      String jti,
      Map<String, Object> authorisation) {
    JWSHeader.Builder builder =
        new JWSHeader.Builder(alg)
            .keyID(kid)
            .customParam(IAT, iat.getEpochSecond())
            .customParam(JTI, jti);
    if (authorisation != null) {
      builder.customParam(HubAuthorisation.JWS_HEADER, authorisation);
    }
    JWSObject jws = new JWSObject(builder.build(), new Payload(body));
    try {
      jws.sign(signer(key, alg));
    } catch (JOSEException e) {
      throw new IllegalStateException("JWS signing failed", e);
    }
    return jws.serialize(true);
  }

  /**
   * Parses {@code header..signature}.
   *
   * @throws SignatureRejectedException {@code MISSING} for an empty value, {@code MALFORMED} for
   *     anything that is not a detached compact JWS with a b64=true JWS header
   */
  public static Parsed parse(String value) {
    if (value == null || value.isBlank()) {
      throw new SignatureRejectedException(Reason.MISSING, "no " + HEADER);
    }
    String[] parts = value.trim().split("\\.", -1);
    if (parts.length != 3 || !parts[1].isEmpty() || parts[0].isEmpty() || parts[2].isEmpty()) {
      throw new SignatureRejectedException(
          Reason.MALFORMED, "expected a detached compact JWS <header>..<signature>");
    }
    JWSHeader header;
    try {
      header = JWSHeader.parse(new Base64URL(parts[0]));
    } catch (ParseException | RuntimeException e) {
      throw new SignatureRejectedException(Reason.MALFORMED, "unreadable JWS header");
    }
    if (!header.isBase64URLEncodePayload()
        || (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty())) {
      throw new SignatureRejectedException(
          Reason.MALFORMED, "b64=false and critical header parameters are not accepted");
    }
    return new Parsed(header, new Base64URL(parts[0]), new Base64URL(parts[2]));
  }

  /** Checks the signature of a parsed JWS over the body bytes; no freshness or replay checks. */
  public static boolean verifies(Parsed parsed, byte[] body, JWSVerifier verifier) {
    try {
      JWSObject jws = new JWSObject(parsed.encodedHeader(), new Payload(body), parsed.signature());
      return jws.verify(verifier);
    } catch (ParseException | JOSEException | RuntimeException e) {
      return false;
    }
  }

  /** 128 random bits, base64url. */
  public static String newJti() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64URL.encode(bytes).toString();
  }

  private static JWSSigner signer(PrivateKey key, JWSAlgorithm alg) throws JOSEException {
    if (JWSAlgorithm.Family.EC.contains(alg)) {
      return new ECDSASigner((ECPrivateKey) key);
    }
    return new RSASSASigner(key);
  }
}
