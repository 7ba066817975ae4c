package org.saphan.catalog;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Fills a valid card with the {@code default} values its schema declares for absent properties. */
final class SchemaDefaults {

  private final JsonNode schema;

  SchemaDefaults(JsonNode schema) {
    this.schema = schema;
  }

  /** Adds the missing defaults to {@code card} in place. */
  void apply(JsonNode card) {
    apply(schema, card);
  }

  private void apply(JsonNode subschema, JsonNode instance) {
    JsonNode effective = resolve(subschema);
    if (instance.isObject()) {
      ObjectNode object = (ObjectNode) instance;
      for (Iterator<Map.Entry<String, JsonNode>> it = effective.path("properties").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> property = it.next();
        JsonNode propertySchema = property.getValue();
        if (!object.has(property.getKey())) {
          JsonNode defaultValue = defaultOf(propertySchema);
          if (defaultValue != null) {
            object.set(property.getKey(), defaultValue.deepCopy());
          }
        }
        if (object.has(property.getKey())) {
          apply(propertySchema, object.get(property.getKey()));
        }
      }
      JsonNode additional = effective.path("additionalProperties");
      if (additional.isObject()) {
        object
            .fields()
            .forEachRemaining(
                entry -> {
                  if (!effective.path("properties").has(entry.getKey())) {
                    apply(additional, entry.getValue());
                  }
                });
      }
    } else if (instance.isArray() && effective.path("items").isObject()) {
      instance.forEach(item -> apply(effective.path("items"), item));
    }
  }

  private JsonNode defaultOf(JsonNode propertySchema) {
    if (propertySchema.has("default")) {
      return propertySchema.get("default");
    }
    JsonNode referenced = resolve(propertySchema);
    return referenced.has("default") ? referenced.get("default") : null;
  }

  private JsonNode resolve(JsonNode subschema) {
    JsonNode reference = subschema.path("$ref");
    if (reference.isTextual() && reference.asText().startsWith("#")) {
      return schema.at(JsonPointer.compile(reference.asText().substring(1)));
    }
    return subschema;
  }
}
