package org.saphan.hub.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Fixes {@code saphan.home} and {@code saphan.data-dir} once, and decides where state lives.
 *
 * <p>In the sandbox profile the hub starts its own PostgreSQL and Artemis. Anywhere else it must be
 * given a database and a broker, and refuses to start without them: a silent throwaway database
 * would lose every accepted application on restart.
 */
public class SaphanEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  /** The profile of {@code ./saphan run} and the tests. */
  public static final String SANDBOX_PROFILE = "sandbox";

  static final String HOME = "saphan.home";
  static final String DATA_DIR = "saphan.data-dir";

  /**
   * {@code false} runs the sandbox profile's rules (plain http to simulated agencies, sandbox URL
   * re-pointing, seeded personas) on a configured PostgreSQL and Artemis instead of in-process
   * ones: several hub nodes sharing one sandbox state, or a hub killed while its state lives on.
   */
  public static final String EMBEDDED_STATE = "saphan.sandbox.embedded-state";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> fixed = new LinkedHashMap<>();
    Path home = resolveHome(environment.getProperty(HOME));
    fixed.put(HOME, home.toString());
    String dataDir = environment.getProperty(DATA_DIR);
    Path data = StringUtils.hasText(dataDir) ? home.resolve(dataDir) : home.resolve("data");
    fixed.put(DATA_DIR, data.toAbsolutePath().normalize().toString());

    boolean embeddedState =
        !"false".equalsIgnoreCase(environment.getProperty(EMBEDDED_STATE, "true"));
    if (environment.acceptsProfiles(Profiles.of(SANDBOX_PROFILE)) && embeddedState) {
      fixed.put("spring.artemis.mode", "embedded");
      fixed.put("spring.artemis.embedded.persistent", "true");
      fixed.put(
          "spring.artemis.embedded.data-directory",
          data.resolve("artemis").toAbsolutePath().toString());
    } else {
      requireProductionState(environment);
      fixed.put("spring.artemis.mode", "native");
    }
    environment.getPropertySources().addFirst(new MapPropertySource("saphan-fixed", fixed));
  }

  private static void requireProductionState(ConfigurableEnvironment environment) {
    List<String> missing = new ArrayList<>();
    if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
      missing.add("database: spring.datasource.url (env SPRING_DATASOURCE_URL) is not set");
    }
    if (!StringUtils.hasText(environment.getProperty("spring.artemis.broker-url"))) {
      missing.add("broker: spring.artemis.broker-url (env SPRING_ARTEMIS_BROKER_URL) is not set");
    }
    if (!missing.isEmpty()) {
      throw new StartupRefusedException(
          "Saphan refuses to start outside the sandbox profile without its state:\n  - "
              + String.join("\n  - ", missing),
          "Configure PostgreSQL (SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME,"
              + " SPRING_DATASOURCE_PASSWORD) and Artemis (SPRING_ARTEMIS_BROKER_URL,"
              + " SPRING_ARTEMIS_USER, SPRING_ARTEMIS_PASSWORD), or run the sandbox with"
              + " './saphan run' (profile 'sandbox': embedded PostgreSQL and Artemis under data/).");
    }
  }

  /** The configured home, else the nearest folder upwards that holds connectors/ and routes/. */
  static Path resolveHome(String configured) {
    if (StringUtils.hasText(configured)) {
      Path home = Path.of(configured).toAbsolutePath().normalize();
      if (!Files.isDirectory(home)) {
        throw new StartupRefusedException(
            "saphan.home is " + home + ", which is not a directory",
            "Point saphan.home (env SAPHAN_HOME) at the Saphan project root or install folder.");
      }
      return home;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("connectors"))
          && Files.isDirectory(dir.resolve("routes"))) {
        return dir;
      }
    }
    throw new StartupRefusedException(
        "saphan.home is not set and no folder above "
            + Path.of("").toAbsolutePath()
            + " holds connectors/ and routes/",
        "Start the hub with ./saphan run, or set saphan.home (env SAPHAN_HOME).");
  }

  @Override
  public int getOrder() {
    // After Boot's config-data processing, so profiles and application*.yml are known.
    return Ordered.LOWEST_PRECEDENCE - 10;
  }
}
