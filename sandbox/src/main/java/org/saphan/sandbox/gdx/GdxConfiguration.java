package org.saphan.sandbox.gdx;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The GDX / DOPA Linkage Center simulator's state: clock, tokens, sessions, faults, registers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GdxProperties.class)
public class GdxConfiguration {

  /** Bean name (and qualifier) of the simulator clock. */
  public static final String CLOCK = "gdxClock";

  /**
   * The simulator clock. Not a default candidate for plain {@code Clock} injection, so other
   * simulators keep their own clocks: ask for it with {@code @Qualifier(GdxConfiguration.CLOCK)}.
   */
  @Bean(name = CLOCK, defaultCandidate = false)
  GdxClock gdxClock() {
    return new GdxClock();
  }

  @Bean
  GdxTokens gdxTokens(@Qualifier(CLOCK) GdxClock clock, GdxProperties properties) {
    return new GdxTokens(clock, properties.tokenIdleTimeout());
  }

  @Bean
  AgentSessions gdxAgentSessions(GdxProperties properties) {
    return new AgentSessions(properties.agents());
  }

  @Bean
  GdxFaults gdxFaults() {
    return new GdxFaults();
  }

  @Bean
  GdxCallLog gdxCallLog(GdxProperties properties) {
    return new GdxCallLog(properties.callLogSize());
  }

  @Bean
  GdxRecords gdxRecords(GdxProperties properties, ResourceLoader resourceLoader)
      throws IOException {
    try (InputStream json = resourceLoader.getResource(properties.records()).getInputStream()) {
      return GdxRecords.read(json);
    }
  }
}
