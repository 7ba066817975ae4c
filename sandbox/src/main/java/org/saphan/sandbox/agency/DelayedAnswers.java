package org.saphan.sandbox.agency;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Holds answers back for {@code slow} mode and benchmark latency without parking a servlet thread:
 * the answer is computed at once and released by a timer through Spring MVC's async support.
 *
 * <p>Controllers return {@code Object}: Spring MVC picks the return value handler by the runtime
 * type, so an undelayed {@link ResponseEntity} is written directly (no async dispatch on the hot
 * path) and a {@link DeferredResult} goes the async way.
 */
public final class DelayedAnswers implements DisposableBean {

  /** How long past its delay a held answer may wait before the container gives up. */
  private static final long GRACE_MILLIS = 60_000;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "agency-delayed-answers");
            t.setDaemon(true);
            return t;
          });

  /** The answer itself when {@code delayMillis <= 0}, else a deferred result released later. */
  public Object after(long delayMillis, ResponseEntity<?> answer) {
    if (delayMillis <= 0) {
      return answer;
    }
    DeferredResult<ResponseEntity<?>> deferred = new DeferredResult<>(delayMillis + GRACE_MILLIS);
    timer.schedule(() -> deferred.setResult(answer), delayMillis, TimeUnit.MILLISECONDS);
    return deferred;
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
