package org.saphan.hub.security.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.sftp.SftpKeys;
import org.saphan.hub.security.CertificateAuthority;
import org.saphan.hub.security.FilePermissions;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.ManagedKeyRing;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SigningKey;

/**
 * A key ring kept in a directory of PKCS#12 files, the layout {@code ./saphan keys} manages:
 *
 * <pre>
 * keys/keyring.json                 public index: CA, keys (kid, family, status, notAfter, created), parties
 * keys/public/sandbox-ca.pem        the sandbox root CA certificate (the trust anchor to hand out)
 * keys/public/&lt;kid&gt;.pem             each hub key's certificate chain (kept after retirement)
 * keys/public/party-&lt;name&gt;.pem      each sandbox party's certificate chain
 * keys/public/sftp-archive.pub      the hub's SFTP login key for the sandbox's archive store
 * keys/public/sftp-doae.pub         the hub's SFTP login key for the sandbox's DOAE batch inbox
 * keys/private/                     git-ignored, owner-only: sandbox-ca.p12, &lt;kid&gt;.p12, party-&lt;name&gt;.p12, sftp-archive, sftp-doae
 * </pre>
 *
 * <p>Every PKCS#12 file is protected by the one keystore password the caller supplies (from {@code
 * SAPHAN_KEYSTORE_PASSWORD}); the entry alias is the kid, or the party name. Retiring a key deletes
 * its private file.
 */
public final class Pkcs12DirectoryKeyRing implements ManagedKeyRing {

  /** File stem of the sandbox CA. */
  public static final String CA_NAME = "sandbox-ca";

  /** Common name of the sandbox root CA. */
  public static final String CA_COMMON_NAME = "Saphan Sandbox Root CA";

  /** The sandbox parties {@code init} creates, with the key family each signs with. */
  public static final Map<String, KeyFamily> SANDBOX_PARTIES = sandboxParties();

  /**
   * The sandbox's time-stamping authority (RFC 3161), whose certificate holds the critical extended
   * key usage {@code timeStamping} a TSA's must; the hub's timestamper pins {@code
   * public/party-tsa.pem}.
   */
  public static final String TSA_PARTY = "tsa";

  /**
   * The hub's SFTP login key for the sandbox's evidence archive store: {@code private/sftp-archive}
   * (OpenSSH format, owner-only) and {@code public/sftp-archive.pub}, the line the sandbox's SFTP
   * server authorises for user {@code saphan-archive}.
   */
  public static final String SFTP_ARCHIVE_KEY = "sftp-archive";

  /**
   * The hub's SFTP login key for the sandbox's DOAE batch inbox (card doae-farmer-registration):
   * {@code private/sftp-doae} and {@code public/sftp-doae.pub}, the line the sandbox's SFTP server
   * authorises for user {@code doae-inbox} (docs/agency/batch.md).
   */
  public static final String SFTP_DOAE_KEY = "sftp-doae";

  /** The SFTP login keys made with the sandbox parties: file name and the key's comment. */
  private static final Map<String, String> SFTP_KEYS =
      Map.of(SFTP_ARCHIVE_KEY, "saphan-archive", SFTP_DOAE_KEY, "doae-inbox");

  private static final Duration BACKDATE = Duration.ofMinutes(5);

  private final Path dir;
  private final char[] password;
  private final Clock clock;
  private final Duration keyValidity;
  private volatile KeyRingIndex index;
  private volatile KeyRingState state;

  private Pkcs12DirectoryKeyRing(
      Path dir, char[] password, Clock clock, Duration keyValidity, KeyRingIndex index) {
    this.dir = dir;
    this.password = password.clone();
    this.clock = clock;
    this.keyValidity = keyValidity;
    this.index = index;
    this.state = load(index);
  }

