package org.saphan.hub.security.keys;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyStatus;
import org.saphan.hub.security.SigningKey;

/**
 * An immutable snapshot of a key ring and the status rules of rotation and retirement, shared by
 * the in-memory and directory key rings. Readers take the current snapshot without locking.
 */
final class KeyRingState {

  /** A key's public facts and, unless retired, its signing key. */
  record Entry(KeyDescriptor descriptor, SigningKey key) {}

  private final List<Entry> entries;

  private KeyRingState(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  static KeyRingState empty() {
    return new KeyRingState(List.of());
  }

  static KeyRingState of(List<Entry> entries) {
    return new KeyRingState(entries);
  }

  List<Entry> entries() {
    return entries;
  }

  /**
   * Adds {@code key} as the active key of its family; the previous active one turns verify-only.
   */
  KeyRingState withActive(SigningKey key, Instant created) {
    List<Entry> next = new ArrayList<>();
    for (Entry e : entries) {
      KeyDescriptor d = e.descriptor();
      if (d.family() == key.family() && d.status() == KeyStatus.ACTIVE) {
        next.add(new Entry(d.withStatus(KeyStatus.VERIFY_ONLY), e.key()));
      } else {
        next.add(e);
      }
    }
    KeyDescriptor descriptor =
        new KeyDescriptor(
            key.kid(),
            key.family(),
            KeyStatus.ACTIVE,
            key.certificate().getNotAfter().toInstant(),
            created.truncatedTo(ChronoUnit.SECONDS));
    next.add(new Entry(descriptor, key));
    return new KeyRingState(next);
  }

  /** Marks a verify-only key retired and drops its signing key; refuses the active key. */
  KeyRingState withRetired(String kid) {
    Entry target = entry(kid);
    if (target.descriptor().status() == KeyStatus.ACTIVE) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "key " + kid + " is the active " + target.descriptor().family() + " key; rotate first");
    }
    List<Entry> next = new ArrayList<>();
    for (Entry e : entries) {
      next.add(e == target ? new Entry(e.descriptor().withStatus(KeyStatus.RETIRED), null) : e);
    }
    return new KeyRingState(next);
  }

  Entry entry(String kid) {
    for (Entry e : entries) {
      if (e.descriptor().kid().equals(kid)) {
        return e;
      }
    }
    throw SaphanException.validation(ErrorCode.UNKNOWN_KEY, "unknown kid " + kid);
  }

  SigningKey current(KeyFamily family) {
    for (Entry e : entries) {
      if (e.descriptor().family() == family
          && e.descriptor().status() == KeyStatus.ACTIVE
          && e.key() != null) {
        return e.key();
      }
    }
    throw SaphanException.system(
        ErrorCode.KEY_NOT_AVAILABLE, "no active " + family + " signing key", null);
  }

  Optional<SigningKey> find(String kid) {
    for (Entry e : entries) {
      if (e.descriptor().kid().equals(kid) && e.descriptor().status().verifies()) {
        return Optional.ofNullable(e.key());
      }
    }
    return Optional.empty();
  }

  List<KeyDescriptor> list() {
    return entries.stream().map(Entry::descriptor).toList();
  }
}
