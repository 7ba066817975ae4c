package org.saphan.hub.evidence;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The message log (docs/evidence.md): the record every exchange writes in the transaction of its
 * state change; below the flows, so GDX, identity and consent record their exchanges too.
 */
@Configuration(proxyBeanMethods = false)
public class EvidenceConfiguration {

  @Bean
  Evidence evidence(JdbcClient jdbc, Clock clock) {
    return new Evidence(jdbc, clock);
  }
}
