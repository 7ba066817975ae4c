package org.saphan.sandbox.tsa;

import java.time.Clock;
import org.saphan.sandbox.common.PartyKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The time-stamping authority: party key {@code tsa} of {@code ./saphan keys init}. */
@Configuration(proxyBeanMethods = false)
public class TsaConfiguration {

  /** The party whose key signs the tokens. */
  static final String PARTY = "tsa";

  @Bean
  TimeStampAuthority timeStampAuthority(PartyKeys keys) {
    return new TimeStampAuthority(() -> keys.get(PARTY), Clock.systemUTC());
  }
}
