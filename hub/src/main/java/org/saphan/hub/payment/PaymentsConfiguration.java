package org.saphan.hub.payment;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.IdempotencyStore;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.outbox.Outbox;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.security.KeysProperties;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** e-Payment: payment orders, gateway notifications, e-Receipts, and their sweeps. */
@Configuration(proxyBeanMethods = false)
public class PaymentsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

  @Bean
  PaymentLedger paymentLedger(JdbcClient jdbc) {
    return new PaymentLedger(jdbc);
  }

  @Bean
  PaymentExceptions paymentExceptions(JdbcClient jdbc, MeterRegistry meters, Clock clock) {
    return new PaymentExceptions(jdbc, meters, clock);
  }

  @Bean
  GatewayTrust gatewayTrust(
      KeysProperties keys, SaphanProperties saphan, PaymentProperties properties) {
    Path dir = keys.getDir() == null ? Path.of("keys") : keys.getDir();
    return new GatewayTrust(saphan.getHome().resolve(dir), properties);
  }

  @Bean
  PaymentOrders paymentOrders(
      ApplicationStore applications,
      PaymentLedger ledger,
      Catalog catalog,
      IdempotencyStore idempotency,
      Evidence evidence,
      TransactionTemplate transactions,
      PaymentProperties properties,
      MeterRegistry meters,
      Clock clock) {
    return new PaymentOrders(
        applications,
        ledger,
        catalog,
        idempotency,
        evidence,
        transactions,
        properties,
        meters,
        clock);
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService paymentReceiptExecutor() {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "saphan-receipts");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean
  PaymentReceipts paymentReceipts(
      PaymentLedger ledger,
      GatewayTrust trust,
      EgressClient http,
      PaymentExceptions exceptions,
      JdbcClient jdbc,
      PaymentProperties properties,
      ExecutorService paymentReceiptExecutor,
      MeterRegistry meters,
      Clock clock,
      Evidence evidence,
      TransactionTemplate transactions) {
    return new PaymentReceipts(
        ledger,
        new LazyReceiptVerifier(trust, clock),
        http,
        exceptions,
        jdbc,
        properties,
        paymentReceiptExecutor,
        meters,
        clock,
        evidence,
        transactions);
  }

  @Bean
  PaymentNotifications paymentNotifications(
      Signing signing,
      GatewayTrust trust,
      PaymentLedger ledger,
      ApplicationStore applications,
      Outbox outbox,
      StatusRecorder statuses,
      Evidence evidence,
      PaymentExceptions exceptions,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      PaymentProperties properties,
      MeterRegistry meters,
      Clock clock,
      PaymentReceipts receipts) {
    PaymentNotifications notifications =
        new PaymentNotifications(
            signing,
            trust,
            ledger,
            applications,
            outbox,
            statuses,
            evidence,
            exceptions,
            jdbc,
            transactions,
            properties,
            meters,
            clock);
    notifications.onPaid(receipts::fetchSoon);
    return notifications;
  }

  /** The receipt verifier, built from the trusted CA file when first needed. */
  private static final class LazyReceiptVerifier
      implements java.util.function.Supplier<ReceiptVerifier> {
    private final GatewayTrust trust;
    private final Clock clock;
    private volatile ReceiptVerifier verifier;

    LazyReceiptVerifier(GatewayTrust trust, Clock clock) {
      this.trust = trust;
      this.clock = clock;
    }

    @Override
    public ReceiptVerifier get() {
      ReceiptVerifier current = verifier;
      if (current == null) {
        current = new ReceiptVerifier(trust.receiptAnchors(), clock);
        verifier = current;
      }
      return current;
    }
  }

  /** Expires unpaid orders, once per cluster. */
  @Bean
  ScheduledWork paymentExpiryWork(PaymentLedger ledger, Clock clock) {
    return ScheduledWork.locked(
        RecurringJob.PAYMENT_EXPIRY,
        () -> {
          List<String> expired = ledger.expireDue(clock.instant());
          if (!expired.isEmpty()) {
            log.info("{} unpaid payment orders expired", expired.size());
          }
        });
  }

  /** Fetches missing e-Receipts, once per cluster. */
  @Bean
  ScheduledWork paymentReceiptsWork(PaymentReceipts receipts) {
    return ScheduledWork.locked(RecurringJob.PAYMENT_RECEIPTS, () -> receipts.fetchMissing(50));
  }
}
