package org.saphan.sandbox.common;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Key ids as the contract defines them: the RFC 7638 SHA-256 JWK thumbprint of the public key,
 * base64url without padding. Anyone holding the key or its certificate can recompute it.
 */
public final class KeyIds {

  private KeyIds() {}

  /** The kid of an EC (P-256, P-384, P-521) or RSA public key. */
  public static String kid(PublicKey key) {
    try {
      return publicJwk(key).computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot compute the thumbprint of this key", e);
    }
  }

  /** The kid of the key material of a JWK (its own {@code kid} member is ignored). */
  public static String kid(JWK jwk) {
    try {
      return jwk.computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot compute the thumbprint of this key", e);
    }
  }

  /** The bare public JWK of a key (no kid, use or alg). */
  public static JWK publicJwk(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      if (curve == null) {
        throw new IllegalArgumentException("unsupported EC curve");
      }
      return new ECKey.Builder(curve, ec).build();
    }
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
  }
}
