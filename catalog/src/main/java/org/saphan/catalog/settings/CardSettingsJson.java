package org.saphan.catalog.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.saphan.catalog.json.StrictJson;

/**
 * Binds a card to its typed settings and writes settings back as JSON, with {@link StrictJson}'s
 * mapper: {@link java.util.Optional} members through Jackson's JDK 8 module, empty ones left out,
 * and every property the records do not know refused (a schema property without its record member
 * fails here rather than being dropped).
 */
public final class CardSettingsJson {

  private static final ObjectMapper MAPPER =
      StrictJson.mapper()
          .registerModule(new Jdk8Module())
          .setDefaultPropertyInclusion(JsonInclude.Include.NON_ABSENT);

  private CardSettingsJson() {}

  /**
   * The settings of a schema-valid card whose defaults are filled in.
   *
   * @throws Unreadable when the card does not fit the records: a URL the schema's pattern lets
   *     through but {@link URI} refuses, or a record out of step with the schema
   */
  public static CardSettings read(JsonNode card) {
    try {
      return MAPPER.treeToValue(card, CardSettings.class);
    } catch (JsonMappingException e) {
      throw new Unreadable(property(e), reason(e), e);
    } catch (JsonProcessingException e) {
      throw new Unreadable("", e.getOriginalMessage(), e);
    }
  }

  private static String property(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : e.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String reason(JsonMappingException e) {
    if (e instanceof InvalidFormatException format && format.getTargetType() == URI.class) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return "is not a URL the hub can use (" + cause.getMessage() + ")";
    }
    return "does not fit the card settings (" + e.getOriginalMessage() + ")";
  }

  /** A card that does not read into its settings records, naming the property. */
  public static final class Unreadable extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String reason;

    Unreadable(String property, String reason, Throwable cause) {
      super(
          "the card does not fit its settings records: "
              + (property.isEmpty() ? "" : property + ": ")
              + reason,
          cause);
      this.property = property;
      this.reason = reason;
    }

    /** The dotted path of the property, such as {@code linkOut.url}; empty for the card. */
    public String property() {
      return property;
    }

    /** Why it does not read, for a finding. */
    public String reason() {
      return reason;
    }
  }

  /**
   * Settings (a whole card or one block) as the JSON a card writes, numbers as written ({@code
   * 505.00} stays {@code 505.00}): what the hub publishes of a card, such as its {@code info}.
   */
  public static JsonNode tree(Object settings) {
    try (TokenBuffer buffer = new TokenBuffer(MAPPER, false)) {
      MAPPER.writeValue(buffer, settings);
      return MAPPER
          .reader()
          .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .readTree(buffer.asParser());
    } catch (IOException e) {
      throw new UncheckedIOException("settings cannot be written as JSON", e);
    }
  }
}
