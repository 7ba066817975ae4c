package org.saphan.hub.platform;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every time-dependent decision reads, so tests can move time without sleeping; and
 * the fault injection, which is {@link FaultInjection#NONE} unless a test supplies its own.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  FaultInjection faultInjection() {
    return FaultInjection.NONE;
  }
}
