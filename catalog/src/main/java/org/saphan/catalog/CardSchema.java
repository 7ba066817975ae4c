package org.saphan.catalog;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.saphan.catalog.json.StrictJson;

/**
 * The connector card JSON Schema ({@code connectors/connector.schema.json}, bundled in this jar)
 * and the translation of its violations into stable, plain-language reasons.
 */
final class CardSchema {

  /** Where the build puts {@code connectors/connector.schema.json} inside the jar. */
  static final String RESOURCE = "/org/saphan/catalog/connector.schema.json";

  /** Marks a property whose value is a secret reference: never echoed in a reason. */
  static final String SECRET_KEYWORD = "x-secret";

  private static final String SCHEMA_ID = "urn:saphan:connector-card:1";
  private static final int MAX_SHOWN_LENGTH = 100;

  /** One schema violation: the property, the property whose line locates it, and why. */
  record Violation(String path, String linePath, String reason) {}

  private final JsonNode json;
  private final JsonSchema schema;

  private CardSchema(JsonNode json) {
    this.json = json;
    JsonMetaSchema metaSchema =
        JsonMetaSchema.builder(JsonMetaSchema.getV202012())
            .keyword(new NonValidationKeyword(SECRET_KEYWORD))
            .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
            .build();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012, builder -> builder.metaSchema(metaSchema));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .locale(Locale.ENGLISH)
            .pathType(PathType.JSON_POINTER)
            .build();
    this.schema = factory.getSchema(SchemaLocation.of(SCHEMA_ID), json, config);
    this.schema.initializeValidators();
  }

  /** The schema bundled in this jar. */
  static CardSchema bundled() {
    return Bundled.INSTANCE;
  }

  /** A schema from its JSON text. */
  static CardSchema of(JsonNode json) {
    return new CardSchema(json);
  }

  /** The schema document. */
  JsonNode json() {
    return json;
  }

  /** Every violation of {@code card}, in schema evaluation order. */
  List<Violation> validate(JsonNode card) {
    List<Violation> violations = new ArrayList<>();
    for (ValidationMessage message : schema.validate(card)) {
      violations.add(translate(message));
    }
    return violations;
  }

  private Violation translate(ValidationMessage message) {
    List<Object> instance = elements(message.getInstanceLocation());
    String path = dotted(instance);
    List<String> schemaPath = names(message.getSchemaLocation().getFragment());
    JsonNode subschema =
        json.at(pointer(schemaPath.subList(0, Math.max(0, schemaPath.size() - 1))));
    String condition = condition(schemaPath, instance);
    JsonNode value = message.getInstanceNode();
    boolean secret = subschema.path(SECRET_KEYWORD).asBoolean(false);
    Object[] arguments = message.getArguments() == null ? new Object[0] : message.getArguments();
    String type = message.getType();
    switch (type) {
      case "required" -> {
        String property = PropertyPath.child(path, message.getProperty());
        return new Violation(property, path, "is required" + condition);
      }
      case "additionalProperties", "unevaluatedProperties" -> {
        String property = PropertyPath.child(path, message.getProperty());
        return new Violation(property, property, unknownProperty(subschema));
      }
      case "type" -> {
        return new Violation(
            path,
            path,
            "must be "
                + expectedType(subschema.path("type"))
                + ", found "
                + describe(value, secret));
      }
      case "enum" -> {
        return new Violation(
            path,
            path,
            "must be one of "
                + list(message.getSchemaNode())
                + condition
                + ", found "
                + describe(value, secret));
      }
      case "const" -> {
        return new Violation(
            path,
            path,
            "must be "
                + shown(message.getSchemaNode())
                + condition
                + ", found "
                + describe(value, secret));
      }
      case "pattern" -> {
        if (secret) {
          return new Violation(
              path,
              path,
              "must be a reference to an environment variable, written ${env:NAME}"
                  + " (capital letters, digits and _); never write the secret itself in a card");
        }
        String reason = "must match " + arguments[0];
        JsonNode example = subschema.path("examples").path(0);
        if (example.isTextual()) {
          reason += " (for example '" + example.asText() + "')";
        }
        return new Violation(path, path, reason + ", found " + describe(value, false));
      }
      case "propertyNames" -> {
        return new Violation(
            path, path, "has a key that is not allowed: " + networkntReason(message));
      }
      case "minLength" -> {
        int minimum = number(arguments, 0);
        return new Violation(
            path,
            path,
            minimum <= 1
                ? "must not be empty"
                : "must be at least " + minimum + " characters long");
      }
      case "maxLength" -> {
        return new Violation(path, path, "must be at most " + arguments[0] + " characters long");
      }
      case "minimum" -> {
        return new Violation(
            path, path, "must be at least " + arguments[0] + ", found " + describe(value, secret));
      }
      case "maximum" -> {
        return new Violation(
            path, path, "must be at most " + arguments[0] + ", found " + describe(value, secret));
      }
      case "exclusiveMinimum" -> {
        return new Violation(
            path,
            path,
            "must be greater than " + arguments[0] + ", found " + describe(value, secret));
      }
      case "exclusiveMaximum" -> {
        return new Violation(
            path, path, "must be less than " + arguments[0] + ", found " + describe(value, secret));
      }
      case "multipleOf" -> {
        return new Violation(
            path,
            path,
            "must be a multiple of " + arguments[0] + ", found " + describe(value, secret));
      }
      case "minItems" -> {
        int minimum = number(arguments, 0);
        return new Violation(
            path, path, "must list at least " + minimum + (minimum == 1 ? " item" : " items"));
      }
      case "maxItems" -> {
        return new Violation(path, path, "must list at most " + arguments[0] + " items");
      }
      case "uniqueItems" -> {
        return new Violation(path, path, "must not list the same value twice");
      }
      case "minProperties" -> {
        int minimum = number(arguments, 0);
        return new Violation(
            path, path, "must have at least " + minimum + (minimum == 1 ? " entry" : " entries"));
      }
      case "maxProperties" -> {
        return new Violation(path, path, "must have at most " + arguments[0] + " entries");
      }
      case "false" -> {
        return new Violation(path, path, "is not allowed here" + condition);
      }
      default -> {
        return new Violation(path, path, networkntReason(message) + condition);
      }
    }
  }

  private static String unknownProperty(JsonNode subschema) {
    StringJoiner known = new StringJoiner(", ");
    subschema.path("properties").fieldNames().forEachRemaining(known::add);
    return "is not a known property; expected one of: " + known;
  }

  /**
   * " when api.transport is soap" when the violated keyword sits in the {@code then} branch of an
   * {@code if}; empty otherwise.
   */
  private String condition(List<String> schemaPath, List<Object> instance) {
    int then = schemaPath.lastIndexOf("then");
    if (then < 0) {
      return "";
    }
    JsonNode ifSchema = json.at(pointer(schemaPath.subList(0, then))).path("if");
    int descended = 0;
    for (int i = then + 1; i < schemaPath.size() - 1; i++) {
      String segment = schemaPath.get(i);
      if (segment.equals("properties") || segment.equals("patternProperties")) {
        descended++;
        i++;
      } else if (segment.equals("items") || segment.equals("additionalProperties")) {
        descended++;
      }
    }
    String prefix = dotted(instance.subList(0, Math.max(0, instance.size() - descended)));
    StringJoiner parts = new StringJoiner(" and ", " when ", "");
    parts.setEmptyValue("");
    for (Iterator<Map.Entry<String, JsonNode>> it = ifSchema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      String name = PropertyPath.child(prefix, property.getKey());
      JsonNode constant = property.getValue().path("const");
      JsonNode choices = property.getValue().path("enum");
      if (!constant.isMissingNode()) {
        parts.add(name + " is " + constant.asText() + modelLabel(name, constant));
      } else if (choices.isArray()) {
        parts.add(name + " is one of " + list(choices));
      }
    }
    for (JsonNode required : ifSchema.path("required")) {
      if (!ifSchema.path("properties").has(required.asText())) {
        parts.add(PropertyPath.child(prefix, required.asText()) + " is set");
      }
    }
    return parts.toString();
  }

  private static String modelLabel(String property, JsonNode constant) {
    if (!property.equals("model") || !constant.canConvertToInt()) {
      return "";
    }
    try {
      return " (" + IntegrationModel.of(constant.asInt()).label() + ")";
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String expectedType(JsonNode type) {
    if (type.isArray()) {
      StringJoiner choices = new StringJoiner(" or ");
      type.forEach(each -> choices.add(typeName(each.asText())));
      return choices.toString();
    }
    return typeName(type.asText());
  }

  private static String typeName(String type) {
    return switch (type) {
      case "string" -> "text";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "object" -> "a mapping of properties";
      case "array" -> "a list";
      case "null" -> "empty";
      default -> type;
    };
  }

  /** How a found value is shown in a reason; secrets are never shown. */
  static String describe(JsonNode value, boolean secret) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "an empty value";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (secret) {
      return "a value that is not shown";
    }
    if (value.isTextual()) {
      return "'" + shorten(value.asText()) + "'";
    }
    return value.asText();
  }

  private static String shown(JsonNode value) {
    return value.isTextual() ? "'" + shorten(value.asText()) + "'" : value.toString();
  }

  private static String list(JsonNode values) {
    StringJoiner joiner = new StringJoiner(", ");
    values.forEach(value -> joiner.add(value.isTextual() ? value.asText() : value.toString()));
    return joiner.toString();
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN_LENGTH ? text : text.substring(0, MAX_SHOWN_LENGTH) + "...";
  }

  private static String networkntReason(ValidationMessage message) {
    String text = message.getMessage();
    String prefix = message.getInstanceLocation() + ": ";
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }

  private static int number(Object[] arguments, int index) {
    if (arguments.length > index && arguments[index] instanceof Number number) {
      return number.intValue();
    }
    return arguments.length > index ? Integer.parseInt(String.valueOf(arguments[index])) : 0;
  }

  private static List<Object> elements(JsonNodePath path) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      elements.add(path.getElement(i));
    }
    return elements;
  }

  private static List<String> names(JsonNodePath path) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      names.add(path.getName(i));
    }
    return names;
  }

  private static String dotted(List<Object> elements) {
    String path = "";
    for (Object element : elements) {
      path =
          element instanceof Integer index
              ? PropertyPath.index(path, index)
              : PropertyPath.child(path, String.valueOf(element));
    }
    return path;
  }

  private static JsonPointer pointer(List<String> names) {
    StringBuilder pointer = new StringBuilder();
    for (String name : names) {
      pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
    }
    return JsonPointer.compile(pointer.toString());
  }

  /** Loads the bundled schema once. */
  private static final class Bundled {
    static final CardSchema INSTANCE = load();

    private static CardSchema load() {
      try (InputStream in = CardSchema.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "The connector schema " + RESOURCE + " is missing from the saphan-catalog jar");
        }
        return new CardSchema(StrictJson.mapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the connector schema " + RESOURCE, e);
      }
    }
  }
}
