package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.saphan.catalog.mapping.GoldenExamples;

/**
 * The checks of the data schemas a card names ({@code form.schema}, {@code api.requestSchema}):
 * each is JSON, compiles under {@link FormSchemas}, names only formats that are asserted; the
 * request examples' forms fit the form schema and their expected agency requests fit the request
 * schema.
 */
final class SchemaRules {

  private final Path home;

  SchemaRules(Path home) {
    this.home = home;
  }

  void check(JsonNode card, String cardName, CardRules.Reporter reporter) {
    JsonSchema form = load(card.path("form").path("schema"), "form.schema", reporter);
    JsonNode requestSchema = card.path("api").path("requestSchema");
    if (requestSchema.isTextual()
        && !Files.isRegularFile(home.resolve(requestSchema.asText()).normalize())) {
      reporter.error(
          "api.requestSchema", "request schema file " + requestSchema.asText() + " does not exist");
    }
    JsonSchema request = load(requestSchema, "api.requestSchema", reporter);
    if (form == null && request == null) {
      return;
    }
    for (Path input : examples(cardName, ".request.input.json")) {
      String name = input.getFileName().toString();
      String stem = name.substring(0, name.length() - ".input.json".length());
      if (form != null) {
        checkExample(form, input, "/form", "form.schema", reporter);
      }
      Path expected = input.resolveSibling(stem + ".expected.json");
      if (request != null && Files.isRegularFile(expected)) {
        checkExample(request, expected, "", "api.requestSchema", reporter);
      }
    }
  }

  private JsonSchema load(JsonNode reference, String property, CardRules.Reporter reporter) {
    if (!reference.isTextual()) {
      return null;
    }
    Path file = home.resolve(reference.asText()).normalize();
    if (!file.startsWith(home) || !Files.isRegularFile(file)) {
      return null;
    }
    JsonNode schema;
    try {
      schema = FormSchemas.read(file);
    } catch (IOException e) {
      reporter.error(property, reference.asText() + " is not a readable JSON document");
      return null;
    }
    List<String> unknown = FormSchemas.unknownFormats(schema);
    for (String format : unknown) {
      reporter.error(
          property,
          reference.asText()
              + " "
              + format
              + " is not a format the hub asserts; use one of "
              + String.join(", ", FormSchemas.knownFormats()));
    }
    if (!unknown.isEmpty()) {
      return null;
    }
    try {
      return FormSchemas.compile(schema);
    } catch (RuntimeException e) {
      reporter.error(property, reference.asText() + " is not a valid JSON Schema (draft 2020-12)");
      return null;
    }
  }

  private void checkExample(
      JsonSchema schema, Path file, String pointer, String property, CardRules.Reporter reporter) {
    JsonNode document;
    try {
      document = FormSchemas.read(file);
    } catch (IOException e) {
      return; // the golden examples report unreadable files
    }
    JsonNode instance = pointer.isEmpty() ? document : document.at(pointer);
    if (instance.isMissingNode()) {
      reporter.error(
          property,
          "golden example "
              + home.relativize(file).toString().replace('\\', '/')
              + " has no "
              + pointer
              + " to check against "
              + property);
      return;
    }
    for (FormSchemas.Problem problem : FormSchemas.check(schema, instance)) {
      reporter.error(
          property,
          "golden example "
              + home.relativize(file).toString().replace('\\', '/')
              + (pointer.isEmpty() ? "" : " " + pointer)
              + " does not fit: "
              + problem.path()
              + " "
              + problem.reason());
    }
  }

  private List<Path> examples(String cardName, String suffix) {
    Path folder = home.resolve("mappings").resolve(cardName).resolve(GoldenExamples.FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(suffix))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
