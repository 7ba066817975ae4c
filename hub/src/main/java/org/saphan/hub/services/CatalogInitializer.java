package org.saphan.hub.services;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.LoadOptions;
import org.saphan.hub.platform.SaphanEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Loads and validates the connector catalog before any bean starts, so a bad catalog fails the
 * start in a second, listing every problem at once, without starting a database or broker first.
 */
public class CatalogInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** Bean name of the loaded {@link Catalog}. */
  public static final String CATALOG_BEAN = "connectorCatalog";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    String home = environment.getProperty("saphan.home");
    if (home == null) {
      return; // not a hub context (the environment post-processor sets it for every hub start)
    }
    boolean sandbox =
        environment.acceptsProfiles(Profiles.of(SaphanEnvironmentPostProcessor.SANDBOX_PROFILE));
    LoadOptions options =
        sandbox
            ? LoadOptions.sandbox()
                .withSandboxAddress(
                    environment.getProperty("saphan.sandbox.url", LoadOptions.SANDBOX_URL))
            : LoadOptions.runtime();
    CatalogLoader loader =
        new CatalogLoader(
            Path.of(home),
            name -> Optional.ofNullable(environment.getProperty(name)),
            options.withEgressAllowList(egressAllowList(environment)));
    Catalog catalog = loader.loadOrThrow();
    context.getBeanFactory().registerSingleton(CATALOG_BEAN, catalog);
  }

  /**
   * {@code saphan.egress.allowed-private-cidrs}: the card URLs' private ranges the hub may call.
   */
  public static List<String> egressAllowList(Environment environment) {
    return Binder.get(environment)
        .bind("saphan.egress.allowed-private-cidrs", Bindable.listOf(String.class))
        .orElse(List.of());
  }
}
