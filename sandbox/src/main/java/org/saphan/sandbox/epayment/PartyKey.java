package org.saphan.sandbox.epayment;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A sandbox party's signing key from the key directory: {@code private/party-<name>.p12}, entry
 * alias {@code <name>}, with its certificate chain (leaf first, then the sandbox CA).
 *
 * @param party the party name, e.g. {@code epayment}
 * @param privateKey the RSA private key
 * @param chain the certificate chain, leaf first
 * @param kid RFC 7638 SHA-256 thumbprint of the public key, base64url without padding
 */
public record PartyKey(
    String party, PrivateKey privateKey, List<X509Certificate> chain, String kid) {

  public PartyKey {
    chain = List.copyOf(chain);
  }

  /** The leaf certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The file of a party's key in a key directory. */
  public static Path file(Path keysDir, String party) {
    return keysDir.resolve("private").resolve("party-" + party + ".p12");
  }

  /**
   * Reads a party's RSA key.
   *
   * @throws IllegalStateException when the file is missing, unreadable, or holds no RSA key entry
   */
  public static PartyKey load(Path keysDir, String party, char[] password) {
    Path file = file(keysDir, party);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no key file " + file + " (run ./saphan keys init)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      Key key = store.getKey(party, password);
      Certificate[] certificates = store.getCertificateChain(party);
      if (!(key instanceof PrivateKey privateKey) || certificates == null) {
        throw new IllegalStateException(file.getFileName() + " has no key entry '" + party + "'");
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : certificates) {
        chain.add((X509Certificate) c);
      }
      return new PartyKey(party, privateKey, chain, kid(chain.get(0)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** The RFC 7638 thumbprint of a certificate's RSA key. */
  public static String kid(X509Certificate certificate) {
    if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)) {
      throw new IllegalStateException("the e-Payment party key must be RSA");
    }
    try {
      return new RSAKey.Builder(rsa).build().computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot compute the key thumbprint", e);
    }
  }

  /** Keeps the private key out of logs. */
  @Override
  public String toString() {
    return "PartyKey[" + party + ", kid=" + kid + "]";
  }
}
