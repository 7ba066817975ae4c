package org.saphan.sandbox.epayment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.saphan.sandbox.sftp.BankSftpServer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The e-Payment gateway and bank simulator: payers, transactions, e-Receipts, notifications to the
 * hub, settlement files.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EpaymentProperties.class)
public class EpaymentConfiguration {

  /** Bean name (and qualifier) of the simulator clock. */
  public static final String CLOCK = "epaymentClock";

  /** The gateway's and the bank's time zone. */
  public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  /** Bangkok time. Not a default candidate, so other simulators keep their own clocks. */
  @Bean(name = CLOCK, defaultCandidate = false)
  Clock epaymentClock() {
    return Clock.system(BANGKOK);
  }

  /**
   * The party key, from the common settings {@code sandbox.keys.dir} and {@code
   * SAPHAN_KEYSTORE_PASSWORD} (environment variable, or property of that name in tests).
   */
  @Bean
  EpaymentKeys epaymentKeys(
      @Value("${sandbox.keys.dir:../keys}") String keysDir,
      @Value("${SAPHAN_KEYSTORE_PASSWORD:}") String password) {
    // A plain path, relative to the working directory: Spring's Path conversion would read
    // "../keys" as a class path resource.
    return new EpaymentKeys(Path.of(keysDir), password.toCharArray());
  }

  @Bean
  Payers epaymentPayers(EpaymentProperties properties, ResourceLoader resourceLoader)
      throws IOException {
    try (InputStream json = resourceLoader.getResource(properties.payers()).getInputStream()) {
      return Payers.read(json);
    }
  }

  @Bean
  Transactions epaymentTransactions() {
    return new Transactions();
  }

  @Bean
  EpaymentFaults epaymentFaults() {
    return new EpaymentFaults();
  }

  @Bean
  NotificationLog epaymentNotificationLog(EpaymentProperties properties) {
    return new NotificationLog(properties.notificationLogSize());
  }

  @Bean
  Receipts epaymentReceipts(
      EpaymentKeys keys, EpaymentProperties properties, @Qualifier(CLOCK) Clock clock) {
    return new Receipts(keys, properties.seller(), clock);
  }

  /** Notifications go to {@code sandbox.hub.base-url} (common setting) + the notification path. */
  @Bean
  PaymentNotifier paymentNotifier(
      @Value("${sandbox.hub.base-url:http://localhost:8080}") String hubBaseUrl,
      EpaymentKeys keys,
      ObjectMapper mapper,
      NotificationLog notificationLog,
      EpaymentProperties properties,
      @Qualifier(CLOCK) Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    URI endpoint = URI.create(hubBaseUrl.replaceFirst("/+$", "") + properties.notificationPath());
    return new PaymentNotifier(
        notificationExecutor(), http, endpoint, keys, mapper, notificationLog, properties, clock);
  }

  @Bean
  PaymentGateway paymentGateway(
      Payers payers,
      Transactions transactions,
      Receipts receipts,
      PaymentNotifier notifier,
      EpaymentFaults faults,
      EpaymentKeys keys,
      EpaymentProperties properties,
      Environment environment,
      @Qualifier(CLOCK) Clock clock) {
    return new PaymentGateway(
        payers,
        transactions,
        receipts,
        notifier,
        faults,
        keys,
        () -> publicBaseUrl(properties, environment),
        clock);
  }

  @Bean
  Settlements epaymentSettlements(
      Transactions transactions,
      BankSftpServer sftp,
      EpaymentProperties properties,
      @Qualifier(CLOCK) Clock clock) {
    return new Settlements(transactions, sftp, properties.bank(), clock);
  }

  private static String publicBaseUrl(EpaymentProperties properties, Environment environment) {
    if (!properties.publicBaseUrl().isBlank()) {
      return properties.publicBaseUrl().replaceFirst("/+$", "");
    }
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8090"));
    return "http://localhost:" + port;
  }

  private static ScheduledExecutorService notificationExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        runnable -> {
          Thread thread = new Thread(runnable, "epayment-notify-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return Executors.newScheduledThreadPool(2, threads);
  }
}
