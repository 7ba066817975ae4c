package org.saphan.catalog.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.saphan.catalog.json.StrictJson;

/**
 * What a mapping runs on.
 *
 * @param format {@link MappingFormat#JSON} or {@link MappingFormat#XML}
 * @param text the document
 */
public record MappingInput(MappingFormat format, String text) {

  private static final ObjectMapper JSON = StrictJson.mapper();

  public MappingInput {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(text, "text");
    if (format == MappingFormat.TEXT) {
      throw new IllegalArgumentException("A mapping input is JSON or XML");
    }
  }

  /** A JSON document. */
  public static MappingInput json(JsonNode json) {
    try {
      return new MappingInput(MappingFormat.JSON, JSON.writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write JSON input", e);
    }
  }

  /** A JSON document, as text. */
  public static MappingInput json(String json) {
    return new MappingInput(MappingFormat.JSON, json);
  }

  /** An XML document, as text. DOCTYPE declarations are refused when the mapping runs. */
  public static MappingInput xml(String xml) {
    return new MappingInput(MappingFormat.XML, xml);
  }
}
