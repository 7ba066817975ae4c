package org.saphan.hub.gdx;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.saphan.catalog.Secret;
import org.saphan.hub.platform.StartupRefusedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The GDX client, only when {@code saphan.gdx.base-url} is set, so that the hub starts without GDX.
 * The Consumer-Key and ConsumerSecret are read from the environment (or properties) named by {@code
 * saphan.gdx.consumer-key-variable} / {@code consumer-secret-variable}; a missing one stops the
 * start with the name to set, never the value.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "saphan.gdx", name = "base-url")
@Conditional(GdxConfiguration.BaseUrlGiven.class)
public class GdxConfiguration {

  /**
   * {@code base-url} set to an empty value (an unset {@code SAPHAN_GDX_BASE_URL} in a compose file)
   * also means "off"; {@code @ConditionalOnProperty} alone would take it for "on".
   */
  static final class BaseUrlGiven implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty("saphan.gdx.base-url"));
    }
  }

  @Bean
  GdxClient gdxClient(
      GdxProperties properties,
      Environment environment,
      Clock clock,
      org.saphan.hub.security.egress.EgressClient egress) {
    List<String> missing = new ArrayList<>();
    Secret key = secret(environment, properties.getConsumerKeyVariable(), missing);
    Secret secret = secret(environment, properties.getConsumerSecretVariable(), missing);
    if (!missing.isEmpty()) {
      throw new StartupRefusedException(
          "GDX is configured (saphan.gdx.base-url) but its credentials are not set: "
              + String.join(", ", missing),
          "Set the environment variables "
              + String.join(" and ", missing)
              + " to the Consumer-Key and ConsumerSecret DGA issued for the hub, or unset"
              + " saphan.gdx.base-url to run without GDX.");
    }
    return new GdxClient(properties, key, secret, clock, egress);
  }

  /** The named secret, or null after noting its name as missing. */
  static Secret secret(Environment environment, String name, List<String> missing) {
    String value = environment.getProperty(name);
    if (!StringUtils.hasText(value)) {
      missing.add(name);
      return null;
    }
    return Secret.of(value);
  }
}
