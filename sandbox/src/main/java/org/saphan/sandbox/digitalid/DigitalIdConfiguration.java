package org.saphan.sandbox.digitalid;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** Wires the Digital ID stand-in: its settings and the persona list. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DigitalIdProperties.class)
public class DigitalIdConfiguration {

  @Bean
  PersonaCatalog personaCatalog(DigitalIdProperties properties, ResourceLoader resources)
      throws IOException {
    try (InputStream json = resources.getResource(properties.personas()).getInputStream()) {
      return PersonaCatalog.read(json);
    }
  }
}
