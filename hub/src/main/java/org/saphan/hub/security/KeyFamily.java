package org.saphan.hub.security;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.Locale;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/** The two key types the hub signs with, and the algorithm each uses by default per policy. */
public enum KeyFamily {
  /** EC P-256: the default for JWS and CMS. */
  EC_P256(
      "EC", "ec", Algorithms.JWS_ES256, Algorithms.XML_ECDSA_SHA256, Algorithms.CMS_SHA256_ECDSA),
  /** RSA-3072: for XML-DSig where an agency mandates RSA (and JWS PS256 where a card asks). */
  RSA_3072(
      "RSA", "rsa", Algorithms.JWS_PS256, Algorithms.XML_RSA_SHA256, Algorithms.CMS_SHA256_RSA);

  private final String jcaName;
  private final String shortName;
  private final String jwsAlgorithm;
  private final String xmlSignatureMethod;
  private final String cmsAlgorithm;

  KeyFamily(
      String jcaName,
      String shortName,
      String jwsAlgorithm,
      String xmlSignatureMethod,
      String cmsAlgorithm) {
    this.jcaName = jcaName;
    this.shortName = shortName;
    this.jwsAlgorithm = jwsAlgorithm;
    this.xmlSignatureMethod = xmlSignatureMethod;
    this.cmsAlgorithm = cmsAlgorithm;
  }

  /** The JCA key algorithm name ({@code EC} or {@code RSA}). */
  public String jcaName() {
    return jcaName;
  }

  /** The key algorithm as people write it ({@code EC-P256}, {@code RSA-3072}). */
  public String displayName() {
    return this == EC_P256 ? "EC-P256" : "RSA-3072";
  }

  /** The short name used on the command line ({@code ec} or {@code rsa}). */
  public String shortName() {
    return shortName;
  }

  /** The JWS {@code alg} this family signs with. */
  public String jwsAlgorithm() {
    return jwsAlgorithm;
  }

  /**
   * The JOSE {@code alg} names the family's key is published under in the JWKS, one JWK each: what
   * the key actually signs. RSA signs XML-DSig and CMS with PKCS#1 v1.5 ({@code RS256}, and {@code
   * RS512} where a card asks for SHA-512) and JWS with PSS ({@code PS256}).
   */
  public List<String> publishedAlgorithms() {
    return this == EC_P256
        ? List.of(Algorithms.JWS_ES256)
        : List.of(Algorithms.JOSE_RS256, Algorithms.JOSE_RS512, Algorithms.JWS_PS256);
  }

  /** The default XML-DSig SignatureMethod URI for this family. */
  public String xmlSignatureMethod() {
    return xmlSignatureMethod;
  }

  /** The CMS (JCA) signature algorithm for this family. */
  public String cmsAlgorithm() {
    return cmsAlgorithm;
  }

  /** The family of a key; refuses anything but EC and RSA. */
  public static KeyFamily of(Key key) {
    if (key instanceof ECKey || "EC".equals(key.getAlgorithm())) {
      return EC_P256;
    }
    if (key instanceof RSAKey || "RSA".equals(key.getAlgorithm())) {
      return RSA_3072;
    }
    throw SaphanException.validation(
        ErrorCode.ALGORITHM_NOT_ALLOWED, "unsupported key algorithm " + key.getAlgorithm());
  }

  /** Parses {@code ec}/{@code rsa} or the enum name. */
  public static KeyFamily parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (KeyFamily f : values()) {
      if (f.shortName.equals(v) || f.name().toLowerCase(Locale.ROOT).equals(v)) {
        return f;
      }
    }
    throw SaphanException.validation(
        ErrorCode.VALIDATION_FAILED, "unknown key family '" + value + "' (expected ec or rsa)");
  }
}
