package org.saphan.hub.routes;

import java.nio.file.Path;
import java.util.Optional;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.LoadOptions;
import org.saphan.hub.platform.SaphanEnvironmentPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
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
    CatalogLoader loader =
        new CatalogLoader(
            Path.of(home),
            name -> Optional.ofNullable(environment.getProperty(name)),
            sandbox
                ? LoadOptions.sandbox()
                    .withSandboxAddress(
                        environment.getProperty("saphan.sandbox.url", LoadOptions.SANDBOX_URL))
                : LoadOptions.runtime());
    Catalog catalog = loader.loadOrThrow();
    context.getBeanFactory().registerSingleton(CATALOG_BEAN, catalog);
  }
}
