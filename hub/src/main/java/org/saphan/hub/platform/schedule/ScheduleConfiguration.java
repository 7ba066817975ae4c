package org.saphan.hub.platform.schedule;

import java.time.Clock;
import org.saphan.catalog.RecurringJob;
import org.saphan.hub.platform.ClusterLeadership;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registry of recurring jobs, its scheduler, and the leadership renewal it fires. */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

  @Bean
  ScheduleRegistry scheduleRegistry(
      SaphanProperties saphan, SchedulesProperties properties, Environment environment) {
    return new ScheduleRegistry(
        saphan.getHome().resolve(properties.getFile()), properties.getFile(), environment);
  }

  @Bean
  ScheduledRuns scheduledRuns(JdbcClient jdbc) {
    return new ScheduledRuns(jdbc);
  }

  @Bean
  JobScheduler jobScheduler(
      ScheduleRegistry registry,
      ObjectProvider<ScheduledWork> works,
      ClusterLock lock,
      ScheduledRuns runs,
      Clock clock,
      NodeIdentity node) {
    return new JobScheduler(registry, works, lock, runs, clock, node.name());
  }

  /** The leadership mechanism itself: every node renews the locks it holds. */
  @Bean
  ScheduledWork leadershipRenewalWork(ClusterLeadership leadership) {
    return ScheduledWork.onEveryNode(RecurringJob.LEADERSHIP_RENEWAL, leadership::renew);
  }
}
