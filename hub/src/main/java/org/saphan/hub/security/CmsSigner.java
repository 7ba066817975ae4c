package org.saphan.hub.security;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Signs files and byte payloads as detached CMS/PKCS#7 SignedData (Bouncy Castle): SHA-256, signed
 * attributes (content type, message digest, signing time), the signer certificate and its
 * intermediates included (not the root, which the verifier already trusts), DER encoded.
 */
public final class CmsSigner implements MessageSigner {

  /** The file name suffix of a detached signature next to its file. */
  public static final String P7S_SUFFIX = ".p7s";

  private final KeyRing keyRing;
  private final KeyFamily family;
  private final Clock clock;

  /**
   * @param keyRing where the current key comes from
   * @param family EC_P256 (SHA256withECDSA, the default) or RSA_3072 (SHA256withRSA)
   * @param clock the source of the signing-time attribute
   */
  public CmsSigner(KeyRing keyRing, KeyFamily family, Clock clock) {
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    this.family = Objects.requireNonNull(family, "family");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** EC P-256, SHA256withECDSA. */
  public CmsSigner(KeyRing keyRing, Clock clock) {
    this(keyRing, KeyFamily.EC_P256, clock);
  }

  @Override
  public SigningPolicy policy() {
    return SigningPolicy.CMS;
  }

  @Override
  public SignedMessage sign(byte[] payload) {
    SigningKey key = keyRing.current(family);
    byte[] p7s = generate(key, new CMSProcessableByteArray(payload));
    return new SignedMessage(SigningPolicy.CMS, family.cmsAlgorithm(), key.kid(), payload, p7s);
  }

  /** The DER detached signature of {@code content}. */
  public byte[] signDetached(byte[] content) {
    return generate(keyRing.current(family), new CMSProcessableByteArray(content));
  }

  /**
   * A detached signature of a file and the key that made it.
   *
   * @param p7s the DER {@code .p7s}
   * @param kid the signing key's id
   */
  public record FileSignature(byte[] p7s, String kid) {}

  /** The detached signature of a file, streamed through the digest, with the signing key's id. */
  public FileSignature signFileDetached(Path file) {
    SigningKey key = keyRing.current(family);
    return new FileSignature(generate(key, new CMSProcessableFile(file.toFile())), key.kid());
  }

  /**
   * Signs a file, streaming it through the digest, and writes {@code <file>.p7s} next to it.
   *
   * @return the path of the signature file
   */
  public Path signFile(Path file) {
    byte[] p7s = generate(keyRing.current(family), new CMSProcessableFile(file.toFile()));
    Path target = file.resolveSibling(file.getFileName() + P7S_SUFFIX);
    Path tmp = file.resolveSibling(file.getFileName() + P7S_SUFFIX + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(p7s);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "cannot write " + target.getFileName(), e);
    }
    return target;
  }

  private byte[] generate(SigningKey key, CMSTypedData content) {
    try {
      JcaContentSignerBuilder builder = new JcaContentSignerBuilder(family.cmsAlgorithm());
      Provider provider = CryptoProviders.forSigning(key.privateKey());
      if (provider != null) {
        builder.setProvider(provider);
      }
      ContentSigner signer = builder.build(key.privateKey());
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      AttributeTable signingTime =
          new AttributeTable(
              new Attribute(
                  CMSAttributes.signingTime,
                  new DERSet(new Time(Date.from(clock.instant()), Locale.ROOT))));
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(
                  new JcaDigestCalculatorProviderBuilder()
                      .setProvider(CryptoProviders.bouncyCastle())
                      .build())
              .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
              .build(signer, key.certificate()));
      List<X509Certificate> included =
          key.chain().stream()
              .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
              .toList();
      generator.addCertificates(new JcaCertStore(included));
      CMSSignedData signed = generator.generate(content, false);
      return signed.getEncoded(ASN1Encoding.DER);
    } catch (OperatorCreationException
        | CertificateEncodingException
        | CMSException
        | IOException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "CMS signing failed", e);
    }
  }
}
