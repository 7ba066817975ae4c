package org.saphan.sandbox.epayment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.saphan.sandbox.JvmTempDir;

/**
 * A throwaway key directory in the layout of {@code ./saphan keys init}: a sandbox root CA and the
 * {@code epayment} party key (RSA-3072) issued by it, made with Bouncy Castle at test time.
 *
 * @param dir the key directory
 * @param password the PKCS#12 password
 * @param ca the root CA certificate
 * @param epayment the party's certificate
 */
record TestKeys(Path dir, String password, X509Certificate ca, X509Certificate epayment) {

  static final String PASSWORD = "test-only-keystore-password";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Creates {@code private/party-epayment.p12}, {@code public/party-epayment.pem}, the CA PEM. */
  static TestKeys create(Path dir) {
    try {
      KeyPair caKeys = rsa();
      X500Name caName = new X500Name("CN=Saphan Sandbox Test CA,O=Saphan Sandbox,C=TH");
      X509Certificate ca =
          sign(
              new JcaX509v3CertificateBuilder(
                      caName, serial(), from(), until(), caName, caKeys.getPublic())
                  .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                  .addExtension(
                      Extension.keyUsage,
                      true,
                      new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
              caKeys.getPrivate());
      KeyPair partyKeys = rsa();
      X509Certificate party = issue(ca, caKeys.getPrivate(), partyKeys.getPublic());
      Files.createDirectories(dir.resolve("private"));
      Files.createDirectories(dir.resolve("public"));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          EpaymentKeys.PARTY,
          partyKeys.getPrivate(),
          PASSWORD.toCharArray(),
          new Certificate[] {party, ca});
      try (OutputStream out = Files.newOutputStream(PartyKey.file(dir, EpaymentKeys.PARTY))) {
        store.store(out, PASSWORD.toCharArray());
      }
      pem(dir.resolve("public/sandbox-ca.pem"), List.of(ca));
      pem(dir.resolve("public/party-epayment.pem"), List.of(party, ca));
      return new TestKeys(dir, PASSWORD, ca, party);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One key directory for the whole JVM, made on first use in a temporary directory deleted when
   * the JVM exits: test classes share it rather than each waiting for RSA-3072 keys of their own.
   */
  static TestKeys shared() {
    return Shared.KEYS;
  }

  /**
   * Copies the {@code epayment} party files (not the CA certificate, which another party's test PKI
   * may have written there) into another key directory.
   *
   * @return these keys, in that directory
   */
  TestKeys copyTo(Path keysDir) {
    try {
      for (Path file :
          List.of(
              PartyKey.file(dir, EpaymentKeys.PARTY), dir.resolve("public/party-epayment.pem"))) {
        Path target = keysDir.resolve(dir.relativize(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return new TestKeys(keysDir, password, ca, epayment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The party key as the gateway reads it. */
  PartyKey partyKey() {
    return PartyKey.load(dir, EpaymentKeys.PARTY, password.toCharArray());
  }

  /** A trust store holding only the sandbox CA. */
  KeyStore trustStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("sandbox-ca", ca);
    return store;
  }

  private static X509Certificate issue(X509Certificate ca, PrivateKey caKey, PublicKey subject)
      throws GeneralSecurityException,
          IOException,
          org.bouncycastle.operator.OperatorCreationException {
    return sign(
        new JcaX509v3CertificateBuilder(
                ca,
                serial(),
                from(),
                until(),
                new X500Name("CN=epayment,O=Saphan Sandbox,C=TH"),
                subject)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)),
        caKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
  }

  private static void pem(Path file, List<X509Certificate> certificates) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      for (X509Certificate c : certificates) {
        pem.writeObject(c);
      }
    }
  }

  private static final class Shared {
    static final TestKeys KEYS = create(JvmTempDir.create("saphan-epayment-keys-"));
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072, RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM);
  }

  private static Date from() {
    return Date.from(Instant.now().minus(Duration.ofDays(1)));
  }

  private static Date until() {
    return Date.from(Instant.now().plus(Duration.ofDays(30)));
  }
}
