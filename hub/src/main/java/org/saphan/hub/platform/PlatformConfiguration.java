package org.saphan.hub.platform;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's cluster beans: the node's name, once-per-cluster locks, leadership, async commit.
 */
@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

  @Bean
  NodeIdentity nodeIdentity(SaphanProperties properties, Environment environment) {
    return new NodeIdentity(properties, environment);
  }

  @Bean
  ClusterLock clusterLock(DataSource dataSource, NodeIdentity node, MeterRegistry meters) {
    return new ClusterLock(dataSource, node, meters);
  }

  @Bean
  ClusterLeadership clusterLeadership(DataSource dataSource) {
    return new ClusterLeadership(dataSource);
  }

  @Bean
  AsyncCommit asyncCommit(
      DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {
    return new AsyncCommit(dataSource, jdbc, transactions);
  }
}
