package org.saphan.hub.security.egress;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.saphan.hub.platform.StartupRefusedException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's one outbound HTTP client and the model 0 / model 1 users of it. */
@Configuration(proxyBeanMethods = false)
public class EgressConfiguration {

  @Bean(destroyMethod = "close")
  SafeHttpClient safeHttpClient(EgressProperties egress) {
    try {
      return new SafeHttpClient(egress);
    } catch (IllegalArgumentException e) {
      throw new StartupRefusedException(
          "saphan.egress.allowed-private-cidrs: " + e.getMessage(),
          "List private ranges in CIDR notation, e.g. 10.20.0.0/16 or fd12:3456::/48.");
    }
  }

  @Bean
  EgressClient egressClient(SafeHttpClient safeHttpClient, MeterRegistry meters) {
    return new EgressClient(safeHttpClient, meters);
  }

  @Bean
  LinkProber linkProber(SafeHttpClient safeHttpClient, Clock clock) {
    return new LinkProber(safeHttpClient, clock);
  }

  @Bean
  InfoSourceFetcher infoSourceFetcher(SafeHttpClient safeHttpClient) {
    return new InfoSourceFetcher(safeHttpClient);
  }
}
