package org.saphan.catalog.roadmap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;

/** A phase of the Citizen Portal service roadmap: 1, 2, 3, or expansion (after phase 3). */
public enum RoadmapPhase {
  /** Phase 1 (50 services, welfare-heavy). */
  ONE("1", "1"),
  /** Phase 2. */
  TWO("2", "2"),
  /** Phase 3. */
  THREE("3", "3"),
  /** Services planned after phase 3. */
  EXPANSION("expansion", "x");

  private final String csvValue;
  private final String idPrefix;

  RoadmapPhase(String csvValue, String idPrefix) {
    this.csvValue = csvValue;
    this.idPrefix = idPrefix;
  }

  /**
   * The value of the roadmap CSV's {@code phase} column: {@code 1}, {@code 2}, {@code 3}, {@code
   * expansion}.
   */
  public String csvValue() {
    return csvValue;
  }

  /** The part of a service id before the hyphen: {@code 1}, {@code 2}, {@code 3} or {@code x}. */
  public String idPrefix() {
    return idPrefix;
  }

  /**
   * The value as cards and {@code services.json} write it: the number 1, 2 or 3, or the text {@code
   * expansion}.
   */
  @JsonValue
  public JsonNode json() {
    return this == EXPANSION
        ? JsonNodeFactory.instance.textNode(csvValue)
        : JsonNodeFactory.instance.numberNode(Integer.parseInt(csvValue));
  }

  /** The phase named by a CSV {@code phase} value, if it names one. */
  public static Optional<RoadmapPhase> fromCsv(String value) {
    for (RoadmapPhase phase : values()) {
      if (phase.csvValue.equals(value)) {
        return Optional.of(phase);
      }
    }
    return Optional.empty();
  }

  /** The phase a card or {@code services.json} names: 1, 2, 3 (numbers) or "expansion". */
  public static Optional<RoadmapPhase> fromJson(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      int number = value.intValue();
      return number >= 1 && number <= 3 ? fromCsv(String.valueOf(number)) : Optional.empty();
    }
    return value.isTextual() && value.textValue().equals(EXPANSION.csvValue)
        ? Optional.of(EXPANSION)
        : Optional.empty();
  }

  /** The phase a card names, for binding its settings; refuses a value naming none. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static RoadmapPhase fromCard(JsonNode value) {
    return fromJson(value)
        .orElseThrow(() -> new IllegalArgumentException("not a roadmap phase: " + value));
  }

  /** How people name the phase in messages: {@code phase 1} or {@code the expansion phase}. */
  public String label() {
    return this == EXPANSION ? "the expansion phase" : "phase " + csvValue;
  }
}
