package org.saphan.hub.applications;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.saphan.catalog.RecurringJob;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.gdx.GdxClient;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.security.Signing;
import org.saphan.hub.services.ServiceDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applications of models 3 and 4: intake, store, timeline, evidence, dead letters, portal events.
 */
@Configuration(proxyBeanMethods = false)
public class ApplicationsConfiguration {

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
  Prefill prefill(ConsentGate gate, ObjectProvider<GdxClient> gdx) {
    return new Prefill(gate, gdx);
  }

  @Bean
  Evidence evidence(JdbcClient jdbc) {
    return new Evidence(jdbc);
  }

  @Bean
  DeadLetters deadLetters(JdbcClient jdbc, AsyncCommit commits) {
    return new DeadLetters(jdbc, commits);
  }

  @Bean
  StatusRecorder statusRecorder(
      ApplicationStore store,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Evidence evidence) {
    return new StatusRecorder(store, jdbc, transactions, meters, evidence);
  }

  @Bean
  ApplicationIntake applicationIntake(
      ServiceDirectory services,
      FormValidator forms,
      ConsentGate gate,
      Prefill prefill,
      ApplicationStore store,
      IdempotencyStore idempotency,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock,
      AsyncCommit commits) {
    return new ApplicationIntake(
        services, forms, gate, prefill, store, idempotency, transactions, meters, clock, commits);
  }

  @Bean
  Replays replays(
      DeadLetters deadLetters,
      ApplicationStore store,
      org.saphan.catalog.Catalog catalog,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Clock clock,
      NodeIdentity node,
      ReplayProperties properties) {
    return new Replays(
        deadLetters,
        store,
        catalog,
        jdbc,
        transactions,
        clock,
        node.name(),
        properties.getHeartbeatTimeout());
  }

  /** Resumes bulk replays whose node stopped heart-beating, once per cluster. */
  @Bean
  ScheduledWork replayResumeWork(Replays replays) {
    return ScheduledWork.locked(RecurringJob.REPLAY_RESUME, replays::resumeStale);
  }

  @Bean
  PortalNotifier portalNotifier(
      JdbcClient jdbc,
      Signing signing,
      ClusterLock lock,
      MeterRegistry meters,
      Clock clock,
      PortalProperties portal,
      AsyncCommit commits,
      org.saphan.hub.security.egress.EgressClient egress) {
    return new PortalNotifier(jdbc, signing, lock, meters, clock, portal, commits, egress);
  }

  /**
   * Drives the portal notifier, which takes the cluster lock itself (only while a webhook is set:
   * no lock round-trip every 500 ms for nothing).
   */
  @Bean
  ScheduledWork portalNotifierWork(PortalNotifier notifier) {
    return ScheduledWork.locksItself(RecurringJob.PORTAL_NOTIFIER, notifier::sendDue);
  }
}
