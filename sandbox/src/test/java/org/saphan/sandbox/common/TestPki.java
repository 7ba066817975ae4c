package org.saphan.sandbox.common;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test key material made with Bouncy Castle: a sandbox-like root CA, the hub's EC P-256 and
 * RSA-3072 keys, the {@code agency-rest}, {@code led} and {@code rtp} party keys written in the
 * {@code ./saphan keys init} layout ({@code private/party-<name>.p12}, {@code
 * public/party-<name>.pem}, {@code public/sandbox-ca.pem}), and strangers the hub does not own.
 */
public final class TestPki {

  /** The keystore password of the generated PKCS#12 files (test only). */
  public static final String PASSWORD = "test-only-keystore-password";

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final PartyKey ca;
  private final PartyKey hubEc;
  private final PartyKey hubRsa;
  private final PartyKey agencyRest;
  private final PartyKey led;
  private final PartyKey rtp;
  private final PartyKey strangerEc;
  private final PartyKey strangerRsa;
  private final PartyKey expiredHubRsa;

  private TestPki(Path dir)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    Instant now = Instant.now();
    Instant from = now.minus(Duration.ofMinutes(5));
    Instant to = now.plus(Duration.ofDays(30));
    KeyPair caPair = rsa(2048);
    X509Certificate caCert =
        certificate(
            "Saphan Test Root CA",
            caPair.getPublic(),
            "Saphan Test Root CA",
            caPair.getPrivate(),
            from,
            now.plus(Duration.ofDays(365)),
            true);
    ca = key("sandbox-ca", caPair.getPrivate(), List.of(caCert));
    hubEc = issue("hub-ec", ec(), from, to);
    hubRsa = issue("hub-rsa", rsa(3072), from, to);
    agencyRest = issue("agency-rest", ec(), from, to);
    led = issue("led", ec(), from, to);
    rtp = issue("rtp", ec(), from, to);
    expiredHubRsa =
        issue(
            "hub-rsa-expired",
            rsa(2048),
            now.minus(Duration.ofDays(60)),
            now.minus(Duration.ofDays(1)));
    KeyPair strangerCaPair = ec();
    X509Certificate strangerCa =
        certificate(
            "Stranger CA",
            strangerCaPair.getPublic(),
            "Stranger CA",
            strangerCaPair.getPrivate(),
            from,
            to,
            true);
    KeyPair se = ec();
    strangerEc =
        key(
            "stranger-ec",
            se.getPrivate(),
            List.of(
                certificate(
                    "stranger-ec",
                    se.getPublic(),
                    "Stranger CA",
                    strangerCaPair.getPrivate(),
                    from,
                    to,
                    false),
                strangerCa));
    KeyPair sr = rsa(2048);
    strangerRsa =
        key(
            "stranger-rsa",
            sr.getPrivate(),
            List.of(
                certificate(
                    "stranger-rsa",
                    sr.getPublic(),
                    "Stranger CA",
                    strangerCaPair.getPrivate(),
                    from,
                    to,
                    false),
                strangerCa));
    if (dir != null) {
      writeTo(dir);
    }
  }

  /** Generates everything and writes the agency-rest party key into {@code keysDir}. */
  public static TestPki create(Path keysDir) {
    try {
      return new TestPki(keysDir);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One PKI for the whole JVM, generated on first use; test classes share it (its keys are only
   * read) rather than each waiting for RSA keys of its own. It writes no files: {@link #writeTo}
   * puts its party key where a test needs it.
   */
  public static TestPki shared() {
    return Shared.PKI;
  }

  /**
   * Writes the agency-rest, led and rtp party keys and the CA certificate into a key directory, in
   * the {@code ./saphan keys init} layout.
   */
  public void writeTo(Path keysDir) {
    try {
      writeParty(keysDir, agencyRest);
      writeParty(keysDir, led);
      writeParty(keysDir, rtp);
      writePem(keysDir.resolve("public").resolve("sandbox-ca.pem"), List.of(ca.certificate()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PartyKey hubEc() {
    return hubEc;
  }

  public PartyKey hubRsa() {
    return hubRsa;
  }

  /** A hub key whose certificate has expired (published in {@link #hubJwks()} too). */
  public PartyKey expiredHubRsa() {
    return expiredHubRsa;
  }

  public PartyKey agencyRest() {
    return agencyRest;
  }

  /** The LED bankruptcy check's signing key (EC P-256), party {@code led}. */
  public PartyKey led() {
    return led;
  }

  /** The police traffic-fine check's signing key (EC P-256), party {@code rtp}. */
  public PartyKey rtp() {
    return rtp;
  }

  public PartyKey strangerEc() {
    return strangerEc;
  }

  public PartyKey strangerRsa() {
    return strangerRsa;
  }

  /**
   * The hub's JWKS as the hub publishes it: its EC and RSA keys (and the expired one), public parts
   * only, each once per algorithm it signs with (RSA: RS256 and RS512 for XML-DSig, PS256 for JWS).
   */
  public String hubJwks() {
    List<JWK> jwks = new ArrayList<>();
    for (PartyKey k : List.of(hubEc, hubRsa, expiredHubRsa)) {
      JWK jwk = k.publicJwk();
      if (jwk instanceof RSAKey rsa) {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS512)) {
          jwks.add(new RSAKey.Builder(rsa).algorithm(alg).build());
        }
      }
      jwks.add(jwk);
    }
    return new JWKSet(jwks).toString(true);
  }

  /** A JWKS of the given keys' public parts. */
  public static String jwks(List<PartyKey> keys) {
    List<JWK> jwks = new ArrayList<>();
    for (PartyKey k : keys) {
      jwks.add(k.publicJwk());
    }
    return new JWKSet(jwks).toString(true);
  }

  /** Writes {@code private/party-<name>.p12} and {@code public/party-<name>.pem}. */
  public static void writeParty(Path dir, PartyKey key)
      throws IOException, GeneralSecurityException {
    Path file = dir.resolve("private").resolve("party-" + key.name() + ".p12");
    Files.createDirectories(file.getParent());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        key.name(),
        key.privateKey(),
        PASSWORD.toCharArray(),
        key.chain().toArray(new Certificate[0]));
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    writePem(dir.resolve("public").resolve("party-" + key.name() + ".pem"), key.chain());
  }

  private PartyKey issue(String name, KeyPair pair, Instant from, Instant to)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509Certificate cert =
        certificate(
            name, pair.getPublic(), "Saphan Test Root CA", ca.privateKey(), from, to, false);
    return key(name, pair.getPrivate(), List.of(cert, ca.certificate()));
  }

  private static PartyKey key(String name, PrivateKey key, List<X509Certificate> chain) {
    return new PartyKey(name, key, chain, KeyIds.kid(chain.get(0).getPublicKey()));
  }

  private static X509Certificate certificate(
      String subject,
      PublicKey key,
      String issuer,
      PrivateKey issuerKey,
      Instant from,
      Instant to,
      boolean ca)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuer),
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(from),
            Date.from(to),
            new X500Name("CN=" + subject),
            key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    String algorithm = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
  }

  private static void writePem(Path file, List<X509Certificate> chain) throws IOException {
    Files.createDirectories(file.getParent());
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      for (X509Certificate c : chain) {
        pem.writeObject(c);
      }
    }
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }

  private static final class Shared {
    static final TestPki PKI = create(null);
  }

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }
}
