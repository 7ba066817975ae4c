package org.saphan.hub.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.RecurringJob;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.security.PartyTrusts;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.egress.EgressClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Status coming back from agencies (REST callbacks, SOAP reports, polling), the status recorder
 * every flow records through, and the portal notifier.
 */
@Configuration(proxyBeanMethods = false)
public class StatusConfiguration {

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
  AgencyStatusIntake agencyStatusIntake(
      Catalog catalog,
      ApplicationStore store,
      StatusRecorder statuses,
      Evidence evidence,
      MappingRunner mappings,
      Signing signing,
      PartyTrusts trusts,
      TransactionTemplate transactions,
      Clock clock) {
    return new AgencyStatusIntake(
        catalog, store, statuses, evidence, mappings, signing, trusts, transactions, clock);
  }

  @Bean
  StatusPolling statusPolling(
      Catalog catalog,
      ApplicationStore store,
      AgencyStatusQuery agency,
      AgencyStatusIntake intake,
      MeterRegistry meters) {
    return new StatusPolling(catalog, store, agency, intake, meters);
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
      EgressClient egress,
      Evidence evidence) {
    return new PortalNotifier(
        jdbc, signing, lock, meters, clock, portal, commits, egress, evidence);
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
