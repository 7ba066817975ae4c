package org.saphan.catalog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.json.StrictJson;

/**
 * Generates {@code connectors/README.md}, the reference of the connector card format, from {@code
 * connectors/connector.schema.json}: {@code SchemaDocCommand [--home DIR] [--check]}. With {@code
 * --check} nothing is written and the exit status is 1 when the README is not up to date.
 */
public final class SchemaDocCommand {

  /** The schema file under the Saphan home. */
  public static final String SCHEMA_FILE =
      CatalogLoader.CONNECTORS_FOLDER + "/connector.schema.json";

  /** The generated README under the Saphan home. */
  public static final String README_FILE = CatalogLoader.CONNECTORS_FOLDER + "/README.md";

  private static final String DEFS_PREFIX = "#/$defs/";
  private static final String SECRET_KEYWORD = "x-secret";

  private final PrintStream out;
  private final PrintStream err;
  private final String defaultHome;

  public SchemaDocCommand(PrintStream out, PrintStream err, String defaultHome) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.defaultHome = defaultHome;
  }

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(
        new SchemaDocCommand(System.out, System.err, System.getProperty("saphan.home")).run(args));
  }

  /**
   * Runs the command; returns 0 on success, 1 when {@code --check} finds a stale README, 2 on a
   * usage error.
   */
  public int run(String... args) {
    return GeneratedFile.run(
        "schema-doc",
        README_FILE,
        "./saphan catalog schema-doc",
        home -> render(StrictJson.mapper().readTree(home.resolve(SCHEMA_FILE).toFile())),
        defaultHome,
        out,
        err,
        args);
  }

  /** The README text for {@code schema}. */
  public static String render(JsonNode schema) {
    Renderer renderer = new Renderer(schema);
    return renderer.render();
  }

  /** Builds the Markdown. */
  private static final class Renderer {
    private final JsonNode schema;
    private final StringBuilder text = new StringBuilder();
    private final Map<String, JsonNode> sections = new LinkedHashMap<>();

    Renderer(JsonNode schema) {
      this.schema = schema;
    }

    String render() {
      line(
          "<!-- Generated from connector.schema.json by org.saphan.catalog.cli.SchemaDocCommand."
              + " Do not edit: change the schema and regenerate. -->");
      line("# Connector cards");
      line("");
      line(schema.path("title").asText() + ". " + schema.path("description").asText());
      line("");
      line(
          "Check cards offline with `./saphan validate` (all cards) or `./saphan validate"
              + " connectors/<file>.connector.yaml`; every problem is listed at once as"
              + " `<file>:<line>: <connector>.<property>: <reason>`. The hub checks the same rules at"
              + " start-up and refuses to start while a card has an error.");
      line("");
      models();
      secrets();
      mappings();
      statuses();
      line("## Reference");
      line("");
      collect("", schema);
      for (Map.Entry<String, JsonNode> section : sections.entrySet()) {
        section(section.getKey(), section.getValue());
      }
      types();
      return text.toString();
    }

    private void models() {
      line("## Integration models");
      line("");
      line(
          "`model` decides which blocks a card must have and which route template runs it"
              + " (route id `<connector>-<template>`).");
      line("");
      line("| Model | Name | Route template | Required blocks |");
      line("|---|---|---|---|");
      for (IntegrationModel model : IntegrationModel.values()) {
        List<String> required = new ArrayList<>();
        for (JsonNode rule : schema.path("allOf")) {
          if (rule.path("if").path("properties").path("model").path("const").asInt(-1)
              == model.number()) {
            rule.path("then")
                .path("required")
                .forEach(block -> required.add("`" + block.asText() + "`"));
          }
        }
        line(
            "| "
                + model.number()
                + " | "
                + model.label()
                + " | `"
                + model.templateId()
                + "` | "
                + String.join(", ", required)
                + " |");
      }
      line("");
    }

    private void secrets() {
      line("## Secrets");
      line("");
      line(
          "A card never holds a secret. Each entry of `api.credentials` is a reference"
              + " `${env:NAME}` to an environment variable, resolved when the hub starts and masked"
              + " (`****`) in every log line. `./saphan validate` runs offline: an unset variable is a"
              + " warning there and an error at start-up.");
      line("");
    }

    private void mappings() {
      line("## Mappings and golden examples");
      line("");
      line(schema.at("/properties/api/properties/mappings/description").asText());
      line("");
      line(
          "JSONata mappings take and return JSON. XSLT 3.0 mappings receive JSON input as the"
              + " text of the `xs:string` parameter `$input`, starting at the template named"
              + " `xsl:initial-template` (use `parse-json($input)` or `json-to-xml($input)`); XML input"
              + " is the source document. `xsl:output method=\"json\"` produces JSON, any other method"
              + " XML or text. Mappings see only their input: no files, URLs, environment variables,"
              + " DOCTYPEs or result documents.");
      line("");
      line(
          "An expected `.json` output is compared as a JSON tree (numbers by value); an expected"
              + " `.xml` output is compared by namespace and local name, ignoring prefixes, attribute"
              + " order, comments and whitespace-only text. A mismatch names the first differing path.");
      line("");
    }

    private void statuses() {
      line("## Canonical statuses");
      line("");
      line(
          schema.at("/$defs/canonicalStatus/description").asText()
              + " Agency codes map to these in `api.statusCodes`: "
              + values(schema.at("/$defs/canonicalStatus/enum"))
              + ".");
      line("");
    }

    /** Registers {@code node} and every object below it that has its own properties. */
    private void collect(String path, JsonNode node) {
      if (!node.path("properties").isObject()) {
        return;
      }
      sections.put(path, node);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        if (!property.getValue().has("$ref")) {
          collect(
              path.isEmpty() ? property.getKey() : path + "." + property.getKey(),
              property.getValue());
        }
      }
    }

    private void section(String path, JsonNode node) {
      line("### " + (path.isEmpty() ? "Top level" : "`" + path + "`"));
      line("");
      if (!path.isEmpty()) {
        line(node.path("title").asText() + ". " + node.path("description").asText());
        line("");
      }
      table(path, node);
    }

    private void types() {
      line("### Shared types");
      line("");
      for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("$defs").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> definition = it.next();
        JsonNode node = definition.getValue();
        line("#### " + anchorTitle(definition.getKey()));
        line("");
        line(node.path("description").asText() + " " + constraints(node, true));
        line("");
        if (node.path("properties").isObject()) {
          table(null, node);
        }
      }
    }

    private void table(String path, JsonNode node) {
      line("| Property | Type | Required | Values | Description |");
      line("|---|---|---|---|---|");
      List<String> required = new ArrayList<>();
      node.path("required").forEach(name -> required.add(name.asText()));
      for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        JsonNode value = property.getValue();
        String name =
            path == null || path.isEmpty() ? property.getKey() : path + "." + property.getKey();
        line(
            "| `"
                + name
                + "` | "
                + cell(type(value))
                + " | "
                + (required.contains(property.getKey()) ? "yes" : "no")
                + " | "
                + cell(constraints(value, false))
                + " | "
                + cell(value.path("title").asText() + ". " + value.path("description").asText())
                + " |");
      }
      line("");
    }

    private String type(JsonNode property) {
      JsonNode reference = property.path("$ref");
      if (reference.isTextual()) {
        return link(reference.asText());
      }
      JsonNode type = property.path("type");
      if (type.isArray()) {
        StringJoiner joiner = new StringJoiner(" or ");
        type.forEach(each -> joiner.add(each.asText()));
        return joiner.toString();
      }
      if (type.asText().equals("array")) {
        JsonNode items = property.path("items");
        return "list of "
            + (items.has("$ref") ? link(items.path("$ref").asText()) : items.path("type").asText());
      }
      if (type.asText().equals("object") && property.path("additionalProperties").isObject()) {
        JsonNode values = property.path("additionalProperties");
        return "map of "
            + (values.has("$ref")
                ? link(values.path("$ref").asText())
                : values.path("type").asText());
      }
      return type.asText();
    }

    private String constraints(JsonNode property, boolean sentence) {
      JsonNode effective = property;
      List<String> parts = new ArrayList<>();
      if (effective.has("enum")) {
        parts.add("one of " + values(effective.path("enum")));
      }
      JsonNode items = effective.path("items");
      if (items.has("enum")) {
        parts.add("each one of " + values(items.path("enum")));
      }
      JsonNode additional = effective.path("additionalProperties");
      if (additional.isObject() && additional.has("pattern")) {
        parts.add(
            "values match `"
                + additional.path("pattern").asText()
                + "`"
                + (additional.path(SECRET_KEYWORD).asBoolean(false) ? " (secret reference)" : ""));
      }
      if (effective.has("propertyNames")) {
        parts.add("keys match `" + effective.path("propertyNames").path("pattern").asText() + "`");
      }
      if (effective.has("pattern")) {
        parts.add("matches `" + effective.path("pattern").asText() + "`");
      }
      range(effective, parts);
      if (effective.has("default")) {
        parts.add("default " + code(effective.path("default")));
      } else if (effective.path("examples").size() > 0 && !effective.has("enum")) {
        parts.add("example " + code(effective.path("examples").get(0)));
      }
      String joined = String.join("; ", parts);
      return sentence && !joined.isEmpty() ? capitalize(joined) + "." : joined;
    }

    private static void range(JsonNode node, List<String> parts) {
      if (node.has("minimum") && node.has("maximum")) {
        parts.add(node.path("minimum").asText() + " to " + node.path("maximum").asText());
      } else if (node.has("minimum")) {
        parts.add("at least " + node.path("minimum").asText());
      } else if (node.has("exclusiveMinimum")) {
        parts.add(
            "more than "
                + node.path("exclusiveMinimum").asText()
                + (node.has("maximum") ? ", at most " + node.path("maximum").asText() : ""));
      }
      if (node.has("minItems")) {
        parts.add("at least " + node.path("minItems").asText() + " item(s)");
      }
      if (node.has("minLength") && node.path("minLength").asInt() > 0) {
        parts.add("not empty");
      }
      if (node.has("maxLength")) {
        parts.add("at most " + node.path("maxLength").asText() + " characters");
      }
    }

    private static String link(String reference) {
      String name =
          reference.startsWith(DEFS_PREFIX) ? reference.substring(DEFS_PREFIX.length()) : reference;
      return "[" + name + "](#" + anchor(anchorTitle(name)) + ")";
    }

    private static String anchorTitle(String name) {
      return "Type `" + name + "`";
    }

    private static String anchor(String heading) {
      return heading
          .toLowerCase(java.util.Locale.ROOT)
          .replaceAll("[^a-z0-9 -]", "")
          .replace(' ', '-');
    }

    private static String values(JsonNode values) {
      StringJoiner joiner = new StringJoiner(", ");
      values.forEach(
          value -> joiner.add("`" + (value.isTextual() ? value.asText() : value.toString()) + "`"));
      return joiner.toString();
    }

    private static String code(JsonNode value) {
      return "`" + (value.isTextual() ? value.asText() : value.toString()) + "`";
    }

    private static String capitalize(String text) {
      return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String cell(String text) {
      return text.replace("|", "\\|").replace("\n", " ");
    }

    private void line(String line) {
      text.append(line).append('\n');
    }
  }
}
