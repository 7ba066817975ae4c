package org.saphan.catalog.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.saphan.catalog.json.StrictJson;

/**
 * What a mapping produced.
 *
 * @param format JSON for JSONata and for XSLT with {@code method="json"}, XML or TEXT otherwise
 * @param text the serialized result
 */
public record MappingOutput(MappingFormat format, String text) {

  private static final ObjectMapper JSON = StrictJson.mapper();

  public MappingOutput {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(text, "text");
  }

  /** The result as a JSON tree; fails when the mapping does not produce JSON. */
  public JsonNode json() {
    if (format != MappingFormat.JSON) {
      throw new IllegalStateException("The mapping produced " + format + ", not JSON");
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The mapping produced invalid JSON", e);
    }
  }
}
