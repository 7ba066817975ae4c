package org.saphan.sandbox.agency;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.saphan.sandbox.common.PartyKey;

/**
 * Signs DOAE's result files: a detached CMS SignedData (DER), SHA-256 with RSA, by party {@code
 * doae}'s key with its certificate inside; or, for the {@code bad-signature} fault, by a throw-away
 * key of the same shape that is not DOAE's (made once, on first use).
 */
final class DoaeResultSigner {

  private final Supplier<PartyKey> doae;
  private final Clock clock;
  private KeyPair strangerKey;
  private X509Certificate strangerCertificate;

  /**
   * @param doae DOAE's key ({@code PartyKeys.get("doae")}), read when the first file is signed
   */
  DoaeResultSigner(Supplier<PartyKey> doae, Clock clock) {
    this.doae = doae;
    this.clock = clock;
  }

  /** The detached signature over {@code data} by DOAE's key. */
  byte[] sign(byte[] data) {
    PartyKey key = doae.get();
    return sign(data, key.privateKey(), key.certificate());
  }

  /** The detached signature over {@code data} by a key that is not DOAE's. */
  synchronized byte[] signAsStranger(byte[] data) {
    try {
      if (strangerKey == null) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        strangerKey = generator.generateKeyPair();
        strangerCertificate = selfSigned(strangerKey, "CN=not-doae, O=Saphan sandbox");
      }
      return sign(data, strangerKey.getPrivate(), strangerCertificate);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the throw-away signing key", e);
    }
  }

  private static byte[] sign(byte[] data, PrivateKey key, X509Certificate certificate) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(new JcaContentSignerBuilder("SHA256withRSA").build(key), certificate));
      generator.addCertificates(new JcaCertStore(List.of(certificate)));
      return generator.generate(new CMSProcessableByteArray(data), false).getEncoded();
    } catch (OperatorCreationException | GeneralSecurityException | CMSException | IOException e) {
      throw new IllegalStateException("cannot sign the result file", e);
    }
  }

  private X509Certificate selfSigned(KeyPair key, String subject)
      throws GeneralSecurityException, OperatorCreationException {
    X500Name name = new X500Name(subject);
    Instant now = clock.instant();
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    name,
                    key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
  }
}
