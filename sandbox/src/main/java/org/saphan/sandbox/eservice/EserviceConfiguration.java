package org.saphan.sandbox.eservice;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import org.saphan.sandbox.HubProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the DLT e-service simulator: its settings and the hub's keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EserviceProperties.class, HubProperties.class})
public class EserviceConfiguration {

  /** Largest JWKS accepted, in bytes: a few keys fit easily. */
  private static final int JWKS_SIZE_LIMIT = 64 * 1024;

  /**
   * The hub's public keys, fetched from its JWKS, cached, and fetched again when an assertion names
   * a key id not in the cache (the hub rotated its key), at most twice per refresh interval.
   */
  @Bean
  JWKSource<SecurityContext> hubJwkSource(HubProperties hub, EserviceProperties properties)
      throws MalformedURLException {
    int timeout = Math.toIntExact(properties.jwksTimeout().toMillis());
    JWKSourceBuilder<SecurityContext> builder =
        JWKSourceBuilder.<SecurityContext>create(
                URI.create(hub.jwksUrl()).toURL(),
                new DefaultResourceRetriever(timeout, timeout, JWKS_SIZE_LIMIT))
            .cache(
                properties.jwksCacheTtl().toMillis(),
                JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
            .retrying(true);
    if (properties.jwksMinRefreshInterval().isZero()) {
      builder.rateLimited(false);
    } else {
      builder.rateLimited(properties.jwksMinRefreshInterval().toMillis());
    }
    return builder.build();
  }
}
