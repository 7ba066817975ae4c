package org.saphan.hub.gdx;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.ClockTicker;

/**
 * The one GDX token the hub holds, shared by all threads, in a Caffeine cache on the hub's clock.
 * GDX drops a token after an idle period, so the entry expires that long after it was last written
 * minus a margin, and every answer GDX gives to the token writes it again ({@link #touched}).
 * Logins are single-flight: callers that need a token while a login is running wait for that login
 * (and share its failure) instead of starting their own.
 */
final class TokenCache {

  /**
   * A login's outcome, shared by the callers that waited for it. A failure is a value, not a failed
   * future: Caffeine logs every failed future with its stack trace, and the caller logs it already.
   */
  private record Login(String token, RuntimeException failure) {}

  private static final String KEY = "gdx";

  private final AsyncCache<String, Login> cache;
  private final Supplier<String> login;

  /**
   * @param idleLifetime how long GDX keeps an unused token
   * @param renewMargin how long before that the cache renews it
   * @param login performs {@code /ws/auth/validate} and answers the new token
   */
  TokenCache(Clock clock, Duration idleLifetime, Duration renewMargin, Supplier<String> login) {
    this.login = login;
    this.cache =
        Caffeine.newBuilder()
            .ticker(new ClockTicker(clock))
            .expireAfterWrite(idleLifetime.minus(renewMargin))
            .executor(Runnable::run)
            .buildAsync();
  }

  /** A token fit for use now: the cached one, or a new one from a (shared) login. */
  String token() {
    CompletableFuture<Login> mine = new CompletableFuture<>();
    CompletableFuture<Login> shared = cache.get(KEY, (key, executor) -> mine);
    if (shared == mine) {
      mine.complete(logIn(mine));
    }
    Login outcome = await(shared);
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return outcome.token();
  }

  /** GDX accepted this token just now: its idle time starts again. */
  void touched(String value) {
    CompletableFuture<Login> current = holding(value);
    if (current != null) {
      cache.asMap().replace(KEY, current, CompletableFuture.completedFuture(current.join()));
    }
  }

  /**
   * GDX refused this token: forget it, unless another thread has already replaced it, so that a
   * burst of refusals of the same token leads to one new login.
   */
  void invalidate(String value) {
    CompletableFuture<Login> current = holding(value);
    if (current != null) {
      cache.asMap().remove(KEY, current);
    }
  }

  /** Logs in; a failed login leaves the cache before its waiting callers learn of it. */
  private Login logIn(CompletableFuture<Login> pending) {
    try {
      return new Login(login.get(), null);
    } catch (RuntimeException e) {
      cache.asMap().remove(KEY, pending);
      return new Login(null, e);
    } catch (Error e) {
      cache.asMap().remove(KEY, pending);
      pending.completeExceptionally(e);
      throw e;
    }
  }

  /** The cached entry if it holds {@code value}; a login still running holds nothing yet. */
  private CompletableFuture<Login> holding(String value) {
    CompletableFuture<Login> current = cache.getIfPresent(KEY);
    boolean holds =
        current != null
            && current.isDone()
            && !current.isCompletedExceptionally()
            && value.equals(current.join().token());
    return holds ? current : null;
  }

  private static Login await(CompletableFuture<Login> pending) {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SaphanException.system(
          ErrorCode.GDX_UNAVAILABLE, "Interrupted while waiting for the GDX login", e);
    } catch (ExecutionException e) {
      throw SaphanException.system(ErrorCode.GDX_UNAVAILABLE, "GDX login failed", e.getCause());
    }
  }
}
