package org.saphan.evidence.verifier;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;

/**
 * Checks the two kinds of seal docs/evidence.md uses: an RFC 3161 answer over a manifest and the
 * detached CMS signature over an archive manifest, each against the published certificates.
 */
final class Seals {

  /** What a seal check concluded: the time it vouches for and who made it, or why it fails. */
  record Result(Instant time, String signer, String error) {
    boolean ok() {
      return error == null;
    }

    static Result failed(String error) {
      return new Result(null, null, error);
    }
  }

  private static final Provider BC = new BouncyCastleProvider();

  private final Certificates published;

  Seals(Certificates published) {
    this.published = published;
  }

  /**
   * Verifies a TSA answer ({@code TimeStampResp}, DER, as received) over {@code stamped}: granted,
   * a SHA-256 imprint of exactly those bytes, signed by a certificate whose extended key usage is
   * {@code timeStamping} alone and critical, valid at the stamped time and issued under a published
   * CA.
   */
  Result token(byte[] stamped, byte[] tsr) {
    TimeStampToken token;
    try {
      TimeStampResponse response = new TimeStampResponse(tsr);
      if (response.getStatus() > 1) {
        return Result.failed(
            "the TSA refused (status "
                + response.getStatus()
                + ": "
                + response.getStatusString()
                + ")");
      }
      token = response.getTimeStampToken();
      if (token == null) {
        return Result.failed("the TSA answer holds no token");
      }
    } catch (TSPException | IOException | RuntimeException e) {
      return Result.failed("not an RFC 3161 TimeStampResp (" + e.getMessage() + ")");
    }
    var info = token.getTimeStampInfo();
    if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
      return Result.failed("the imprint is not SHA-256 but " + info.getMessageImprintAlgOID());
    }
    if (!Arrays.equals(info.getMessageImprintDigest(), Sha256.of(stamped))) {
      return Result.failed("the token stamps other bytes than the manifest's (imprint differs)");
    }
    X509Certificate signer = signer(token.getSID(), token.getCertificates());
    if (signer == null) {
      return Result.failed("the TSA's certificate is neither in the token nor published");
    }
    try {
      // signature, the certificate valid at genTime, its EKU timeStamping alone and critical
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(signer));
    } catch (TSPException | OperatorCreationException | RuntimeException e) {
      return Result.failed("the token does not verify: " + e.getMessage());
    }
    String path =
        published.validate(
            signer,
            certificates(token.getCertificates()),
            info.getGenTime(),
            Certificates.TIME_STAMPING);
    if (path != null) {
      return Result.failed("the TSA's " + path);
    }
    return new Result(
        info.getGenTime().toInstant(), signer.getSubjectX500Principal().getName(), null);
  }

  /**
   * Verifies a detached CMS SignedData over {@code content}: every signer's signature, its
   * certificate valid at the signing time and issued under a published CA.
   */
  Result cms(byte[] content, byte[] p7s) {
    CMSSignedData signed;
    try {
      signed = new CMSSignedData(new CMSProcessableByteArray(content), p7s);
    } catch (CMSException | RuntimeException e) {
      return Result.failed("not a CMS SignedData (" + e.getMessage() + ")");
    }
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    if (signers.isEmpty()) {
      return Result.failed("the CMS signature has no signer");
    }
    Instant time = null;
    String name = null;
    for (SignerInformation info : signers) {
      X509Certificate signer = signer(info.getSID(), signed.getCertificates());
      if (signer == null) {
        return Result.failed("the signer's certificate is neither in the signature nor published");
      }
      try {
        if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(signer))) {
          return Result.failed("the signature does not match the signed file");
        }
      } catch (CMSException | OperatorCreationException | RuntimeException e) {
        return Result.failed("the signature does not verify: " + e.getMessage());
      }
      Date at = signingTime(info);
      String path = published.validate(signer, certificates(signed.getCertificates()), at, null);
      if (path != null) {
        return Result.failed("the signer's " + path);
      }
      time = at.toInstant();
      name = signer.getSubjectX500Principal().getName();
    }
    return new Result(time, name, null);
  }

  private static Date signingTime(SignerInformation info) {
    Attribute attribute =
        info.getSignedAttributes() == null
            ? null
            : info.getSignedAttributes().get(CMSAttributes.signingTime);
    if (attribute == null) {
      return new Date();
    }
    return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate();
  }

  /** The signer's certificate: from the seal itself, else from the published ones. */
  private X509Certificate signer(SignerId id, Store<X509CertificateHolder> carried) {
    for (Object holder : carried.getMatches(id)) { // SignerId is a raw Selector
      return convert((X509CertificateHolder) holder);
    }
    for (X509Certificate c : published.all()) {
      try {
        if (id.match(new JcaX509CertificateHolder(c))) {
          return c;
        }
      } catch (GeneralSecurityException e) {
        // unreadable published certificate: it cannot be the signer
      }
    }
    return null;
  }

  private static List<X509Certificate> certificates(Store<X509CertificateHolder> store) {
    List<X509Certificate> list = new ArrayList<>();
    for (X509CertificateHolder holder : store.getMatches(null)) {
      X509Certificate c = convert(holder);
      if (c != null) {
        list.add(c);
      }
    }
    return list;
  }

  private static X509Certificate convert(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }
}
