package org.saphan.hub.delivery;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.batch.export.BatchUploader;
import org.saphan.hub.batch.export.ExportStore;
import org.saphan.hub.evidence.Evidence;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch branch of a delivery ({@code api.transport: batch}): instead of calling the agency, the
 * mapped record (the request mapping's output, one line of the card's layout) is queued for the
 * card's next export file, in one transaction with its message log entry ({@code batch_queued}). A
 * redelivered message queues nothing twice: the application is in at most one file.
 */
public class QueueExport implements Processor {

  private final ExportStore store;
  private final Evidence evidence;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public QueueExport(
      ExportStore store, Evidence evidence, TransactionTemplate transactions, Clock clock) {
    this.store = store;
    this.evidence = evidence;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    String record = exchange.getMessage().getBody(String.class);
    transactions.executeWithoutResult(
        tx -> {
          boolean queued =
              store.queue(
                  delivery.application().id(),
                  delivery.card().name(),
                  delivery.messageId(),
                  record,
                  clock.instant());
          if (queued) {
            evidence.record(
                Evidence.entry("batch_queued")
                    .application(delivery.application().id())
                    .message(delivery.messageId())
                    .card(delivery.card())
                    .authorisedBy(
                        delivery.authorisation().consentRecordId(),
                        delivery.authorisation().lawfulBasis())
                    .exchange(BatchUploader.EXCHANGE, null)
                    .outcome("queued")
                    .sha256(Digests.sha256(record)));
          }
        });
  }
}
