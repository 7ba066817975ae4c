package org.saphan.hub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.saphan.hub.platform.NodeIdentity;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.security.KeyRegistry;
import org.saphan.hub.security.KeysProperties;
import org.saphan.hub.security.keys.ReloadingKeyRing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Operations: the operator audit trail, start records, card validation and the keys' health. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

  @Bean
  OperatorAudit operatorAudit(
      JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    return new OperatorAudit(jdbc, transactions, clock);
  }

  @Bean
  HubStartRecorder hubStartRecorder(JdbcClient jdbc, NodeIdentity node, Environment environment) {
    return new HubStartRecorder(jdbc, node, environment);
  }

  @Bean
  ConnectorValidation connectorValidation(
      SaphanProperties properties, Environment environment, ObjectMapper json) {
    return new ConnectorValidation(properties, environment, json);
  }

  /** The {@code keys} health contributor. */
  @Bean("keys")
  KeysHealthIndicator keysHealthIndicator(
      ReloadingKeyRing keyRing, KeyRegistry registry, KeysProperties properties, Clock clock) {
    return new KeysHealthIndicator(keyRing, registry, properties, clock);
  }
}
