package org.saphan.hub.security;

/**
 * Data a layer above keeps encrypted under a hub key (the message log's citizen data keys, wrapped
 * by the active RSA key). Key maintenance moves it onto the active key whenever keys change (a
 * rotation here, a rotation picked up from the key directory) and before it retires a key, so
 * retiring an old key never makes that data unreadable.
 */
public interface WrappedUnderHubKeys {

  /**
   * Re-wraps what an older key of the ring wraps under the ring's active key of the same family.
   *
   * @return how many items moved
   */
  int rewrap(KeyRing ring);

  /** How many items the key {@code kid} still wraps (a retirement refuses while any remain). */
  long wrappedBy(String kid);
}
