package org.saphan.sandbox.epayment;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.saphan.sandbox.web.SandboxException;
import org.springframework.http.HttpStatus;

/**
 * The gateway's keys: the {@code epayment} party key from the key directory, read on first use (the
 * sandbox starts without a key directory; payments then fail with {@code party_key_unavailable}),
 * and, for the {@code untrustedReceiptKey} fault, a self-signed key no CA ever issued.
 */
public final class EpaymentKeys {

  /** The party name: file {@code private/party-epayment.p12}, alias {@code epayment}. */
  public static final String PARTY = "epayment";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path keysDir;
  private final char[] password;
  private PartyKey epayment;
  private PartyKey untrusted;

  public EpaymentKeys(Path keysDir, char[] password) {
    this.keysDir = keysDir;
    this.password = password.clone();
  }

  /**
   * The {@code epayment} key.
   *
   * @throws SandboxException 503 {@code party_key_unavailable} when it cannot be read
   */
  public synchronized PartyKey epayment() {
    if (epayment == null) {
      if (password.length == 0) {
        throw unavailable("SAPHAN_KEYSTORE_PASSWORD is not set");
      }
      try {
        epayment = PartyKey.load(keysDir, PARTY, password);
      } catch (IllegalStateException e) {
        throw unavailable(e.getMessage());
      }
    }
    return epayment;
  }

  /** A self-signed RSA-3072 key, generated on first use and kept for the life of the gateway. */
  public synchronized PartyKey untrusted() {
    if (untrusted == null) {
      untrusted = selfSigned("Untrusted e-Payment");
    }
    return untrusted;
  }

  private static SandboxException unavailable(String why) {
    return new SandboxException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "party_key_unavailable",
        "the epayment party key cannot be read: " + why);
  }

  private static PartyKey selfSigned(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072, RANDOM);
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500Name("CN=" + commonName + ",O=Nobody,C=TH");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, RANDOM),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              name,
              pair.getPublic());
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(
              Extension.keyUsage,
              true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
      return new PartyKey(
          "untrusted", pair.getPrivate(), List.of(certificate), PartyKey.kid(certificate));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot make a self-signed key", e);
    }
  }
}
