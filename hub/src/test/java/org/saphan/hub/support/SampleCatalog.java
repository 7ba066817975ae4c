package org.saphan.hub.support;

import java.nio.file.Path;
import java.util.Map;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.LoadOptions;
import org.saphan.catalog.SecretResolver;

/**
 * The project's sample cards ({@code connectors/}), loaded once per test JVM for unit tests that
 * read them: loading runs every mapping's golden examples, which costs seconds.
 */
public final class SampleCatalog {

  /** The project's Saphan home, as the build sets it. */
  public static final Path HOME = Path.of(System.getProperty("saphan.home", ".."));

  private static Catalog catalog;

  private SampleCatalog() {}

  /** The sample cards, offline (secrets unresolved). */
  public static synchronized Catalog get() {
    if (catalog == null) {
      catalog =
          new CatalogLoader(HOME, SecretResolver.of(Map.of()), LoadOptions.validate())
              .loadOrThrow();
    }
    return catalog;
  }
}
