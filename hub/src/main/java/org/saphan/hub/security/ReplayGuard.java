package org.saphan.hub.security;

import java.time.Instant;

/** Remembers message ids ({@code jti}) per issuer until they expire, refusing a second use. */
public interface ReplayGuard {

  /**
   * Records {@code jti} for {@code issuer} until {@code expiresAt}.
   *
   * @throws org.saphan.hub.error.SaphanException {@code REPLAY_DETECTED} when the pair is already
   *     remembered and not yet expired
   */
  void checkAndRemember(String issuer, String jti, Instant expiresAt);
}
