package org.saphan.hub.gdx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * The one GDX token the hub holds, shared by all threads. GDX drops a token after an idle period,
 * so the cache remembers when the token was last accepted and logs in again shortly before that.
 * Logins are single-flight: callers that need a token while a login is running wait for that login
 * instead of starting their own.
 */
final class TokenCache {

  private record Token(String value, Instant lastUsed) {}

  private final Clock clock;
  private final Duration renewAfter;
  private final Supplier<String> login;

  private Token current;
  private CompletableFuture<Token> inflight;

  /**
   * @param idleLifetime how long GDX keeps an unused token
   * @param renewMargin how long before that the cache renews it
   * @param login performs {@code /ws/auth/validate} and answers the new token
   */
  TokenCache(Clock clock, Duration idleLifetime, Duration renewMargin, Supplier<String> login) {
    this.clock = clock;
    this.renewAfter = idleLifetime.minus(renewMargin);
    this.login = login;
  }

  /** A token fit for use now: the cached one, or a new one from a (shared) login. */
  String token() {
    CompletableFuture<Token> pending;
    boolean leader = false;
    synchronized (this) {
      if (isFresh(current)) {
        return current.value();
      }
      if (inflight == null) {
        inflight = new CompletableFuture<>();
        leader = true;
      }
      pending = inflight;
    }
    if (leader) {
      return lead(pending);
    }
    return follow(pending);
  }

  /** GDX accepted this token just now: its idle time starts again. */
  synchronized void touched(String value) {
    if (current != null && current.value().equals(value)) {
      Instant now = clock.instant();
      if (now.isAfter(current.lastUsed())) {
        current = new Token(value, now);
      }
    }
  }

  /**
   * GDX refused this token: forget it, unless another thread has already replaced it, so that a
   * burst of refusals of the same token leads to one new login.
   */
  synchronized void invalidate(String value) {
    if (current != null && current.value().equals(value)) {
      current = null;
    }
  }

  private String lead(CompletableFuture<Token> pending) {
    try {
      String value = login.get();
      Token token = new Token(value, clock.instant());
      synchronized (this) {
        current = token;
        inflight = null;
      }
      pending.complete(token);
      return value;
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        inflight = null;
      }
      pending.completeExceptionally(e);
      throw e;
    }
  }

  private static String follow(CompletableFuture<Token> pending) {
    try {
      return pending.get().value();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SaphanException.system(
          ErrorCode.GDX_UNAVAILABLE, "Interrupted while waiting for the GDX login", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw SaphanException.system(ErrorCode.GDX_UNAVAILABLE, "GDX login failed", e.getCause());
    }
  }

  private boolean isFresh(Token token) {
    return token != null && clock.instant().isBefore(token.lastUsed().plus(renewAfter));
  }
}
