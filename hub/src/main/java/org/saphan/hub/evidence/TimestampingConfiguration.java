package org.saphan.hub.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.saphan.hub.security.KeysProperties;
import org.saphan.hub.security.SigningConfiguration;
import org.saphan.hub.security.egress.EgressClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message log's batch timestamping (docs/evidence.md): the chain of manifests, the TSA client,
 * the cluster's timestamper job and the fail-safe state the delivery layer acts on.
 */
@Configuration(proxyBeanMethods = false)
public class TimestampingConfiguration {

  @Bean
  Manifests manifests(JdbcClient jdbc, Clock clock) {
    return new Manifests(jdbc, clock);
  }

  @Bean
  TsaClient tsaClient(
      EgressClient egress,
      EvidenceProperties properties,
      KeysProperties keys,
      SaphanProperties saphan) {
    return new TsaClient(egress, properties, SigningConfiguration.keysDir(keys, saphan));
  }

  @Bean
  Timestamper timestamper(
      Manifests manifests,
      TsaClient tsa,
      TransactionTemplate transactions,
      MeterRegistry meters,
      EvidenceProperties properties) {
    return new Timestamper(manifests, tsa, transactions, meters, properties.getBatchSize());
  }

  /** Seals and stamps, once per cluster. */
  @Bean
  ScheduledWork evidenceTimestamperWork(Timestamper timestamper) {
    return ScheduledWork.locked(RecurringJob.EVIDENCE_TIMESTAMPER, timestamper::run);
  }

  @Bean
  StampingState stampingState(
      JdbcClient jdbc, Clock clock, EvidenceProperties properties, MeterRegistry meters) {
    StampingState state = new StampingState(jdbc, clock, properties.getMaxUnstampedAge());
    state.bind(meters);
    return state;
  }

  @Bean
  TimestampingHealthIndicator timestampingHealthIndicator(StampingState state) {
    return new TimestampingHealthIndicator(state);
  }
}
