package org.saphan.sandbox.digitalid;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import no.nav.security.mock.oauth2.token.KeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Digital ID stand-in's signing keys, one per issuer (kid = issuer id), kept in {@code
 * <sandbox.keys.dir>/private/digitalid-keys.json} (git-ignored, owner-only) and reused on every
 * start, so tokens issued before a restart still verify after it. Generated on first start; a key
 * of another type than the configured algorithm needs is replaced.
 */
final class DigitalIdKeys {

  /** The file, under the keys directory. */
  static final String FILE = "private/digitalid-keys.json";

  private static final Logger log = LoggerFactory.getLogger(DigitalIdKeys.class);

  private DigitalIdKeys() {}

  /**
   * A key provider holding the persisted key of each issuer, generating (and saving) the missing
   * ones.
   *
   * @param keysDir the sandbox keys directory ({@code sandbox.keys.dir})
   * @param issuerIds the issuers the server serves, e.g. {@code digitalid}, {@code other-idp}
   * @param algorithm RS256 or ES256
   */
  static KeyProvider load(Path keysDir, List<String> issuerIds, String algorithm) {
    List<JWK> keys = keys(keysDir, issuerIds, algorithm);
    KeyProvider provider = new KeyProvider(keys, algorithm);
    // mock-oauth2-server hands out its initial keys in the order issuers first ask: ask in ours.
    issuerIds.forEach(provider::signingKey);
    return provider;
  }

  /** The key of each issuer, in the order given: read from the file, the missing ones made. */
  static List<JWK> keys(Path keysDir, List<String> issuerIds, String algorithm) {
    Path file = keysDir.resolve(FILE);
    KeyType type =
        JWSAlgorithm.Family.EC.contains(JWSAlgorithm.parse(algorithm)) ? KeyType.EC : KeyType.RSA;
    JWKSet stored = read(file);
    List<JWK> keys = new ArrayList<>();
    boolean changed = false;
    for (String issuer : issuerIds) {
      JWK key = stored.getKeyByKeyId(issuer);
      if (key == null || !type.equals(key.getKeyType()) || !key.isPrivate()) {
        key = generate(issuer, type);
        changed = true;
      }
      keys.add(key);
    }
    if (changed) {
      write(file, new JWKSet(keys));
      log.info("Digital ID signing keys generated and kept in {}", file);
    }
    return keys;
  }

  private static JWKSet read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new JWKSet();
    }
    try {
      return JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | ParseException e) {
      log.warn("Digital ID keys in {} are unreadable; making new ones", file);
      return new JWKSet();
    }
  }

  private static JWK generate(String kid, KeyType type) {
    try {
      return type.equals(KeyType.EC)
          ? new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate()
          : new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a Digital ID key", e);
    }
  }

  /** Written owner-only from the start (never readable by others, not even briefly). */
  private static void write(Path file, JWKSet keys) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      Path dir = file.getParent();
      if (posix) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
      Path temp =
          posix
              ? Files.createTempFile(
                  dir,
                  "digitalid-keys",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, "digitalid-keys", ".tmp");
      Files.writeString(temp, keys.toString(false), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the Digital ID keys in " + file, e);
    }
  }
}
