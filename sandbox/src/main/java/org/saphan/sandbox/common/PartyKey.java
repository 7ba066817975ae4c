package org.saphan.sandbox.common;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * A sandbox party's signing key with its certificate chain (leaf first).
 *
 * @param name the party name, e.g. {@code agency-rest}
 * @param privateKey the signing key
 * @param chain the certificate chain, leaf first
 * @param kid RFC 7638 thumbprint of the public key
 */
public record PartyKey(
    String name, PrivateKey privateKey, List<X509Certificate> chain, String kid) {

  public PartyKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a party key needs its certificate");
    }
    Objects.requireNonNull(kid, "kid");
  }

  /** The party's own certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  public PublicKey publicKey() {
    return certificate().getPublicKey();
  }

  /** The JWS algorithm this party signs with: ES256 for EC keys, PS256 for RSA keys. */
  public JWSAlgorithm jwsAlgorithm() {
    return publicKey() instanceof ECPublicKey ? JWSAlgorithm.ES256 : JWSAlgorithm.PS256;
  }

  /** The public JWK with kid, {@code use=sig} and alg, as a receiver would publish or pin it. */
  public JWK publicJwk() {
    PublicKey key = publicKey();
    if (key instanceof ECPublicKey ec) {
      return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec)
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(jwsAlgorithm())
          .build();
    }
    return new RSAKey.Builder((RSAPublicKey) key)
        .keyID(kid)
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(jwsAlgorithm())
        .build();
  }
}
