package org.saphan.evidence.verifier;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * The tests' own PKI: a CA, the hub's archive signing key and an RFC 3161 TSA (critical extended
 * key usage timeStamping) issued by it, as {@code ./saphan keys init} makes them in the sandbox.
 */
final class EvidencePki {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
  private static final ASN1ObjectIdentifier POLICY =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");

  final KeyPair caKey = ec();
  final X509Certificate ca =
      certificate("Test CA", caKey.getPublic(), null, caKey.getPrivate(), true, false);
  final KeyPair hubKey = ec();
  final X509Certificate hub =
      certificate("Test hub", hubKey.getPublic(), ca, caKey.getPrivate(), false, false);
  final KeyPair tsaKey = ec();
  final X509Certificate tsa =
      certificate("Test TSA", tsaKey.getPublic(), ca, caKey.getPrivate(), false, true);

  /** The published certificates, as keys/public/ holds them. */
  Path writeCertificates(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("sandbox-ca.pem"), pem(ca));
    Files.writeString(dir.resolve("hub.pem"), pem(hub) + pem(ca));
    Files.writeString(dir.resolve("party-tsa.pem"), pem(tsa) + pem(ca));
    return dir;
  }

  /** A TSA answer (TimeStampResp, DER) over {@code bytes}, as the sandbox TSA gives it. */
  byte[] stamp(byte[] bytes) {
    return stamp(bytes, tsaKey.getPrivate(), tsa);
  }

  static byte[] stamp(byte[] bytes, PrivateKey key, X509Certificate certificate) {
    try {
      TimeStampRequestGenerator request = new TimeStampRequestGenerator();
      request.setCertReq(true);
      TimeStampRequest req =
          request.generate(
              TSPAlgorithms.SHA256, Sha256.of(bytes), BigInteger.valueOf(RANDOM.nextLong()));
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key, certificate),
              new JcaDigestCalculatorProviderBuilder()
                  .build()
                  .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
              POLICY);
      tokens.addCertificates(new JcaCertStore(List.of(certificate)));
      return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
          .generate(req, BigInteger.valueOf(SERIAL.incrementAndGet()), new Date())
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hub's detached CMS signature (SHA-256, signed attributes, its certificate included). */
  byte[] sign(byte[] content) {
    return sign(content, hubKey.getPrivate(), hub);
  }

  static byte[] sign(byte[] content, PrivateKey key, X509Certificate certificate) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key, certificate));
      generator.addCertificates(new JcaCertStore(List.of(certificate)));
      return generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A certificate valid from a day ago for a year: a CA when {@code issuer} is null, else an end
   * entity; {@code timeStamping} adds the critical extended key usage RFC 3161 requires.
   */
  static X509Certificate certificate(
      String name,
      PublicKey subject,
      X509Certificate issuer,
      PrivateKey issuerKey,
      boolean ca,
      boolean timeStamping) {
    try {
      Instant now = Instant.now();
      X500Name subjectName = new X500Name("C=TH, O=Saphan Test, CN=" + name);
      X509v3CertificateBuilder builder =
          issuer == null
              ? new JcaX509v3CertificateBuilder(
                  subjectName,
                  BigInteger.valueOf(SERIAL.incrementAndGet()),
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(365))),
                  subjectName,
                  subject)
              : new JcaX509v3CertificateBuilder(
                  issuer,
                  BigInteger.valueOf(SERIAL.incrementAndGet()),
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(365))),
                  subjectName,
                  subject);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              ca
                  ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                  : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      if (timeStamping) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            true,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
