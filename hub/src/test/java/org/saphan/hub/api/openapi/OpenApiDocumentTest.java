package org.saphan.hub.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.json} (the served description, kept equal to it by {@code ApiDescriptionIT})
 * is an OpenAPI 3.1 document: valid against the official OAS 3.1 JSON Schema, vendored under {@code
 * schemas/v3.1/} (networknt json-schema-validator, draft 2020-12, offline), and to swagger-parser's
 * semantic validation, an independent second reader.
 */
class OpenApiDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Path DOCS =
      Path.of(System.getProperty("saphan.home", ".."), "docs", "openapi.json");

  private static final JsonSchema OAS_31 = oas31();

  private static JsonSchema oas31() {
    try (InputStream in =
        OpenApiDocumentTest.class.getResourceAsStream("/schemas/v3.1/schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JSON.readTree(in));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String errors(JsonNode document) {
    Set<ValidationMessage> messages = OAS_31.validate(document);
    return messages.stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  private static java.util.List<String> parserMessages(String document) {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    java.util.List<String> messages =
        new OpenAPIV3Parser().readContents(document, null, options).getMessages();
    return messages == null ? java.util.List.of() : messages;
  }

  @Test
  void shouldPassTheParsersValidationWhenTheDescriptionIsCommitted() throws Exception {
    // given
    String document = java.nio.file.Files.readString(DOCS);
    // then
    assertThat(parserMessages(document)).isEmpty();
  }

  @Test
  void shouldFailTheParsersValidationWhenAPlantedDocumentIsInvalid() throws Exception {
    // given: the committed description without its info
    ObjectNode planted = (ObjectNode) JSON.readTree(DOCS.toFile());
    planted.remove("info");
    // then
    assertThat(parserMessages(JSON.writeValueAsString(planted))).anyMatch(m -> m.contains("info"));
  }

  @Test
  void shouldConformToTheOpenApi31SchemaWhenTheDescriptionIsCommitted() throws Exception {
    // given
    JsonNode document = JSON.readTree(DOCS.toFile());
    // then
    assertThat(document.path("openapi").asText()).startsWith("3.1.");
    assertThat(errors(document)).isEmpty();
  }

  @Test
  void shouldFailTheSchemaWhenAPlantedDocumentIsInvalid() throws Exception {
    // given: the committed description without its info, and a response without a description
    ObjectNode planted = (ObjectNode) JSON.readTree(DOCS.toFile());
    planted.remove("info");
    planted
        .withObject("/paths")
        .withObject("/~1planted")
        .withObject("/get")
        .withObject("/responses")
        .putObject("200");
    // when
    String errors = errors(planted);
    // then
    assertThat(errors).contains("info").contains("description");
  }
}
