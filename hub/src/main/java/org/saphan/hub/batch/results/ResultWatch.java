package org.saphan.hub.batch.results;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.saphan.catalog.settings.BatchSettings;
import org.saphan.hub.batch.export.BatchAgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import job's last step: the agency's uploaded exports still without a result file after the
 * card's {@code expectedWithin} are overdue. Each is told once in the log (a warning naming the
 * file, when it was uploaded and what to do) and all are counted in the gauge {@code
 * saphan.batch.results.overdue{connector}}, which alerting watches; {@code GET
 * /ops/v1/batch/exports} shows each export's result state.
 */
public class ResultWatch {

  private static final Logger log = LoggerFactory.getLogger(ResultWatch.class);

  private final ImportStore store;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, AtomicInteger> overdue = new ConcurrentHashMap<>();

  public ResultWatch(
      ImportStore store, TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
    this.store = store;
    this.transactions = transactions;
    this.meters = meters;
    this.clock = clock;
  }

  /** Signals the agency's overdue exports; returns how many are overdue now. */
  public int watch(BatchAgency agency) {
    BatchSettings.Results results = agency.settings().results().orElseThrow();
    Instant now = clock.instant();
    List<ImportStore.Overdue> late = store.overdue(agency.connector(), results.due(), now);
    for (ImportStore.Overdue export : late) {
      boolean first =
          Boolean.TRUE.equals(
              transactions.execute(tx -> store.signalOverdue(export.exportId(), now)));
      if (first) {
        log.warn(
            "Results overdue: export {} of {} (sequence {}) was uploaded at {} and {} has sent no"
                + " result file for it within {}. Ask the agency whether it received the file"
                + " (GET /ops/v1/batch/exports); the import takes the results whenever they come",
            export.fileName(),
            agency.connector(),
            export.sequence(),
            export.uploadedAt(),
            agency.card().agencyCode(),
            results.expectedWithin());
      }
    }
    gauge(agency.connector()).set(late.size());
    return late.size();
  }

  private AtomicInteger gauge(String connector) {
    return overdue.computeIfAbsent(
        connector,
        c -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder("saphan.batch.results.overdue", value, AtomicInteger::get)
              .tag("connector", c)
              .description("Uploaded export files whose results are overdue")
              .register(meters);
          return value;
        });
  }
}
