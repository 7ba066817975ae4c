package org.saphan.catalog.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
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
   * @throws IllegalArgumentException when the card does not fit the records (a record out of step
   *     with the schema)
   */
  public static CardSettings read(JsonNode card) {
    try {
      return MAPPER.treeToValue(card, CardSettings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the card does not fit its settings records: " + e.getOriginalMessage(), e);
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
