package org.saphan.hub.applications;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.gdx.GdxClient;
import org.saphan.hub.outbox.Outbox;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.services.ServiceDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applications of models 3 and 4, the intake side: intake, store, timeline, idempotency, forms,
 * pre-fill.
 */
@Configuration(proxyBeanMethods = false)
public class ApplicationsConfiguration {

  /** Closed applications leave with the evidence retention (PDPA storage limitation). */
  @Bean
  ApplicationRetention applicationRetention(
      JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager transactions) {
    return new ApplicationRetention(jdbc, new TransactionTemplate(transactions));
  }

  @Bean
  ApplicationStore applicationStore(JdbcClient jdbc) {
    return new ApplicationStore(jdbc);
  }

  @Bean
  IdempotencyStore idempotencyStore(JdbcClient jdbc, Clock clock, AsyncCommit commits) {
    return new IdempotencyStore(jdbc, clock, commits);
  }

  @Bean
  FormValidator formValidator(SaphanProperties properties, MappingRunner mappings) {
    return new FormValidator(properties.getHome(), mappings);
  }

  @Bean
  Prefill prefill(
      ConsentGate gate, ObjectProvider<GdxClient> gdx, Evidence evidence, AsyncCommit commits) {
    return new Prefill(gate, gdx, evidence, commits);
  }

  @Bean
  ApplicationIntake applicationIntake(
      ServiceDirectory services,
      FormValidator forms,
      ConsentGate gate,
      Prefill prefill,
      ApplicationStore store,
      Outbox outbox,
      IdempotencyStore idempotency,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock,
      AsyncCommit commits) {
    return new ApplicationIntake(
        services,
        forms,
        gate,
        prefill,
        store,
        outbox,
        idempotency,
        transactions,
        meters,
        clock,
        commits);
  }
}
