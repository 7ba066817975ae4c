package org.saphan.hub.routes;

import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.saphan.hub.platform.ClusterLock;

/**
 * The {@code policy} a scheduled template wraps its work in ({@code policy: {ref:
 * oncePerCluster}}): the steps inside run only on the node that holds the route's cluster lock (job
 * name = route id, recorded in {@code scheduled_run}); on the other nodes, or while an operator's
 * run-now holds it, the exchange passes the block untouched.
 */
public class OncePerCluster implements Policy {

  private final ClusterLock lock;

  public OncePerCluster(ClusterLock lock) {
    this.lock = lock;
  }

  @Override
  public void beforeWrap(Route route, NamedNode definition) {
    // Nothing to prepare: the lock is taken per exchange.
  }

  @Override
  public Processor wrap(Route route, Processor steps) {
    String job = route.getRouteId();
    return exchange -> {
      try {
        lock.callIfFree(job, () -> runSteps(steps, exchange));
      } catch (FailedInside e) {
        // Recorded as a failed run; the exchange keeps its own failure for the error handler.
      }
    };
  }

  private static Void runSteps(Processor steps, Exchange exchange) {
    try {
      steps.process(exchange);
    } catch (Exception e) {
      exchange.setException(e);
    }
    // A failure the route's error policy handled (recorded, retries spent) is a failed run too.
    boolean handled =
        exchange.getExchangeExtension().isErrorHandlerHandledSet()
            && exchange.getExchangeExtension().isErrorHandlerHandled();
    if (exchange.getException() != null || handled) {
      throw new FailedInside();
    }
    return null;
  }

  /** Marks the cluster run failed without leaving the exchange. */
  private static final class FailedInside extends RuntimeException {
    FailedInside() {
      super("the steps failed", null, false, false);
    }
  }
}
