package org.saphan.sandbox.gdx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens of the simulated GDX login. A token dies after {@code idleTimeout} without a call,
 * measured on the simulator clock; every call that presents it renews it, as GDX does.
 */
public final class GdxTokens {

  /** Expired tokens are remembered this many idle periods, to answer "token expired" for them. */
  private static final int REMEMBER_EXPIRED = 24;

  private final Clock clock;
  private final Duration idleTimeout;
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();

  public GdxTokens(Clock clock, Duration idleTimeout) {
    this.clock = clock;
    this.idleTimeout = idleTimeout;
  }

  /**
   * A token and who it was issued to.
   *
   * @param agentId the AgentID given at login
   * @param lastUsed when the token was issued or last presented (simulator clock)
   * @param expired true once the token died
   */
  public record Grant(String agentId, Instant lastUsed, boolean expired) {}

  /** Issues a new token to the agent. */
  public String issue(String agentId) {
    Instant now = clock.instant();
    Instant forgetBefore = now.minus(idleTimeout.multipliedBy(REMEMBER_EXPIRED));
    grants.values().removeIf(g -> g.lastUsed().isBefore(forgetBefore));
    String token = UUID.randomUUID().toString();
    grants.put(token, new Grant(agentId, now, false));
    return token;
  }

  /**
   * Checks a presented token and renews it.
   *
   * @throws GdxError 401 when the token is missing, unknown or expired
   */
  public Grant use(String token) {
    if (token == null || token.isBlank()) {
      throw GdxError.unauthorized("Token is required");
    }
    Instant now = clock.instant();
    Grant[] result = new Grant[1];
    grants.computeIfPresent(
        token,
        (key, grant) -> {
          if (grant.expired() || !now.isBefore(grant.lastUsed().plus(idleTimeout))) {
            result[0] = new Grant(grant.agentId(), grant.lastUsed(), true);
          } else {
            result[0] = new Grant(grant.agentId(), now, false);
          }
          return result[0];
        });
    if (result[0] == null) {
      throw GdxError.unauthorized("invalid token");
    }
    if (result[0].expired()) {
      throw GdxError.unauthorized("token expired");
    }
    return result[0];
  }

  /** Kills a token now, as if it had been idle too long. */
  public void expire(String token) {
    if (token != null) {
      grants.computeIfPresent(token, (key, g) -> new Grant(g.agentId(), g.lastUsed(), true));
    }
  }

  /** Forgets every token. */
  public void clear() {
    grants.clear();
  }

  /** The token in a form fit for logs: its first and last four characters. */
  public static String mask(String token) {
    if (token == null || token.isBlank()) {
      return null;
    }
    if (token.length() <= 8) {
      return "****";
    }
    return token.substring(0, 4) + "****" + token.substring(token.length() - 4);
  }
}
