package org.saphan.hub.services;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.hub.consent.ConsentAgreements;
import org.saphan.hub.consent.ConsentLedger;
import org.saphan.hub.consent.DataAccessLog;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.SaphanProperties;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.egress.InfoSourceFetcher;
import org.saphan.hub.security.egress.LinkProber;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The roadmap (connectors/roadmap/services.json), the service directory built on it, and the steps
 * the model 0-2 routes call (info refresh, link probes, SSO assertions and their claim release).
 */
@Configuration(proxyBeanMethods = false)
public class ServicesConfiguration {

  @Bean
  RoadmapCatalog roadmapCatalog(SaphanProperties properties) {
    return RoadmapCatalog.load(properties.getHome());
  }

  @Bean
  LinkHealth linkHealth(JdbcClient jdbc, Clock clock) {
    return new LinkHealth(jdbc, clock);
  }

  @Bean
  ServiceDirectory serviceDirectory(RoadmapCatalog roadmap, Catalog catalog, JdbcClient jdbc) {
    return new ServiceDirectory(roadmap, catalog, jdbc);
  }

  @Bean
  ServiceInfoRefresher serviceInfoRefresher(
      Catalog catalog, JdbcClient jdbc, InfoSourceFetcher fetcher, MeterRegistry meters) {
    return new ServiceInfoRefresher(catalog, jdbc, fetcher, meters);
  }

  @Bean
  LinkProbes linkProbes(
      Catalog catalog, LinkProber prober, LinkHealth health, MeterRegistry meters) {
    return new LinkProbes(catalog, prober, health, meters);
  }

  @Bean
  ClaimRelease claimRelease(ConsentAgreements agreements, ConsentLedger ledger, DataAccessLog log) {
    return new ClaimRelease(agreements, ledger, log);
  }

  @Bean
  SsoAssertions ssoAssertions(
      Catalog catalog,
      Signing signing,
      ClaimRelease release,
      MeterRegistry meters,
      Clock clock,
      Evidence evidence) {
    return new SsoAssertions(catalog, signing, release, meters, clock, evidence);
  }
}
