package org.saphan.hub.gdx;

import io.github.resilience4j.retry.internal.RetryImpl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records Resilience4j's retry waits instead of sleeping through them. Its sleep function is one
 * per JVM (Resilience4j's own tests replace it the same way): set before each test, restored after.
 */
final class RetryWaits implements BeforeEachCallback, AfterEachCallback {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final AtomicBoolean interruptNext = new AtomicBoolean();

  /** The waits asked for, in order. */
  List<Duration> waits() {
    return waits;
  }

  /** The next wait is cut short by an interrupt. */
  void interruptNext() {
    interruptNext.set(true);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    waits.clear();
    RetryImpl.setSleepFunction(
        millis -> {
          waits.add(Duration.ofMillis(millis));
          if (interruptNext.getAndSet(false)) {
            throw new InterruptedException("test");
          }
        });
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RetryImpl.setSleepFunction(Thread::sleep);
  }
}
