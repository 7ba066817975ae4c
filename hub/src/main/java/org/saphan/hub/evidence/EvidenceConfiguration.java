package org.saphan.hub.evidence;

import java.time.Clock;
import org.saphan.catalog.Catalog;
import org.saphan.hub.security.KeyMaintenance;
import org.saphan.hub.security.keys.ReloadingKeyRing;
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
  Evidence evidence(JdbcClient jdbc, Clock clock, EvidenceBodies bodies) {
    return new Evidence(jdbc, clock, bodies);
  }

  /**
   * The bodies kept for the connectors whose card says {@code evidence.mode: body}, sealed per
   * citizen; the data keys wrapped by the hub's RSA key.
   */
  @Bean
  EvidenceBodies evidenceBodies(
      JdbcClient jdbc,
      Catalog catalog,
      ReloadingKeyRing hubKeyRing,
      KeyMaintenance maintenance,
      Clock clock) {
    EvidenceBodies bodies =
        new EvidenceBodies(
            jdbc,
            connector -> catalog.find(connector).map(c -> c.evidence().keepsBodies()).orElse(false),
            hubKeyRing,
            clock);
    // a rotated RSA key takes the data keys over; an old one is never retired while it wraps any
    maintenance.rewrapping(java.util.List.of(bodies));
    return bodies;
  }
}
