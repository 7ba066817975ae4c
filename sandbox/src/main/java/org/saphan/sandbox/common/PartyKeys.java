package org.saphan.sandbox.common;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The sandbox parties' signing keys, read from the key directory made by {@code ./saphan keys
 * init}: {@code private/party-<name>.p12}, entry alias {@code <name>}, protected by the password in
 * {@value #PASSWORD_ENV}.
 *
 * <p>Keys are read on first use, not at start-up, so simulators that sign nothing (and tests that
 * never touch them) run without a key directory.
 */
public final class PartyKeys {

  /** The environment variable holding the PKCS#12 password (shared with the hub's launcher). */
  public static final String PASSWORD_ENV = "SAPHAN_KEYSTORE_PASSWORD";

  private static final Pattern PARTY_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

  private final Path dir;
  private final Supplier<String> password;
  private final Map<String, PartyKey> loaded = new ConcurrentHashMap<>();

  /**
   * @param dir the key directory
   * @param password supplies the keystore password when a key is first read (null or blank when not
   *     configured)
   */
  public PartyKeys(Path dir, Supplier<String> password) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.password = Objects.requireNonNull(password, "password");
  }

  /** The key directory. */
  public Path dir() {
    return dir;
  }

  /** The PKCS#12 file of a party. */
  public Path keyFile(String party) {
    return dir.resolve("private").resolve("party-" + checkedName(party) + ".p12");
  }

  /**
   * The party's key and chain, read once and then cached.
   *
   * @throws IllegalStateException when the password is not set or the file is missing or unreadable
   */
  public PartyKey get(String party) {
    return loaded.computeIfAbsent(checkedName(party), this::read);
  }

  private PartyKey read(String party) {
    String secret = password.get();
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "cannot read the key of party " + party + ": " + PASSWORD_ENV + " is not set");
    }
    Path file = keyFile(party);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "no key for party " + party + " at " + file + " (run ./saphan keys init)");
    }
    char[] pass = secret.toCharArray();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, pass);
      Key key = store.getKey(party, pass);
      if (!(key instanceof PrivateKey privateKey)) {
        throw new IllegalStateException(file.getFileName() + " holds no private key " + party);
      }
      Certificate[] certificates = store.getCertificateChain(party);
      if (certificates == null || certificates.length == 0) {
        throw new IllegalStateException(file.getFileName() + " holds no certificate for " + party);
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : certificates) {
        chain.add((X509Certificate) c);
      }
      return new PartyKey(party, privateKey, chain, KeyIds.kid(chain.get(0).getPublicKey()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot read " + file.getFileName() + " (wrong " + PASSWORD_ENV + "?)", e);
    } finally {
      java.util.Arrays.fill(pass, '\0');
    }
  }

  private static String checkedName(String party) {
    if (party == null || !PARTY_NAME.matcher(party).matches()) {
      throw new IllegalArgumentException("invalid party name");
    }
    return party;
  }
}
