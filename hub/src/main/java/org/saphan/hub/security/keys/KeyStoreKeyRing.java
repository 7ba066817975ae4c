package org.saphan.hub.security.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyRing;
import org.saphan.hub.security.KeyStatus;
import org.saphan.hub.security.SigningKey;

/**
 * A read-only key ring over any {@link KeyStore}: a production PKCS#12 file or a PKCS#11 token /
 * HSM. Keys are managed with the token's or CA's own tools; the hub only signs and publishes.
 *
 * <p>Each private-key entry becomes a key (kid from its certificate). The active key per family is
 * the alias configured for it, or else the entry whose certificate starts last; the others verify
 * only.
 */
public final class KeyStoreKeyRing implements KeyRing {

  private final KeyRingState state;

  /**
   * @param store a loaded key store
   * @param keyPassword the key entries' password (for PKCS#11, ignored: the PIN opened the store)
   * @param activeAliases the alias of the active key per family; families left out get the newest
   */
  public KeyStoreKeyRing(KeyStore store, char[] keyPassword, Map<KeyFamily, String> activeAliases) {
    List<SigningKey> keys = new ArrayList<>();
    Map<String, String> aliasByKid = new java.util.HashMap<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, keyPassword);
        Certificate[] chain = store.getCertificateChain(alias);
        if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
          continue;
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Certificate c : chain) {
          certs.add((X509Certificate) c);
        }
        SigningKey signingKey = SigningKey.of(privateKey, certs);
        keys.add(signingKey);
        aliasByKid.put(signingKey.kid(), alias);
      }
    } catch (GeneralSecurityException e) {
      throw SaphanException.system(ErrorCode.KEY_NOT_AVAILABLE, "cannot read key store", e);
    }
    Map<KeyFamily, String> active = new EnumMap<>(KeyFamily.class);
    for (KeyFamily family : KeyFamily.values()) {
      String configured = activeAliases.get(family);
      keys.stream()
          .filter(k -> k.family() == family)
          .filter(k -> configured == null || configured.equals(aliasByKid.get(k.kid())))
          .max(Comparator.comparing(k -> k.certificate().getNotBefore()))
          .ifPresent(k -> active.put(family, k.kid()));
      if (configured != null && !active.containsKey(family)) {
        throw SaphanException.system(
            ErrorCode.KEY_NOT_AVAILABLE,
            "configured " + family + " alias '" + configured + "' is not a key entry",
            null);
      }
    }
    keys.sort(Comparator.comparing(k -> k.certificate().getNotBefore()));
    List<KeyRingState.Entry> entries = new ArrayList<>();
    for (SigningKey k : keys) {
      KeyStatus status =
          k.kid().equals(active.get(k.family())) ? KeyStatus.ACTIVE : KeyStatus.VERIFY_ONLY;
      entries.add(
          new KeyRingState.Entry(
              new KeyDescriptor(
                  k.kid(),
                  k.family(),
                  status,
                  k.certificate().getNotAfter().toInstant(),
                  k.certificate().getNotBefore().toInstant()),
              k));
    }
    this.state = KeyRingState.of(entries);
  }

  /** Opens a PKCS#12 file whose store and key entries share {@code password}. */
  public static KeyStoreKeyRing pkcs12(
      Path file, char[] password, Map<KeyFamily, String> activeAliases) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return new KeyStoreKeyRing(store, password, activeAliases);
    } catch (GeneralSecurityException | IOException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "cannot open keystore " + file.getFileName(), e);
    }
  }

  /**
   * Opens a PKCS#11 token through the JDK's SunPKCS11 provider.
   *
   * @param providerConfig a SunPKCS11 configuration file (library, slot)
   * @param pin the token PIN
   */
  public static KeyStoreKeyRing pkcs11(
      Path providerConfig, char[] pin, Map<KeyFamily, String> activeAliases) {
    try {
      Provider provider = Security.getProvider("SunPKCS11").configure(providerConfig.toString());
      // Registered so that JCA delayed provider selection can route the token's keys to it.
      if (Security.getProvider(provider.getName()) == null) {
        Security.addProvider(provider);
      }
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return new KeyStoreKeyRing(store, null, activeAliases);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE, "cannot open PKCS#11 token " + providerConfig, e);
    }
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
}