  /**
   * Creates a new key directory: the sandbox root CA (RSA-3072, like the national root CAs), the
   * hub's EC P-256 and RSA-3072 keys, and one key per sandbox party, all issued by the CA.
   *
   * @throws SaphanException {@code VALIDATION_FAILED} when the directory already holds a key ring
   */
  public static Pkcs12DirectoryKeyRing init(
      Path dir, char[] password, Clock clock, Duration caValidity, Duration keyValidity) {
    if (Files.exists(dir.resolve(KeyRingIndex.FILE_NAME))) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          dir + " already holds a key ring; use rotate, or remove it to start over");
    }
    Instant now = clock.instant();
    CertificateAuthority ca =
        Pki.createRootCa(
            CA_COMMON_NAME, KeyFamily.RSA_3072, now.minus(BACKDATE), now.plus(caValidity));
    try {
      Files.createDirectories(dir.resolve("public"));
      Path privateDir = dir.resolve("private");
      Files.createDirectories(privateDir);
      FilePermissions.ownerOnly(privateDir);
      // Belt and braces next to the repository's .gitignore, for --dir outside the repository.
      Files.writeString(
          privateDir.resolve(".gitignore"),
          "# Private key material: never commit.\n*\n",
          StandardCharsets.US_ASCII);
      sftpKeys(dir);
    } catch (IOException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot create " + dir, e);
    }
    Pki.writePkcs12(
        privatePath(dir, CA_NAME), CA_NAME, ca.privateKey(), List.of(ca.certificate()), password);
    Pki.writePem(publicPath(dir, CA_NAME), List.of(ca.certificate()));

    List<PartyDescriptor> parties = new ArrayList<>();
    for (Map.Entry<String, KeyFamily> party : SANDBOX_PARTIES.entrySet()) {
      parties.add(
          issueParty(dir, ca, party.getKey(), party.getValue(), now, keyValidity, password));
    }
    KeyRingIndex index =
        new KeyRingIndex(
            new KeyRingIndex.CaEntry(
                ca.certificate().getSubjectX500Principal().getName(),
                ca.certificate().getNotAfter().toInstant()),
            List.of(),
            parties);
    index.write(dir);
    Pkcs12DirectoryKeyRing ring =
        new Pkcs12DirectoryKeyRing(dir, password, clock, keyValidity, index);
    ring.rotate(KeyFamily.EC_P256, ca);
    ring.rotate(KeyFamily.RSA_3072, ca);
    return ring;
  }

  /**
   * Opens an existing key directory, loading the private key of every key that still verifies.
   *
   * @throws SaphanException {@code KEY_NOT_AVAILABLE} when the directory has no key ring, or a
   *     keystore cannot be opened with the password
   */
  public static Pkcs12DirectoryKeyRing open(
      Path dir, char[] password, Clock clock, Duration keyValidity) {
    if (!Files.exists(dir.resolve(KeyRingIndex.FILE_NAME))) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE,
          "no key ring in " + dir + "; run ./saphan keys init first",
          null);
    }
    return new Pkcs12DirectoryKeyRing(dir, password, clock, keyValidity, KeyRingIndex.read(dir));
  }

  /**
   * Issues the sandbox parties this directory lacks (one made before a party was added, such as
   * {@value #TSA_PARTY}), by its CA, and the SFTP login keys ({@value #SFTP_ARCHIVE_KEY}, {@value
   * #SFTP_DOAE_KEY}) when missing; the parties and keys it has are left as they are.
   *
   * @return the parties added
   * @throws SaphanException {@code KEY_NOT_AVAILABLE} when the directory has no CA key
   */
  public synchronized List<String> addMissingParties() {
    List<PartyDescriptor> parties = new ArrayList<>(index.parties());
    List<String> added = new ArrayList<>();
    CertificateAuthority ca = null;
    for (Map.Entry<String, KeyFamily> party : SANDBOX_PARTIES.entrySet()) {
      if (parties.stream().anyMatch(p -> p.name().equals(party.getKey()))) {
        continue;
      }
      if (ca == null) {
        ca = ca();
      }
      parties.add(
          issueParty(
              dir, ca, party.getKey(), party.getValue(), clock.instant(), keyValidity, password));
      added.add(party.getKey());
    }
    added.addAll(sftpKeys(dir));
    if (added.stream().anyMatch(SANDBOX_PARTIES::containsKey)) {
      KeyRingIndex next = new KeyRingIndex(index.ca(), index.keys(), parties);
      next.write(dir);
      index = next;
    }
    return added;
  }

  /** Writes the SFTP login keys the directory lacks; returns their names. */
  private static List<String> sftpKeys(Path dir) {
    List<String> added = new ArrayList<>();
    for (Map.Entry<String, String> key : new java.util.TreeMap<>(SFTP_KEYS).entrySet()) {
      try {
        if (SftpKeys.generate(
            dir.resolve("private").resolve(key.getKey()),
            dir.resolve("public").resolve(key.getKey() + ".pub"),
            key.getValue())) {
          added.add(key.getKey());
        }
      } catch (IOException e) {
        throw SaphanException.system(
            ErrorCode.KEY_NOT_AVAILABLE,
            "cannot write the SFTP key " + key.getKey() + " in " + dir,
            e);
      }
    }
    return added;
  }

  private static PartyDescriptor issueParty(
      Path dir,
      CertificateAuthority ca,
      String name,
      KeyFamily family,
      Instant now,
      Duration keyValidity,
      char[] password) {
    SigningKey key =
        Pki.issueSigningKey(
            ca,
            family,
            name,
            now.minus(BACKDATE),
            now.plus(keyValidity),
            name.equals(TSA_PARTY)
                ? new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping}
                : new KeyPurposeId[0]);
    String file = partyFileName(name);
    Pki.writePkcs12(privatePath(dir, file), name, key.privateKey(), key.chain(), password);
    Pki.writePem(publicPath(dir, file), key.chain());
    return new PartyDescriptor(
        name, key.kid(), key.family(), key.certificate().getNotAfter().toInstant());
  }

  /** True when {@code dir} holds a key ring. */
  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(KeyRingIndex.FILE_NAME));
  }

  @Override
  public synchronized KeyDescriptor rotate(KeyFamily family) {
    return rotate(family, ca());
  }

  private CertificateAuthority ca() {
    Path caFile = privatePath(dir, CA_NAME);
    if (!Files.exists(caFile)) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE,
          "no CA key in " + dir + "; outside the sandbox, certificates come from the real CA",
          null);
    }
    SigningKey caKey = Pki.readPkcs12(caFile, CA_NAME, password);
    return new CertificateAuthority(caKey.privateKey(), caKey.certificate());
  }

  private KeyDescriptor rotate(KeyFamily family, CertificateAuthority ca) {
    Instant now = clock.instant();
    SigningKey key =
        Pki.issueSigningKey(
            ca,
            family,
            "saphan-hub-" + family.shortName(),
            now.minus(BACKDATE),
            now.plus(keyValidity));
    Pki.writePkcs12(
        privatePath(dir, key.kid()), key.kid(), key.privateKey(), key.chain(), password);
    Pki.writePem(publicPath(dir, key.kid()), key.chain());
    KeyRingState next = state.withActive(key, now);
    persist(next);
    return next.entry(key.kid()).descriptor();
  }

  @Override
  public synchronized KeyDescriptor retire(String kid) {
    KeyRingState next = state.withRetired(kid);
    persist(next);
    try {
      Files.deleteIfExists(privatePath(dir, kid));
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "key retired but its private file remains: " + kid, e);
    }
    return next.entry(kid).descriptor();
  }

  @Override
  public SigningKey current(KeyFamily family) {
    return state.current(family);
  }

  @Override
  public Optional<SigningKey> find(String kid) {
    return state.find(kid);
  }

  @Override
  public List<KeyDescriptor> list() {
    return state.list();
  }

  /** The sandbox parties of this directory. */
  public List<PartyDescriptor> parties() {
    return index.parties();
  }

  /** A sandbox party's signing key (for the simulators). */
  public SigningKey party(String name) {
    boolean known = index.parties().stream().anyMatch(p -> p.name().equals(name));
    if (!known) {
      throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "unknown sandbox party " + name);
    }
    return Pki.readPkcs12(privatePath(dir, partyFileName(name)), name, password);
  }

  /** The sandbox root CA certificate. */
  public X509Certificate caCertificate() {
    return Pki.readCertificates(publicPath(dir, CA_NAME)).get(0);
  }

  /** The directory this ring lives in. */
  public Path directory() {
    return dir;
  }

  /** Clears the in-memory copy of the keystore password. */
  public void close() {
    Arrays.fill(password, '\0');
  }

  static String partyFileName(String name) {
    return "party-" + name;
  }

  private void persist(KeyRingState next) {
    KeyRingIndex nextIndex = index.withKeys(next.list());
    nextIndex.write(dir);
    index = nextIndex;
    state = next;
  }

  private KeyRingState load(KeyRingIndex index) {
    List<KeyRingState.Entry> entries = new ArrayList<>();
    for (KeyDescriptor d : index.keys()) {
      SigningKey key =
          d.status().verifies()
              ? Pki.readPkcs12(privatePath(dir, d.kid()), d.kid(), password)
              : null;
      if (key != null && !key.kid().equals(d.kid())) {
        throw SaphanException.system(
            ErrorCode.KEY_NOT_AVAILABLE, "keystore " + d.kid() + " holds another key", null);
      }
      entries.add(new KeyRingState.Entry(d, key));
    }
    return KeyRingState.of(entries);
  }

  private static Path privatePath(Path dir, String stem) {
    return dir.resolve("private").resolve(stem + ".p12");
  }

  private static Path publicPath(Path dir, String stem) {
    return dir.resolve("public").resolve(stem + ".pem");
  }

  private static Map<String, KeyFamily> sandboxParties() {
    Map<String, KeyFamily> parties = new LinkedHashMap<>();
    parties.put("agency-rest", KeyFamily.EC_P256);
    parties.put("agency-soap", KeyFamily.RSA_3072);
    parties.put("gdx", KeyFamily.EC_P256);
    parties.put("epayment", KeyFamily.RSA_3072);
    parties.put(TSA_PARTY, KeyFamily.EC_P256);
    // the DOAE batch agency: signs its result files (detached CMS), docs/agency/batch.md
    parties.put("doae", KeyFamily.RSA_3072);
    // the LED bankruptcy check: signs its answers (detached JWS), docs/agency/checks.md
    parties.put("led", KeyFamily.EC_P256);
    // the Royal Thai Police's traffic-fine check: signs its answers, docs/agency/checks.md
    parties.put("rtp", KeyFamily.EC_P256);
    return java.util.Collections.unmodifiableMap(parties);
  }

  @Override
  public String toString() {
    return "Pkcs12DirectoryKeyRing[" + Objects.toString(dir) + "]";
  }
}
