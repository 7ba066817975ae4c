package org.saphan.sandbox.common;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The trust and key material every simulator shares: the hub's JWKS and the party keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HubProperties.class, KeysProperties.class})
public class CommonConfiguration {

  /** Party keys, read lazily; the password is read from the environment when a key is needed. */
  @Bean
  PartyKeys partyKeys(KeysProperties keys, Environment environment) {
    return new PartyKeys(
        Path.of(keys.dir()), () -> environment.getProperty(PartyKeys.PASSWORD_ENV));
  }

  @Bean
  HubTrust hubTrust(HubProperties hub) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(hub.httpTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new HubTrust(hub, http, Clock.systemUTC());
  }
}
