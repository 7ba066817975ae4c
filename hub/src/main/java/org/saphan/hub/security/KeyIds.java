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
   * The {@code kid} of a compact JWS (detached or not), read from its protected header without
   * verifying anything (nor requiring anything else of the header); null when there is none or the
   * header is unreadable.
   */
  public static String ofJws(String compactJws) {
    int dot = compactJws == null ? -1 : compactJws.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      Object kid =
          com.nimbusds.jose.util.JSONObjectUtils.parse(
                  new com.nimbusds.jose.util.Base64URL(compactJws.substring(0, dot))
                      .decodeToString())
              .get("kid");
      return kid instanceof String text ? text : null;
    } catch (java.text.ParseException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The public JWKs for a certificate chain (leaf first), one per algorithm the key signs with:
   * kid, {@code use=sig}, {@code alg}, {@code x5c} with the chain.
   *
   * <p>An EC key signs ES256 only. An RSA key signs XML-DSig RSA-SHA256 and CMS SHA256withRSA
   * (PKCS#1 v1.5, JOSE name {@code RS256}; SHA-512 variants {@code RS512}) and, where a card asks
   * for it, JWS PS256 (RSASSA-PSS), so it is published once per algorithm with the same kid: {@code
   * RS256} first, then {@code RS512}, then {@code PS256}. A party that selects keys by kid and alg
   * (RFC 7517 section 4.4) then finds the key for what it verifies.
   */
  public static List<JWK> publicJwks(List<X509Certificate> chain) {
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
    List<JWK> jwks = new ArrayList<>();
    for (String alg : KeyFamily.of(key).publishedAlgorithms()) {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
      if (key instanceof ECPublicKey ec) {
        jwks.add(
            new ECKey.Builder(Curve.P_256, ec)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(algorithm)
                .x509CertChain(x5c)
                .expirationTime(leaf.getNotAfter())
                .build());
      } else if (key instanceof RSAPublicKey rsa) {
        jwks.add(
            new RSAKey.Builder(rsa)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(algorithm)
                .x509CertChain(x5c)
                .expirationTime(leaf.getNotAfter())
                .build());
      }
    }
    return jwks;
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
