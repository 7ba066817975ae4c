package org.saphan.hub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.Finding;
import org.saphan.catalog.LoadOptions;
import org.saphan.catalog.LoadResult;
import org.saphan.hub.platform.SaphanEnvironmentPostProcessor;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.FileSystemUtils;

/**
 * Checks a connector card posted over HTTP exactly as this hub would check it at start-up (same
 * schema, rules, mapping files and secrets), so agency IT can try a card against the sandbox.
 */
public class ConnectorValidation {

  private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+){0,20}");

  private final SaphanProperties properties;
  private final Environment environment;
  private final ObjectMapper json;

  public ConnectorValidation(
      SaphanProperties properties, Environment environment, ObjectMapper json) {
    this.properties = properties;
    this.environment = environment;
    this.json = json;
  }

  /** The findings for one card, as the operator and agency see them. */
  public Map<String, Object> validate(JsonNode card) {
    String name = card.path("metadata").path("name").asText("");
    String fileName =
        (SAFE_NAME.matcher(name).matches() ? name : "posted-card") + CatalogLoader.CARD_SUFFIX;
    Path dir = null;
    try {
      dir = Files.createTempDirectory("saphan-validate-");
      Path file = dir.resolve(fileName);
      json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), card);
      boolean sandbox =
          environment.acceptsProfiles(Profiles.of(SaphanEnvironmentPostProcessor.SANDBOX_PROFILE));
      CatalogLoader loader =
          new CatalogLoader(
              properties.getHome(),
              key -> Optional.ofNullable(environment.getProperty(key)),
              new LoadOptions(sandbox, false)
                  .withEgressAllowList(
                      org.saphan.hub.services.CatalogInitializer.egressAllowList(environment)));
      LoadResult result = loader.validatePaths(List.of(file));
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("valid", !result.hasErrors());
      answer.put("errors", result.errors().stream().map(ConnectorValidation::view).toList());
      answer.put("warnings", result.warnings().stream().map(ConnectorValidation::view).toList());
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stage the posted card for validation", e);
    } finally {
      if (dir != null) {
        try {
          FileSystemUtils.deleteRecursively(dir);
        } catch (IOException ignored) {
          // a temporary folder left behind is harmless
        }
      }
    }
  }

  private static Map<String, Object> view(Finding finding) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("card", finding.card());
    view.put("property", finding.path());
    view.put("reason", finding.reason());
    view.put("line", finding.line());
    return view;
  }
}
