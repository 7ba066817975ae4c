package org.saphan.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Decides which public key an inbound signature is checked with, and whether it is trusted, for the
 * three kinds of {@link Trust}.
 *
 * <p>Revocation (CRL/OCSP) is not checked: the sandbox CA publishes none. Production trust against
 * NRCA-issued certificates should add OCSP ({@code http://ocsp.nrca.go.th}) here.
 */
final class TrustChecks {

  /** The key an inbound signature is verified with. */
  record ResolvedKey(String kid, PublicKey publicKey, X509Certificate certificate, String jwkAlg) {}

  private TrustChecks() {}

  /**
   * For signatures that carry their certificate(s) (XML-DSig KeyInfo, CMS, JWS {@code x5c}): {@code
   * presented} holds the signer's certificate first, then any other certificates that came with it.
   * Returns the trusted signer certificate, or refuses with UNKNOWN_KEY, CERTIFICATE_UNTRUSTED,
   * CERTIFICATE_EXPIRED or CERTIFICATE_NOT_YET_VALID.
   */
  static X509Certificate trustedCertificate(
      Trust trust, List<X509Certificate> presented, Instant now) {
    if (presented == null || presented.isEmpty()) {
      throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "no signer certificate present");
    }
    X509Certificate leaf = presented.get(0);
    List<X509Certificate> chain = chainFrom(leaf, presented.subList(1, presented.size()));
    if (trust instanceof Trust.Pinned pinned) {
      if (!pinned.certificatesByKid().containsValue(leaf)) {
        throw SaphanException.validation(
            ErrorCode.CERTIFICATE_UNTRUSTED, "signer certificate is not pinned for this party");
      }
      checkValidity(leaf, now);
    } else if (trust instanceof Trust.Authorities authorities) {
      checkValidity(leaf, now);
      checkKeyUsage(leaf);
      validatePath(chain, authorities.anchors(), now);
    } else {
      String thumbprint = KeyIds.kid(leaf.getPublicKey());
      boolean known =
          allKeys((Trust.Jwks) trust).stream()
              .anyMatch(jwk -> thumbprint.equals(thumbprintOf(jwk)));
      if (!known) {
        throw SaphanException.validation(
            ErrorCode.CERTIFICATE_UNTRUSTED, "signer key is not in the party's JWK set");
      }
      checkValidity(leaf, now);
    }
    return leaf;
  }

  /** For JWS: the key named by {@code kid} (pinned, JWK set) or carried in {@code x5c} (CA). */
  static ResolvedKey jwsKey(Trust trust, String kid, String alg, List<Base64> x5c, Instant now) {
    if (trust instanceof Trust.Authorities authorities) {
      if (x5c == null || x5c.isEmpty()) {
        throw SaphanException.validation(
            ErrorCode.UNKNOWN_KEY, "JWS header has no x5c; required under CA trust");
      }
      List<X509Certificate> chain = new ArrayList<>();
      x5c.forEach(b -> chain.add(Pki.parseCertificate(b.decode())));
      X509Certificate leaf = trustedCertificate(authorities, chain, now);
      String resolvedKid = kid != null ? kid : KeyIds.kid(leaf.getPublicKey());
      return new ResolvedKey(resolvedKid, leaf.getPublicKey(), leaf, null);
    }
    if (kid == null) {
      throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "JWS header has no kid");
    }
    if (trust instanceof Trust.Pinned pinned) {
      X509Certificate cert = pinned.certificatesByKid().get(kid);
      if (cert == null) {
        throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "unknown kid " + kid);
      }
      checkValidity(cert, now);
      return new ResolvedKey(kid, cert.getPublicKey(), cert, null);
    }
    JWK jwk = select((Trust.Jwks) trust, kid, alg);
    X509Certificate cert = null;
    if (jwk.getX509CertChain() != null && !jwk.getX509CertChain().isEmpty()) {
      cert = Pki.parseCertificate(jwk.getX509CertChain().get(0).decode());
      checkValidity(cert, now);
    }
    String jwkAlg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
    return new ResolvedKey(kid, publicKeyOf(jwk), cert, jwkAlg);
  }

  /** Refuses an expired or not-yet-valid certificate with its own code. */
  static void checkValidity(X509Certificate certificate, Instant now) {
    try {
      certificate.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw SaphanException.validation(
          ErrorCode.CERTIFICATE_EXPIRED,
          "certificate "
              + certificate.getSubjectX500Principal().getName()
              + " expired at "
              + certificate.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw SaphanException.validation(
          ErrorCode.CERTIFICATE_NOT_YET_VALID,
          "certificate "
              + certificate.getSubjectX500Principal().getName()
              + " is valid only from "
              + certificate.getNotBefore().toInstant());
    }
  }

  private static void checkKeyUsage(X509Certificate leaf) {
    boolean[] usage = leaf.getKeyUsage();
    if (usage != null && !(usage[0] || usage[1])) {
      throw SaphanException.validation(
          ErrorCode.CERTIFICATE_UNTRUSTED, "signer certificate is not for digital signatures");
    }
  }

  private static void validatePath(
      List<X509Certificate> chain, List<X509Certificate> anchorCerts, Instant now) {
    Set<TrustAnchor> anchors = new HashSet<>();
    anchorCerts.forEach(a -> anchors.add(new TrustAnchor(a, null)));
    List<X509Certificate> path = new ArrayList<>(chain);
    path.removeIf(anchorCerts::contains);
    if (path.isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.CERTIFICATE_UNTRUSTED, "a CA certificate cannot sign messages");
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(now));
      PKIXCertPathValidatorResult result =
          (PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX").validate(certPath, params);
      X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
      if (anchor != null) {
        checkValidity(anchor, now);
      }
    } catch (CertPathValidatorException e) {
      if (e.getReason() == BasicReason.EXPIRED) {
        throw SaphanException.validation(
            ErrorCode.CERTIFICATE_EXPIRED, "certificate chain: " + e.getMessage());
      }
      if (e.getReason() == BasicReason.NOT_YET_VALID) {
        throw SaphanException.validation(
            ErrorCode.CERTIFICATE_NOT_YET_VALID, "certificate chain: " + e.getMessage());
      }
      throw SaphanException.validation(
          ErrorCode.CERTIFICATE_UNTRUSTED, "certificate chain not trusted: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw SaphanException.validation(
          ErrorCode.CERTIFICATE_UNTRUSTED, "certificate chain not trusted: " + e.getMessage());
    }
  }

  /** The signer certificate followed by its issuers found among {@code others}, by name. */
  static List<X509Certificate> chainFrom(X509Certificate leaf, List<X509Certificate> others) {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    X509Certificate current = leaf;
    while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
      X509Certificate issuer = null;
      for (X509Certificate c : others) {
        if (!chain.contains(c)
            && c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
          issuer = c;
          break;
        }
      }
      if (issuer == null) {
        break;
      }
      chain.add(issuer);
      current = issuer;
    }
    return chain;
  }

  /**
   * The certificates of an unordered bag (XML KeyInfo) with the end-entity first: the first one
   * that issued none of the others.
   */
  static List<X509Certificate> leafFirst(List<X509Certificate> certs) {
    for (X509Certificate c : certs) {
      boolean issuesAnother =
          certs.stream()
              .anyMatch(
                  o ->
                      o != c
                          && o.getIssuerX500Principal().equals(c.getSubjectX500Principal())
                          && !o.getSubjectX500Principal().equals(c.getSubjectX500Principal()));
      if (!issuesAnother) {
        List<X509Certificate> ordered = new ArrayList<>();
        ordered.add(c);
        certs.stream().filter(o -> o != c).forEach(ordered::add);
        return ordered;
      }
    }
    return certs;
  }

  /**
   * The signing JWK with this kid; where a key is published once per algorithm (the hub's RSA key:
   * RS256 and PS256), the entry for the JWS's {@code alg}, else one without {@code alg}.
   */
  private static JWK select(Trust.Jwks jwks, String kid, String alg) {
    List<JWK> matches;
    try {
      matches =
          jwks.source().get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
    } catch (com.nimbusds.jose.KeySourceException e) {
      throw SaphanException.system(ErrorCode.SERVICE_UNAVAILABLE, "party JWK set unavailable", e);
    }
    JWK first = null;
    for (JWK jwk : matches) {
      if ((jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()))
          && (jwk instanceof ECKey || jwk instanceof RSAKey)) {
        if (jwk.getAlgorithm() == null || alg == null || jwk.getAlgorithm().getName().equals(alg)) {
          return jwk;
        }
        first = first == null ? jwk : first;
      }
    }
    if (first != null) {
      // The caller refuses the algorithm with its own code (the key is for another one).
      return first;
    }
    throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "unknown kid " + kid);
  }

  private static List<JWK> allKeys(Trust.Jwks jwks) {
    try {
      return jwks.source().get(new JWKSelector(new JWKMatcher.Builder().build()), null);
    } catch (com.nimbusds.jose.KeySourceException e) {
      throw SaphanException.system(ErrorCode.SERVICE_UNAVAILABLE, "party JWK set unavailable", e);
    }
  }

  private static String thumbprintOf(JWK jwk) {
    try {
      return jwk.computeThumbprint("SHA-256").toString();
    } catch (JOSEException e) {
      return "";
    }
  }

  private static PublicKey publicKeyOf(JWK jwk) {
    try {
      if (jwk instanceof ECKey ec) {
        return ec.toECPublicKey();
      }
      return ((RSAKey) jwk).toRSAPublicKey();
    } catch (JOSEException e) {
      throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "unusable JWK " + jwk.getKeyID());
    }
  }
}
