package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the Camel route files of {@code routes/} offline: each file is readable YAML (with the
 * cards' hardened reader), and each route template's declared parameters agree with the ones it
 * uses: every declared parameter has a description and appears as {@code {{name}}} in the template,
 * and every {@code {{name}}} the template uses is declared or is a known property placeholder
 * ({@code {{saphan.*}}}, or one of Camel's {@code env:}, {@code sys:}, {@code sysenv:} functions).
 * Findings name the file, the line, and {@code <template id>.<parameter>}. It also checks the
 * structure the hub's instantiation relies on: every entry a Camel YAML DSL one, templates found
 * under their own file name, routes starting from a URI, one EIP per step, every {@code
 * routeConfigurationId} declared, and each template the hub instantiates declaring exactly the
 * parameters the hub binds ({@link RouteBindings}).
 */
public final class RouteTemplateRules {

  /** The folder of route files under the Saphan home. */
  public static final String ROUTES_FOLDER = "routes";

  /** How a route file's name ends. */
  public static final String ROUTE_SUFFIX = ".camel.yaml";

  /**
   * A Camel property placeholder: {@code {{name}}}, {@code {{?name}}}, {@code {{name:default}}}.
   */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([^{}:]+)(:[^{}]*)?}}");

  /** Camel's placeholder functions, which read the environment rather than a parameter. */
  private static final Set<String> FUNCTIONS = Set.of("env", "sys", "sysenv");

  /** Properties of the hub's own configuration that templates may read. */
  private static final String KNOWN_PROPERTY_PREFIX = "saphan.";

  /** Keys of a route template that hold no route text (descriptions may quote placeholders). */
  private static final Set<String> NOT_ROUTE_TEXT = Set.of("id", "description", "parameters");

  /** The Camel YAML DSL entries a route file may hold. */
  private static final Set<String> DSL_ENTRIES =
      Set.of("routeTemplate", "routeConfiguration", "route", "templatedRoute", "beans", "rest");

  /** The properties of a route template in Camel's YAML DSL. */
  private static final Set<String> TEMPLATE_KEYS =
      Set.of("id", "description", "parameters", "route", "beans");

  /** The properties of a template parameter in Camel's YAML DSL. */
  private static final Set<String> PARAMETER_KEYS =
      Set.of("name", "description", "defaultValue", "required");

  private RouteTemplateRules() {}

  /** Every finding about the route files of {@code home}; none when it has no routes folder. */
  public static List<Finding> check(Path home) {
    Path folder = home.resolve(ROUTES_FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try {
      files = routeFiles(folder);
    } catch (IOException e) {
      return List.of(
          Finding.error("", "", "cannot list the route files", Path.of(ROUTES_FOLDER), 0));
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> configurations = new LinkedHashSet<>();
    List<ConfigurationUse> uses = new ArrayList<>();
    for (Path file : files) {
      findings.addAll(
          checkFile(
              file, Path.of(ROUTES_FOLDER, file.getFileName().toString()), configurations, uses));
    }
    for (ConfigurationUse use : uses) {
      for (String id : use.ids().split(",")) {
        if (!configurations.contains(id.strip())) {
          findings.add(
              Finding.error(
                  "",
                  use.template() + ".route.routeConfigurationId",
                  "names the routeConfiguration '"
                      + id.strip()
                      + "', which no route file declares; declared: "
                      + String.join(", ", configurations),
                  use.file(),
                  use.line()));
        }
      }
    }
    return findings;
  }

  /** A template's {@code routeConfigurationId}, checked once every file is read. */
  private record ConfigurationUse(String template, String ids, Path file, int line) {}

  /** The findings of one route file, shown as {@code shown} in the findings. */
  private static List<Finding> checkFile(
      Path file, Path shown, Set<String> configurations, List<ConfigurationUse> uses) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of(Finding.error("", "", "cannot be read", shown, 0));
    }
    YamlCardReader.Result yaml = new YamlCardReader().read(text);
    List<Finding> findings = new ArrayList<>();
    for (YamlCardReader.Problem problem : yaml.problems()) {
      findings.add(Finding.error("", problem.path(), problem.reason(), shown, problem.line()));
    }
    if (yaml.root() == null || !findings.isEmpty()) {
      return findings;
    }
    if (!yaml.root().isArray()) {
      findings.add(
          Finding.error(
              "", "", "must be a YAML list of Camel DSL entries (- routeTemplate: ...)", shown, 1));
      return findings;
    }
    for (int i = 0; i < yaml.root().size(); i++) {
      JsonNode entry = yaml.root().get(i);
      String path = PropertyPath.index("", i);
      String kind = entry.isObject() && entry.size() == 1 ? entry.fieldNames().next() : null;
      if (kind == null || !DSL_ENTRIES.contains(kind)) {
        findings.add(
            Finding.error(
                "",
                "",
                "a Camel YAML DSL entry is a mapping with one of "
                    + new TreeSet<>(DSL_ENTRIES)
                    + (kind == null ? "" : ", not " + kind),
                shown,
                line(yaml, path)));
        continue;
      }
      JsonNode body = entry.get(kind);
      if (kind.equals("routeConfiguration") && body.path("id").isTextual()) {
        configurations.add(body.path("id").textValue());
      }
      if (kind.equals("routeTemplate") && body.isObject()) {
        String templatePath = path + ".routeTemplate";
        checkTemplate(body, templatePath, yaml, shown, findings);
        checkStructure(body, templatePath, yaml, shown, findings);
        JsonNode configuration = body.path("route").path("routeConfigurationId");
        if (configuration.isTextual() && body.path("id").isTextual()) {
          uses.add(
              new ConfigurationUse(
                  body.path("id").textValue(),
                  configuration.textValue(),
                  shown,
                  line(yaml, templatePath + ".route.routeConfigurationId")));
        }
      }
    }
    return findings;
  }

  /**
   * What the hub relies on to instantiate a template: it is found as {@code
   * routes/<id>.camel.yaml}, holds only Camel's template properties, starts its route from a URI,
   * each step is one EIP; and it declares exactly the parameters the hub binds (see {@link
   * RouteBindings}).
   */
  private static void checkStructure(
      JsonNode template,
      String path,
      YamlCardReader.Result yaml,
      Path shown,
      List<Finding> findings) {
    String id = template.path("id").asText("");
    if (id.isBlank()) {
      return;
    }
    String fileName = shown.getFileName().toString();
    if (!fileName.equals(id + ROUTE_SUFFIX)) {
      findings.add(
          Finding.error(
              "",
              id,
              "is declared in "
                  + fileName
                  + "; name the file "
                  + id
                  + ROUTE_SUFFIX
                  + ", where the hub looks for the template",
              shown,
              line(yaml, path + ".id")));
    }
    for (Iterator<String> keys = template.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!TEMPLATE_KEYS.contains(key)) {
        findings.add(
            Finding.error(
                "",
                id + "." + key,
                "is not a routeTemplate property; use " + new TreeSet<>(TEMPLATE_KEYS),
                shown,
                line(yaml, PropertyPath.child(path, key))));
      }
    }
    JsonNode parameters = template.path("parameters");
    if (!parameters.isMissingNode() && !parameters.isArray()) {
      findings.add(
          Finding.error(
              "",
              id + ".parameters",
              "must be a list of {name, description}",
              shown,
              line(yaml, path + ".parameters")));
    }
    for (int i = 0; i < parameters.size(); i++) {
      String parameterPath = PropertyPath.index(path + ".parameters", i);
      for (Iterator<String> keys = parameters.get(i).fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!PARAMETER_KEYS.contains(key)) {
          findings.add(
              Finding.error(
                  "",
                  id + ".parameters[" + i + "]." + key,
                  "is not a template parameter property; use " + new TreeSet<>(PARAMETER_KEYS),
                  shown,
                  line(yaml, PropertyPath.child(parameterPath, key))));
        }
      }
    }
    JsonNode uri = template.path("route").path("from").path("uri");
    if (!uri.isTextual() || uri.textValue().isBlank()) {
      findings.add(
          Finding.error(
              "",
              id + ".route.from.uri",
              "is required: the template's route starts from an endpoint URI",
              shown,
              yaml.lineOf(path + ".route.from.uri")));
    }
    checkSteps(template.path("route"), path + ".route", id, yaml, shown, findings);
    checkBindings(template, path, id, yaml, shown, findings);
  }

  /** Every {@code steps} list under {@code node} holds one-key mappings (one EIP each). */
  private static void checkSteps(
      JsonNode node,
      String path,
      String id,
      YamlCardReader.Result yaml,
      Path shown,
      List<Finding> findings) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String childPath = PropertyPath.child(path, field.getKey());
      JsonNode value = field.getValue();
      if (field.getKey().equals("steps") && value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          JsonNode step = value.get(i);
          String stepPath = PropertyPath.index(childPath, i);
          if (!step.isObject() || step.size() != 1) {
            findings.add(
                Finding.error(
                    "",
                    id,
                    "a step is a mapping with one key, the EIP (- process: {ref: name})",
                    shown,
                    line(yaml, stepPath)));
          }
        }
      }
      if (value.isObject()) {
        checkSteps(value, childPath, id, yaml, shown, findings);
      } else if (value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          if (value.get(i).isObject()) {
            checkSteps(value.get(i), PropertyPath.index(childPath, i), id, yaml, shown, findings);
          }
        }
      }
    }
  }

  /** The template declares exactly the parameters the hub binds for it, when the hub uses it. */
  private static void checkBindings(
      JsonNode template,
      String path,
      String id,
      YamlCardReader.Result yaml,
      Path shown,
      List<Finding> findings) {
    Set<String> bound = RouteBindings.bound(id).orElse(null);
    if (bound == null) {
      return;
    }
    Set<String> declared = new LinkedHashSet<>();
    JsonNode parameters = template.path("parameters");
    for (int i = 0; i < parameters.size(); i++) {
      String name = parameters.get(i).path("name").asText("");
      if (name.isBlank()) {
        continue;
      }
      declared.add(name);
      if (!bound.contains(name)) {
        findings.add(
            about(
                id,
                name,
                "is declared, but the hub binds no such parameter for "
                    + id
                    + " (it binds "
                    + String.join(", ", new TreeSet<>(bound))
                    + ")",
                shown,
                line(yaml, PropertyPath.index(path + ".parameters", i))));
      }
    }
    for (String name : new TreeSet<>(bound)) {
      if (!declared.contains(name)) {
        findings.add(
            about(
                id,
                name,
                "is bound by the hub for every card, but the template does not declare it",
                shown,
                line(yaml, path + ".parameters")));
      }
    }
  }

  private static void checkTemplate(
      JsonNode template,
      String path,
      YamlCardReader.Result yaml,
      Path shown,
      List<Finding> findings) {
    String id = template.path("id").asText("");
    if (id.isBlank()) {
      findings.add(Finding.error("", "", "a routeTemplate has no id", shown, line(yaml, path)));
      return;
    }
    Map<String, String> declared = new LinkedHashMap<>();
    JsonNode parameters = template.path("parameters");
    for (int i = 0; i < parameters.size(); i++) {
      JsonNode parameter = parameters.get(i);
      String parameterPath = PropertyPath.index(path + ".parameters", i);
      String name = parameter.path("name").asText("");
      int line = line(yaml, parameterPath);
      if (name.isBlank()) {
        findings.add(Finding.error("", id, "a parameter has no name", shown, line));
        continue;
      }
      if (declared.putIfAbsent(name, parameterPath) != null) {
        findings.add(about(id, name, "is declared twice", shown, line));
      }
      if (parameter.path("description").asText("").isBlank()) {
        findings.add(about(id, name, "is declared without a description", shown, line));
      }
    }
    Map<String, String> used = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!NOT_ROUTE_TEXT.contains(field.getKey())) {
        collect(field.getValue(), PropertyPath.child(path, field.getKey()), used);
      }
    }
    for (Map.Entry<String, String> parameter : declared.entrySet()) {
      if (!used.containsKey(parameter.getKey())) {
        String reason =
            "is declared but never used as {{" + parameter.getKey() + "}} in the template";
        findings.add(
            about(id, parameter.getKey(), reason, shown, line(yaml, parameter.getValue())));
      }
    }
    for (Map.Entry<String, String> use : used.entrySet()) {
      if (!declared.containsKey(use.getKey()) && !known(use.getKey())) {
        String reason =
            "is used as {{" + use.getKey() + "}} but not declared in the template's parameters";
        findings.add(about(id, use.getKey(), reason, shown, line(yaml, use.getValue())));
      }
    }
  }

  /** An error about parameter {@code name} of template {@code id}. */
  private static Finding about(String id, String name, String reason, Path shown, int line) {
    return Finding.error("", id + "." + name, reason, shown, line);
  }

  /** Adds each placeholder name found in the text values under {@code node}, with its path. */
  private static void collect(JsonNode node, String path, Map<String, String> used) {
    if (node.isTextual()) {
      Matcher matcher = PLACEHOLDER.matcher(node.asText());
      while (matcher.find()) {
        used.putIfAbsent(matcher.group(1).strip(), path);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), PropertyPath.index(path, i), used);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        collect(field.getValue(), PropertyPath.child(path, field.getKey()), used);
      }
    }
  }

  /** Whether a placeholder reads the hub's configuration or the environment, not a parameter. */
  private static boolean known(String name) {
    return name.startsWith(KNOWN_PROPERTY_PREFIX) || FUNCTIONS.contains(name);
  }

  private static int line(YamlCardReader.Result yaml, String path) {
    return yaml.lines().getOrDefault(path, 0);
  }

  /**
   * The route templates of {@code home}'s route files, each with the names of its declared
   * parameters, for checks that compare them with what the hub binds; unreadable files are skipped
   * (the validator reports them).
   */
  public static Map<String, Set<String>> declaredParameters(Path home) throws IOException {
    Map<String, Set<String>> templates = new LinkedHashMap<>();
    for (Path file : routeFiles(home.resolve(ROUTES_FOLDER))) {
      JsonNode root =
          new YamlCardReader().read(Files.readString(file, StandardCharsets.UTF_8)).root();
      if (root == null) {
        continue;
      }
      for (JsonNode entry : root) {
        JsonNode template = entry.path("routeTemplate");
        if (template.isObject()) {
          Set<String> names = new LinkedHashSet<>();
          template.path("parameters").forEach(p -> names.add(p.path("name").asText()));
          templates.put(template.path("id").asText(), names);
        }
      }
    }
    return templates;
  }

  private static List<Path> routeFiles(Path folder) throws IOException {
    try (Stream<Path> listing = Files.list(folder)) {
      return listing
          .filter(file -> file.getFileName().toString().endsWith(ROUTE_SUFFIX))
          .sorted()
          .toList();
    }
  }
}
