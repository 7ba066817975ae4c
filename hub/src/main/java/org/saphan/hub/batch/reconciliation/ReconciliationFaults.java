package org.saphan.hub.batch.reconciliation;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Test hook for crash recovery: when enabled ({@code saphan.reconciliation.fault-injection}, never
 * in a deployment), a test arms one failure at a point of the job; it fires once, as a crash would,
 * and the run is then restarted.
 */
public class ReconciliationFaults {

  /** Where a failure can be injected. */
  public enum Point {
    /** In the load step, after at least {@code afterLines} detail lines were staged by COPY. */
    LOAD,
    /** In the match step, after the classification was written, before it commits. */
    MATCH
  }

  private record Armed(Point point, long afterLines) {}

  private final boolean enabled;
  private final AtomicReference<Armed> armed = new AtomicReference<>();

  public ReconciliationFaults(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Arms one failure.
   *
   * @throws IllegalStateException when fault injection is not enabled
   */
  public void failOnce(Point point, long afterLines) {
    if (!enabled) {
      throw new IllegalStateException("saphan.reconciliation.fault-injection is off");
    }
    armed.set(new Armed(point, afterLines));
  }

  /** Fires the armed failure if this is its point and enough lines went by. */
  void check(Point point, long lines) {
    Armed current = armed.get();
    if (current != null
        && current.point() == point
        && lines >= current.afterLines()
        && armed.compareAndSet(current, null)) {
      throw new InjectedFailure(point, lines);
    }
  }

  /** The injected failure. */
  public static final class InjectedFailure extends RuntimeException {
    InjectedFailure(Point point, long lines) {
      super("injected failure at " + point + " after " + lines + " lines");
    }
  }
}
