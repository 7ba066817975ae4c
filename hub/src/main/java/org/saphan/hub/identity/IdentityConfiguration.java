package org.saphan.hub.identity;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.time.Clock;
import org.saphan.hub.platform.StartupRefusedException;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.JwksRetriever;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Digital ID the hub trusts: its keys, userinfo, and the agency role assignments. */
@Configuration(proxyBeanMethods = false)
public class IdentityConfiguration {

  /** The issuer's keys are fetched again on an unknown kid, at most this often. */
  static final long MIN_REFETCH_MILLIS = 30_000;

  @Bean
  AgencyRoles agencyRoles(JdbcClient jdbc) {
    return new AgencyRoles(jdbc);
  }

  @Bean
  CallerResolver callerResolver(
      IdentityProperties properties, AgencyRoles roles, Clock clock, EgressClient egress) {
    if (properties.getIssuer() == null) {
      throw new StartupRefusedException(
          "saphan.identity.issuer is not set: the hub cannot check Digital ID tokens",
          "Set saphan.identity.issuer (env SAPHAN_IDENTITY_ISSUER) to the Digital ID issuer URL;"
              + " ./saphan run points it at the sandbox's mock-oauth2-server.");
    }
    int timeout = Math.toIntExact(properties.getHttpTimeout().toMillis());
    JWKSource<SecurityContext> keys;
    try {
      keys =
          JWKSourceBuilder.<SecurityContext>create(
                  properties.getJwksUri().toURL(),
                  new JwksRetriever(egress, UserinfoClient.PARTY, properties.getHttpTimeout()))
              .cache(properties.getJwksCacheTtl().toMillis(), timeout)
              .rateLimited(MIN_REFETCH_MILLIS)
              .retrying(true)
              .build();
    } catch (MalformedURLException e) {
      throw new StartupRefusedException(
          "saphan.identity.jwks-uri is not a URL: " + properties.getJwksUri(),
          "Fix saphan.identity.issuer or saphan.identity.jwks-uri.");
    }
    AccessTokenValidator validator =
        new AccessTokenValidator(
            keys,
            properties.getIssuer().toString(),
            properties.getAudience(),
            properties.getAlgorithms(),
            properties.getClockSkew(),
            clock);
    UserinfoClient userinfo =
        new UserinfoClient(properties.getUserinfoUri(), properties.getHttpTimeout(), clock, egress);
    return new CallerResolver(validator, userinfo, roles, properties);
  }

  /** Seeds the sandbox's agency roles on start (sandbox profile only). */
  @Bean
  @Profile("sandbox")
  SandboxRoleSeeder sandboxRoleSeeder(AgencyRoles roles) {
    return new SandboxRoleSeeder(roles);
  }
}
