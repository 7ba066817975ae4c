package org.saphan.hub.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message log's batch timestamper, X-Road's method (job {@code evidence-timestamper}, once per
 * cluster): first the manifests still without a token, in order; then the unsealed records, sealed
 * into the next manifest of the chain (one transaction per batch) and stamped with one RFC 3161
 * request each. A failed stamp stops the run: the manifest is asked again, first, on the next run,
 * and no later manifest is stamped before it.
 */
public class Timestamper {

  private static final Logger log = LoggerFactory.getLogger(Timestamper.class);

  /** Batches sealed in one run at most, so one run never holds the lock for long. */
  static final int MAX_BATCHES_PER_RUN = 20;

  private final Manifests manifests;
  private final TsaClient tsa;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final int batchSize;
  private boolean failing;

  public Timestamper(
      Manifests manifests,
      TsaClient tsa,
      TransactionTemplate transactions,
      MeterRegistry meters,
      int batchSize) {
    this.manifests = manifests;
    this.tsa = tsa;
    this.transactions = transactions;
    this.meters = meters;
    this.batchSize = batchSize;
  }

  /** One run: stamps what waits, then seals and stamps new batches until none is left. */
  public synchronized void run() {
    for (Manifests.Pending pending : manifests.unstamped()) {
      if (!stamp(pending)) {
        return;
      }
    }
    for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      Optional<Manifests.Pending> sealed = transactions.execute(s -> manifests.seal(batchSize));
      if (sealed == null || sealed.isEmpty()) {
        return;
      }
      meters.counter("saphan.evidence.manifests.sealed").increment();
      if (!stamp(sealed.get())) {
        return;
      }
    }
  }

  private boolean stamp(Manifests.Pending pending) {
    try {
      TsaClient.Stamp stamp = tsa.stamp(pending.manifest());
      manifests.stamped(pending.id(), stamp.response(), stamp.time());
      meters.counter("saphan.evidence.manifests.stamped").increment();
      if (failing) {
        log.info("Evidence manifest {} stamped: the TSA answers again", pending.id());
        failing = false;
      }
      return true;
    } catch (SaphanException e) {
      manifests.failed(pending.id(), e.code().code() + ": " + e.getMessage());
      meters.counter("saphan.evidence.tsa.failures", "code", e.code().code()).increment();
      if (!failing) {
        // once per outage: the state (ops, health, metrics) says it for as long as it lasts
        log.warn(
            "Evidence manifest {} not stamped, asked again next run: {}",
            pending.id(),
            SafeErrors.describe(e));
        failing = true;
      }
      return false;
    }
  }
}
