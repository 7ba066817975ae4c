package org.saphan.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * The hub's key-id scheme: {@code kid} = base64url (no padding) of the RFC 7638 SHA-256 JWK
 * thumbprint of the public key.
 *
 * <p>Why: anyone holding the public key or certificate can recompute it (jose4j, Nimbus, openssl +
 * jq), it is stable across re-issued certificates for the same key, and a new key always gets a new
 * kid, which is what rotation needs.
 */
public final class KeyIds {

  private KeyIds() {}

  /** The kid of a public key (EC or RSA). */
  public static String kid(PublicKey publicKey) {
    try {
      return publicJwk(publicKey).computeThumbprint("SHA-256").toString();
    } catch (JOSEException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot compute key id", e);
    }
  }

  /** The kid of a certificate's public key. */
  public static String kid(X509Certificate certificate) {
    return kid(certificate.getPublicKey());
  }

  /**
   * The public JWK for a certificate chain (leaf first): kid, {@code use=sig}, {@code alg} of its
   * family, {@code x5c} with the chain.
   */
  public static JWK publicJwk(List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    List<Base64> x5c = new ArrayList<>();
    try {
      for (X509Certificate c : chain) {
        x5c.add(Base64.encode(c.getEncoded()));
      }
    } catch (CertificateEncodingException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot encode certificate", e);
    }
    PublicKey key = leaf.getPublicKey();
    String kid = kid(key);
    if (key instanceof ECPublicKey ec) {
      return new ECKey.Builder(Curve.P_256, ec)
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .x509CertChain(x5c)
          .expirationTime(leaf.getNotAfter())
          .build();
    }
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa)
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.PS256)
          .x509CertChain(x5c)
          .expirationTime(leaf.getNotAfter())
          .build();
    }
    throw SaphanException.validation(
        ErrorCode.ALGORITHM_NOT_ALLOWED, "unsupported key algorithm " + key.getAlgorithm());
  }

  private static JWK publicJwk(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      if (curve == null) {
        throw SaphanException.validation(ErrorCode.ALGORITHM_NOT_ALLOWED, "unsupported EC curve");
      }
      return new ECKey.Builder(curve, ec).build();
    }
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    throw SaphanException.validation(
        ErrorCode.ALGORITHM_NOT_ALLOWED, "unsupported key algorithm " + key.getAlgorithm());
  }
}
