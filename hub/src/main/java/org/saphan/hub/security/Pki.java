package org.saphan.hub.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Key and certificate material with Bouncy Castle: the sandbox root CA, end-entity signing
 * certificates, PKCS#12 files and PEM certificates.
 *
 * <p>Passwords are always supplied by the caller as {@code char[]}; there is no default.
 */
public final class Pki {

  /** Organisation in every sandbox subject. */
  public static final String SANDBOX_ORGANISATION = "Saphan Sandbox";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----\n";
  private static final String PEM_END = "-----END CERTIFICATE-----\n";

  private Pki() {}

  /** A fresh key pair: EC on secp256r1 or RSA with a 3072-bit modulus. */
  public static KeyPair generateKeyPair(KeyFamily family) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(family.jcaName());
      if (family == KeyFamily.EC_P256) {
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      } else {
        generator.initialize(3072, RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot generate key pair", e);
    }
  }

  /** {@code CN=<commonName>, O=Saphan Sandbox, C=TH}. */
  public static X500Name sandboxName(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "TH")
        .addRDN(BCStyle.O, SANDBOX_ORGANISATION)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  /**
   * A self-signed root CA: X.509 v3, basicConstraints CA:true (critical), keyUsage keyCertSign and
   * cRLSign (critical), subject and authority key identifiers.
   */
  public static CertificateAuthority createRootCa(
      String commonName, KeyFamily family, Instant notBefore, Instant notAfter) {
    KeyPair keyPair = generateKeyPair(family);
    X500Name name = sandboxName(commonName);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  name,
                  serialNumber(),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  name,
                  keyPair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(keyPair.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(keyPair.getPublic()));
      X509Certificate certificate = sign(builder, keyPair.getPrivate());
      return new CertificateAuthority(keyPair.getPrivate(), certificate);
    } catch (GeneralSecurityException | CertIOException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot create root CA", e);
    }
  }

  /**
   * An end-entity signing certificate issued by {@code ca}: keyUsage digitalSignature and
   * nonRepudiation (critical), basicConstraints CA:false (critical), SKI and AKI, subject {@code
   * CN=<commonName>, O=Saphan Sandbox, C=TH}.
   */
  public static X509Certificate issue(
      CertificateAuthority ca,
      PublicKey subjectKey,
      String commonName,
      Instant notBefore,
      Instant notAfter) {
    return issue(ca, subjectKey, commonName, notBefore, notAfter, new KeyPurposeId[0]);
  }

  /**
   * As {@link #issue(CertificateAuthority, PublicKey, String, Instant, Instant)}, with a
   * <em>critical</em> extended key usage of these purposes when any is given (RFC 3161 requires a
   * TSA's certificate to hold {@code timeStamping} alone, critical).
   */
  public static X509Certificate issue(
      CertificateAuthority ca,
      PublicKey subjectKey,
      String commonName,
      Instant notBefore,
      Instant notAfter,
      KeyPurposeId... purposes) {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  ca.certificate(),
                  serialNumber(),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  sandboxName(commonName),
                  subjectKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(ca.certificate()));
      if (purposes.length > 0) {
        builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purposes));
      }
      return sign(builder, ca.privateKey());
    } catch (GeneralSecurityException | CertIOException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot issue certificate", e);
    }
  }

  /**
   * Generates a key of {@code family} and issues its certificate (with a critical extended key
   * usage of {@code purposes}, when given); the chain is leaf, CA.
   */
  public static SigningKey issueSigningKey(
      CertificateAuthority ca,
      KeyFamily family,
      String commonName,
      Instant notBefore,
      Instant notAfter,
      KeyPurposeId... purposes) {
    KeyPair keyPair = generateKeyPair(family);
    X509Certificate certificate =
        issue(ca, keyPair.getPublic(), commonName, notBefore, notAfter, purposes);
    return new SigningKey(
        KeyIds.kid(keyPair.getPublic()),
        family,
        keyPair.getPrivate(),
        certificate,
        List.of(certificate, ca.certificate()));
  }

  /**
   * Writes a PKCS#12 file holding one private key entry under {@code alias} with its chain. The
   * JDK's PKCS#12 (PBES2 / AES-256, HmacSHA256 MAC) is used, which OpenSSL 3 reads.
   */
  public static void writePkcs12(
      Path file, String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
    requirePassword(password);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        store.store(out, password);
      }
      FilePermissions.ownerOnly(tmp);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (GeneralSecurityException | IOException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "cannot write keystore " + file.getFileName(), e);
    }
  }

  /** Reads the private key entry {@code alias} of a PKCS#12 file as a signing key. */
  public static SigningKey readPkcs12(Path file, String alias, char[] password) {
    requirePassword(password);
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      Key key = store.getKey(alias, password);
      Certificate[] chain = store.getCertificateChain(alias);
      if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
        throw SaphanException.system(
            ErrorCode.KEY_NOT_AVAILABLE,
            "keystore " + file.getFileName() + " has no key entry '" + alias + "'",
            null);
      }
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : chain) {
        certs.add((X509Certificate) c);
      }
      return SigningKey.of(privateKey, certs);
    } catch (GeneralSecurityException | IOException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE,
          "cannot read keystore " + file.getFileName() + " (wrong password or damaged file)",
          e);
    }
  }

  /** The certificate as PEM text. */
  public static String toPem(X509Certificate certificate) {
    try {
      return PEM_BEGIN
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n"
          + PEM_END;
    } catch (GeneralSecurityException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot encode certificate", e);
    }
  }

  /** Writes certificates as PEM. */
  public static void writePem(Path file, List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    certificates.forEach(c -> pem.append(toPem(c)));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, pem.toString(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "cannot write " + file.getFileName(), e);
    }
  }

  /** Reads every certificate in a PEM (or DER) file. */
  public static List<X509Certificate> readCertificates(Path file) {
    try {
      return parseCertificates(Files.readAllBytes(file));
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "cannot read " + file.getFileName(), e);
    }
  }

  /** Parses every certificate in PEM or DER bytes. */
  public static List<X509Certificate> parseCertificates(byte[] pemOrDer) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pemOrDer))) {
        out.add((X509Certificate) c);
      }
      return out;
    } catch (CertificateException e) {
      throw SaphanException.validation(
          ErrorCode.CERTIFICATE_UNTRUSTED, "unparseable certificate: " + e.getMessage());
    }
  }

  /** Parses one DER certificate. */
  public static X509Certificate parseCertificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw SaphanException.validation(
          ErrorCode.CERTIFICATE_UNTRUSTED, "unparseable certificate: " + e.getMessage());
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws CertificateException {
    try {
      String algorithm = KeyFamily.of(issuerKey).cmsAlgorithm();
      JcaContentSignerBuilder signerBuilder = new JcaContentSignerBuilder(algorithm);
      Provider provider = CryptoProviders.forSigning(issuerKey);
      if (provider != null) {
        signerBuilder.setProvider(provider);
      }
      ContentSigner signer = signerBuilder.build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new CertificateException("cannot sign certificate", e);
    }
  }

  private static BigInteger serialNumber() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static void requirePassword(char[] password) {
    if (password == null || password.length == 0) {
      throw SaphanException.validation(
          ErrorCode.KEY_NOT_AVAILABLE, "a keystore password is required");
    }
  }
}
