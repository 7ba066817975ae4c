package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;

/** Checks application form data against the JSON Schema its card names ({@code form.schema}). */
public class FormValidator {

  private static final ObjectMapper JSON = Json.strict();

  private final Path home;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  public FormValidator(Path home) {
    this.home = home;
  }

  /**
   * Refuses form data that does not fit the card's form schema, listing every problem.
   *
   * @throws SaphanException {@code form_invalid} with {@code errors: [{path, reason}]}
   */
  public void validate(ConnectorCard card, JsonNode form) {
    JsonNode schemaPath = card.at("/form/schema");
    if (!schemaPath.isTextual()) {
      if (form != null && !form.isObject()) {
        throw SaphanException.validation(ErrorCode.FORM_INVALID, "form must be a JSON object");
      }
      return;
    }
    JsonSchema schema = schemas.computeIfAbsent(schemaPath.asText(), this::load);
    List<Map<String, String>> errors =
        schema.validate(form == null ? JSON.nullNode() : form).stream()
            .sorted(
                Comparator.comparing(
                    ValidationMessage::getInstanceLocation, Comparator.comparing(Object::toString)))
            .map(
                m ->
                    Map.of(
                        "path", m.getInstanceLocation().toString(),
                        "reason", m.getMessage()))
            .toList();
    if (!errors.isEmpty()) {
      throw SaphanException.business(
          ErrorCode.FORM_INVALID,
          "the form does not fit the service's form schema (" + errors.size() + " problems)",
          Map.of("errors", errors));
    }
  }

  private JsonSchema load(String relative) {
    try {
      return factory.getSchema(JSON.readTree(home.resolve(relative).toFile()));
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.INTERNAL_ERROR, "form schema " + relative + " cannot be read", e);
    }
  }
}
