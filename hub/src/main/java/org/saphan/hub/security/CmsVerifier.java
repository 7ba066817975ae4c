package org.saphan.hub.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Verifies detached CMS/PKCS#7 signatures ({@code .p7s}) against a party's rules: one signer,
 * digest and signature algorithm on the allow-list, signer certificate trusted (pinned, CA or JWK
 * set), signature and message digest over the given content, signing time not in the future beyond
 * the clock skew.
 *
 * <p>No freshness limit applies: files are verified long after they were signed. Replay of files is
 * the batch layer's concern (file ids), not this verifier's.
 */
public final class CmsVerifier implements SignatureVerifier {

  private static final Map<String, String> SIGNATURE_FAMILIES =
      Map.of(
          "1.2.840.113549.1.1.1", "RSA",
          "1.2.840.113549.1.1.11", "RSA",
          "1.2.840.113549.1.1.12", "RSA",
          "1.2.840.113549.1.1.13", "RSA",
          "1.2.840.113549.1.1.10", "RSAandMGF1",
          "1.2.840.10045.2.1", "ECDSA",
          "1.2.840.10045.4.3.2", "ECDSA",
          "1.2.840.10045.4.3.3", "ECDSA",
          "1.2.840.10045.4.3.4", "ECDSA");

  private final Clock clock;

  public CmsVerifier(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public SigningPolicy policy() {
    return SigningPolicy.CMS;
  }

  /** Verifies {@code detachedSignature} (DER or BER {@code .p7s}) over {@code body}. */
  @Override
  public VerifiedSignature verify(byte[] body, byte[] detachedSignature, VerificationRules rules) {
    byte[] content = body == null ? new byte[0] : body;
    return verify(new CMSProcessableByteArray(content), detachedSignature, rules, content);
  }

  /**
   * Verifies {@code file} against {@code <file>.p7s} (or the given signature file), streaming the
   * file through the digest. The returned content is empty: process the file itself.
   */
  public VerifiedSignature verifyFile(Path file, Path signatureFile, VerificationRules rules) {
    byte[] p7s;
    try {
      p7s = Files.exists(signatureFile) ? Files.readAllBytes(signatureFile) : null;
    } catch (IOException e) {
      throw SaphanException.wrap(
          ErrorCode.CMS_MALFORMED, "cannot read " + signatureFile.getFileName(), e);
    }
    return verify(new CMSProcessableFile(file.toFile()), p7s, rules, new byte[0]);
  }

  private VerifiedSignature verify(
      CMSTypedData content, byte[] p7s, VerificationRules rules, byte[] returnedContent) {
    if (rules.policy() != SigningPolicy.CMS) {
      throw new IllegalArgumentException("rules are for " + rules.policy().cardName());
    }
    if (p7s == null || p7s.length == 0) {
      throw SaphanException.validation(ErrorCode.SIGNATURE_MISSING, "no CMS signature present");
    }
    CMSSignedData signed;
    try {
      signed = new CMSSignedData(content, p7s);
    } catch (CMSException | RuntimeException e) {
      throw SaphanException.validation(
          ErrorCode.CMS_MALFORMED, "not a CMS SignedData structure: " + e.getMessage());
    }
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    if (signers.isEmpty()) {
      throw SaphanException.validation(ErrorCode.SIGNATURE_MISSING, "CMS has no signer");
    }
    if (signers.size() > 1) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_INVALID, "exactly one CMS signer expected, found " + signers.size());
    }
    SignerInformation signer = signers.iterator().next();
    String algorithm = algorithmName(signer);
    rules.requireAllowed(algorithm);

    Instant now = clock.instant();
    X509Certificate certificate =
        TrustChecks.trustedCertificate(
            rules.trust(), presented(signed, signer, rules.trust()), now);
    Instant signingTime = signingTime(signer);
    if (signingTime != null) {
      if (signingTime.isAfter(now.plus(rules.maxClockSkew()))) {
        throw SaphanException.validation(
            ErrorCode.CLOCK_SKEW, "CMS signing time " + signingTime + " is in the future");
      }
      TrustChecks.checkValidity(certificate, signingTime);
    }
    try {
      JcaSimpleSignerInfoVerifierBuilder builder = new JcaSimpleSignerInfoVerifierBuilder();
      Provider provider = CryptoProviders.forVerifying(certificate.getPublicKey());
      if (provider != null) {
        builder.setProvider(provider);
      }
      if (!signer.verify(builder.build(certificate))) {
        throw SaphanException.validation(ErrorCode.SIGNATURE_INVALID, "CMS signature invalid");
      }
    } catch (CMSException | OperatorCreationException | RuntimeException e) {
      if (e instanceof SaphanException s) {
        throw s;
      }
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_INVALID, "CMS signature invalid: " + e.getMessage());
    }
    return new VerifiedSignature(
        SigningPolicy.CMS,
        algorithm,
        KeyIds.kid(certificate.getPublicKey()),
        certificate,
        signingTime,
        null,
        returnedContent);
  }

  private static String algorithmName(SignerInformation signer) {
    String digest =
        new DefaultAlgorithmNameFinder()
            .getAlgorithmName(new ASN1ObjectIdentifier(signer.getDigestAlgOID()))
            .replace("-", "");
    if (!Algorithms.CMS_DIGESTS.contains(digest)) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED, "CMS digest " + digest + " not allowed");
    }
    String family = SIGNATURE_FAMILIES.get(signer.getEncryptionAlgOID());
    if (family == null) {
      throw SaphanException.validation(
          ErrorCode.ALGORITHM_NOT_ALLOWED,
          "CMS signature algorithm " + signer.getEncryptionAlgOID() + " not allowed");
    }
    return digest + "with" + family;
  }

  /** The signer's certificate first (from the CMS, or pinned), then the other certificates. */
  @SuppressWarnings("unchecked")
  private static List<X509Certificate> presented(
      CMSSignedData signed, SignerInformation signer, Trust trust) {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    Store<X509CertificateHolder> store = signed.getCertificates();
    List<X509Certificate> out = new ArrayList<>();
    try {
      // SignerId is a raw Selector, so the matches come back untyped.
      for (Object holder : store.getMatches(signer.getSID())) {
        out.add(converter.getCertificate((X509CertificateHolder) holder));
        break;
      }
      if (out.isEmpty() && trust instanceof Trust.Pinned pinned) {
        for (X509Certificate c : pinned.certificatesByKid().values()) {
          if (signer.getSID().match(new JcaX509CertificateHolder(c))) {
            out.add(c);
            break;
          }
        }
      }
      if (out.isEmpty()) {
        throw SaphanException.validation(
            ErrorCode.UNKNOWN_KEY, "the CMS signer's certificate is neither included nor pinned");
      }
      for (Object holder : store.getMatches(null)) {
        X509Certificate c = converter.getCertificate((X509CertificateHolder) holder);
        if (!c.equals(out.get(0))) {
          out.add(c);
        }
      }
    } catch (CertificateException e) {
      throw SaphanException.validation(
          ErrorCode.CMS_MALFORMED, "unparseable certificate in CMS: " + e.getMessage());
    }
    return out;
  }

  private static Instant signingTime(SignerInformation signer) {
    AttributeTable attributes = signer.getSignedAttributes();
    if (attributes == null) {
      return null;
    }
    Attribute attribute = attributes.get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      return null;
    }
    try {
      return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (IllegalArgumentException e) {
      throw SaphanException.validation(ErrorCode.CMS_MALFORMED, "unparseable CMS signing time");
    }
  }
}
