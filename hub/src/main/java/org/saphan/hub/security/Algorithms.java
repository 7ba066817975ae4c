package org.saphan.hub.security;

import java.util.Locale;
import java.util.Set;

/**
 * Every signature, digest and canonicalisation algorithm name the hub speaks, in one place, with
 * the default allow-lists per signing policy and the names that are never allowed.
 */
public final class Algorithms {

  // --- JWS (RFC 7518) ---
  public static final String JWS_ES256 = "ES256";
  public static final String JWS_PS256 = "PS256";

  /**
   * JOSE name of RSASSA-PKCS1-v1_5 with SHA-256: what XML-DSig {@link #XML_RSA_SHA256} and CMS
   * {@link #CMS_SHA256_RSA} compute. The hub publishes its RSA key under it; it signs no JWS with
   * it, and accepts none inbound unless a card lists it.
   */
  public static final String JOSE_RS256 = "RS256";

  /** JOSE name of RSASSA-PKCS1-v1_5 with SHA-512: XML-DSig RSA-SHA512, CMS SHA512withRSA. */
  public static final String JOSE_RS512 = "RS512";

  // --- XML-DSig (RFC 6931 / XML-DSig 1.1 URIs) ---
  public static final String XML_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  public static final String XML_RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
  public static final String XML_ECDSA_SHA256 =
      "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
  public static final String XML_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  public static final String XML_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
  public static final String XML_SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";
  public static final String XML_EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
  public static final String XML_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
  public static final String XML_C14N11 = "http://www.w3.org/2006/12/xml-c14n11";
  public static final String XML_ENVELOPED_SIGNATURE =
      "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
  public static final String XML_DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

  // --- OASIS Web Services Security 1.0 / 1.1, X.509 token profile ---
  public static final String WSSE_NS =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  public static final String WSU_NS =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  public static final String WSS_X509V3 =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
  public static final String WSS_BASE64_BINARY =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

  // --- CMS / JCA signature names ---
  public static final String CMS_SHA256_ECDSA = "SHA256withECDSA";
  public static final String CMS_SHA256_RSA = "SHA256withRSA";
  public static final String CMS_SHA512_RSA = "SHA512withRSA";

  /** JWS algorithms inbound verification accepts unless a card narrows the list. */
  public static final Set<String> DEFAULT_JWS = Set.of(JWS_ES256, JWS_PS256);

  /** XML-DSig signature methods accepted by default (ETDA e-Tax uses RSA-SHA512). */
  public static final Set<String> DEFAULT_XMLDSIG =
      Set.of(XML_RSA_SHA256, XML_RSA_SHA512, XML_ECDSA_SHA256);

  /** CMS signature algorithms accepted by default. */
  public static final Set<String> DEFAULT_CMS =
      Set.of(CMS_SHA256_ECDSA, CMS_SHA256_RSA, CMS_SHA512_RSA);

  /** XML-DSig digest methods accepted on a Reference (SHA-1 and MD5 never). */
  public static final Set<String> XML_DIGESTS = Set.of(XML_SHA256, XML_SHA384, XML_SHA512);

  /** Canonicalisation methods accepted for SignedInfo and as a Reference transform. */
  public static final Set<String> XML_CANONICALIZATIONS =
      Set.of(XML_EXC_C14N, XML_C14N, XML_C14N11);

  /** CMS digest algorithms accepted (by JCA name). */
  public static final Set<String> CMS_DIGESTS = Set.of("SHA256", "SHA384", "SHA512");

  private Algorithms() {}

  /** The default inbound allow-list for a signing policy (empty for {@code none}). */
  public static Set<String> defaultsFor(SigningPolicy policy) {
    return switch (policy) {
      case JWS -> DEFAULT_JWS;
      case XMLDSIG, WSS_X509 -> DEFAULT_XMLDSIG;
      case CMS -> DEFAULT_CMS;
      case NONE -> Set.of();
    };
  }

  /**
   * True for names no configuration may ever allow: {@code none}, anything HMAC (a verifier holding
   * a public key must never treat it as a shared secret), SHA-1 and MD5 based names.
   */
  public static boolean isForbidden(String algorithm) {
    if (algorithm == null || algorithm.isBlank()) {
      return true;
    }
    String a = algorithm.trim().toLowerCase(Locale.ROOT);
    return a.equals("none")
        || a.startsWith("hs")
        || a.contains("hmac")
        || a.contains("sha1")
        || a.contains("sha-1")
        || a.contains("md5")
        || a.equals("rs1");
  }
}
