package org.saphan.sandbox.epayment;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code X-JWS-Signature} of an HTTP body: an RFC 7515 Appendix F detached compact JWS ({@code
 * b64=true}) over the exact body bytes, PS256, protected header {@code alg}, {@code kid}, {@code
 * iat} and {@code jti}.
 */
public final class DetachedJws {

  /** The HTTP header that carries the signature. */
  public static final String HEADER = "X-JWS-Signature";

  private DetachedJws() {}

  /** {@code <protected header>..<signature>}; a fresh {@code jti} on every call. */
  public static String sign(byte[] body, PartyKey key, Instant now) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.PS256)
            .keyID(key.kid())
            .customParam("iat", now.getEpochSecond())
            .customParam("jti", UUID.randomUUID().toString())
            .build();
    JWSObject jws = new JWSObject(header, new Payload(body));
    try {
      jws.sign(new RSASSASigner(key.privateKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with the " + key.party() + " key", e);
    }
    return jws.serialize(true);
  }
}
