package org.saphan.hub.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.activemq.artemis.core.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

/**
 * The sandbox profile's state: a real PostgreSQL started in-process (zonky) and Artemis embedded,
 * both keeping their data under {@code saphan.data-dir} so a second start sees the first's data.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@Profile(SaphanEnvironmentPostProcessor.SANDBOX_PROFILE)
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
    name = SaphanEnvironmentPostProcessor.EMBEDDED_STATE,
    havingValue = "true",
    matchIfMissing = true)
public class SandboxStateConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SandboxStateConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(SaphanProperties properties) throws IOException {
    Path dir = properties.getDataDir().resolve("postgres");
    Files.createDirectories(dir);
    OrphanedPostgres.stopIfRunning(dir, properties.getSandbox().getPostgresStartTimeout());
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setPort(properties.getSandbox().getPostgresPort())
            .setPGStartupWait(properties.getSandbox().getPostgresStartTimeout());
    withoutDataInServerLog(builder);
    boolean durable = properties.getSandbox().isPostgresDurable();
    if (durable) {
      durable(builder);
    }
    EmbeddedPostgres postgres = builder.start();
    log.info(
        "Sandbox PostgreSQL on port {} with data in {}{}",
        postgres.getPort(),
        dir,
        durable ? " (durable: fsync, synchronous_commit, full_page_writes on)" : "");
    return postgres;
  }

  /**
   * Keeps request data out of the embedded server's log, which the hub's log carries: PostgreSQL
   * logs a refused statement with its text and the data it choked on ({@code CONTEXT: JSON data,
   * line 1: ...}). Client errors are the hub's to log (without data); the server logs FATAL and up.
   */
  static EmbeddedPostgres.Builder withoutDataInServerLog(EmbeddedPostgres.Builder builder) {
    return builder
        .setServerConfig("log_min_messages", "fatal")
        .setServerConfig("log_min_error_statement", "panic")
        .setServerConfig("log_error_verbosity", "terse");
  }

  /**
   * Makes the embedded cluster as durable as a production one. zonky starts the postmaster with
   * {@code -F} (fsync off) and {@code synchronous_commit=off}; an accepted application must be on
   * disk when the hub answers 202, in the sandbox too (and benchmarks need every commit on disk).
   * The {@code -c} settings come after {@code -F} on the command line, so they win.
   */
  static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
    return builder
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on");
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedPostgres postgres, SaphanProperties properties) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("saphan-sandbox");
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(properties.getSandbox().getPostgresPoolSize());
    return new HikariDataSource(config);
  }

  @Bean
  ArtemisConfigurationCustomizer sandboxBrokerCustomizer(
      SaphanProperties properties, org.saphan.catalog.Catalog catalog) {
    return configuration -> {
      customize(configuration, properties);
      BrokerSettings.apply(configuration, catalog);
    };
  }

  private static void customize(Configuration configuration, SaphanProperties properties) {
    Path journal = properties.getDataDir().resolve("artemis");
    configuration.setPersistenceEnabled(true);
    configuration.setJournalDirectory(journal.resolve("journal").toString());
    configuration.setBindingsDirectory(journal.resolve("bindings").toString());
    configuration.setLargeMessagesDirectory(journal.resolve("large-messages").toString());
    configuration.setPagingDirectory(journal.resolve("paging").toString());
    configuration.setNodeManagerLockDirectory(journal.toString());
    // A message is acknowledged to its sender only once it is on disk.
    configuration.setJournalSyncTransactional(true);
    configuration.setJournalSyncNonTransactional(true);
    int port = properties.getSandbox().getBrokerPort();
    if (port > 0) {
      try {
        configuration.addAcceptorConfiguration("sandbox-tcp", "tcp://127.0.0.1:" + port);
      } catch (Exception e) {
        throw new StartupRefusedException(
            "Cannot open the sandbox broker acceptor on 127.0.0.1:" + port + ": " + e.getMessage(),
            "Free the port or set saphan.sandbox.broker-port (0 disables the TCP acceptor).");
      }
    }
    log.info("Sandbox Artemis journal in {}, TCP acceptor {}", journal, port > 0 ? port : "off");
  }
}
