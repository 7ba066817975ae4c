package org.saphan.hub.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.ClusterLeadership;
import org.saphan.hub.platform.schedule.ScheduledWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox: the one API that queues messages for the routes, and its relay to the broker. */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

  @Bean
  Outbox outbox(JdbcClient jdbc) {
    return new Outbox(jdbc);
  }

  @Bean
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      ConnectionFactory connections,
      ClusterLeadership leadership,
      MeterRegistry meters,
      AsyncCommit commits) {
    return new OutboxRelay(jdbc, connections, leadership, meters, commits);
  }

  /** Publishes the outbox, on the leader of the cluster only (no lock round-trip per tick). */
  @Bean
  ScheduledWork outboxRelayWork(OutboxRelay relay) {
    return ScheduledWork.onLeader(RecurringJob.OUTBOX_RELAY, relay::tick);
  }
}
