package org.saphan.hub.services;

import org.saphan.catalog.Catalog;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The roadmap (connectors/roadmap/services.json) and the service directory built on it. */
@Configuration(proxyBeanMethods = false)
public class ServicesConfiguration {

  @Bean
  RoadmapCatalog roadmapCatalog(SaphanProperties properties) {
    return RoadmapCatalog.load(properties.getHome());
  }

  @Bean
  LinkHealth linkHealth(JdbcClient jdbc, java.time.Clock clock) {
    return new LinkHealth(jdbc, clock);
  }

  @Bean
  ServiceDirectory serviceDirectory(RoadmapCatalog roadmap, Catalog catalog, JdbcClient jdbc) {
    return new ServiceDirectory(roadmap, catalog, jdbc);
  }
}
