package org.saphan.hub.security;

/** A {@link KeyRing} whose keys can be rotated and retired ({@code ./saphan keys}). */
public interface ManagedKeyRing extends KeyRing {

  /**
   * Generates a new key of {@code family} with a new kid and makes it active; the previous active
   * key of that family becomes verify-only.
   */
  KeyDescriptor rotate(KeyFamily family);

  /**
   * Retires a verify-only key: it neither signs nor verifies any more and its private part is
   * destroyed. The active key of a family cannot be retired; rotate first.
   *
   * @throws org.saphan.hub.error.SaphanException {@code UNKNOWN_KEY} for an unknown kid
   */
  KeyDescriptor retire(String kid);
}
