package org.saphan.hub.security.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyRing;
import org.saphan.hub.security.ManagedKeyRing;
import org.saphan.hub.security.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's key ring at run time: delegates to the configured store and re-opens it when {@code
 * ./saphan keys rotate|retire} changed the key directory, so a running node picks up rotation
 * without a restart.
 */
public final class ReloadingKeyRing implements ManagedKeyRing {

  private static final Logger log = LoggerFactory.getLogger(ReloadingKeyRing.class);

  private final Supplier<KeyRing> opener;
  private final Path watchedFile;
  private volatile KeyRing delegate;
  private volatile FileTime stamp;

  /**
   * @param opener opens the store (called again on every reload)
   * @param watchedFile a file whose modification means "reload" ({@code keyring.json}), or {@code
   *     null} for stores that never change under the hub (PKCS#12 file, PKCS#11 token)
   */
  public ReloadingKeyRing(Supplier<KeyRing> opener, Path watchedFile) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.watchedFile = watchedFile;
    this.stamp = modified();
    this.delegate = opener.get();
  }

  /** Re-opens the store when the watched file changed; returns whether it did. */
  public synchronized boolean reloadIfChanged() {
    if (watchedFile == null) {
      return false;
    }
    FileTime now = modified();
    if (Objects.equals(now, stamp)) {
      return false;
    }
    KeyRing fresh = opener.get();
    KeyRing old = delegate;
    delegate = fresh;
    stamp = now;
    if (old instanceof Pkcs12DirectoryKeyRing directory) {
      directory.close();
    }
    log.info("Key ring reloaded from {}: {} keys", watchedFile.getParent(), fresh.list().size());
    return true;
  }

  private FileTime modified() {
    if (watchedFile == null) {
      return null;
    }
    try {
      return Files.getLastModifiedTime(watchedFile);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public SigningKey current(KeyFamily family) {
    return delegate.current(family);
  }

  @Override
  public Optional<SigningKey> find(String kid) {
    return delegate.find(kid);
  }

  @Override
  public List<KeyDescriptor> list() {
    return delegate.list();
  }

  @Override
  public synchronized KeyDescriptor rotate(KeyFamily family) {
    KeyDescriptor rotated = managed().rotate(family);
    stamp = modified();
    return rotated;
  }

  @Override
  public synchronized KeyDescriptor retire(String kid) {
    KeyDescriptor retired = managed().retire(kid);
    stamp = modified();
    return retired;
  }

  private ManagedKeyRing managed() {
    if (delegate instanceof ManagedKeyRing managed) {
      return managed;
    }
    throw SaphanException.validation(
        ErrorCode.VALIDATION_FAILED,
        "keys in a PKCS#12 file or PKCS#11 token are rotated in the store itself; point"
            + " saphan.keys.ec-alias / rsa-alias at the new entries and restart");
  }
}
