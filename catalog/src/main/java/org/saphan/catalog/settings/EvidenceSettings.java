package org.saphan.catalog.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The card's {@code evidence} block: what the message log keeps of the connector's exchanges
 * (docs/evidence.md).
 *
 * @param mode {@code metadata} (hashes and metadata only, the default) or {@code body} (the exact
 *     bytes too, encrypted per citizen and erasable)
 */
public record EvidenceSettings(Mode mode) {

  /** Whether the message log keeps the exact bytes of this connector's exchanges. */
  public boolean keepsBodies() {
    return mode == Mode.BODY;
  }

  /** The message log's mode of a connector. */
  public enum Mode {
    /** Metadata and the SHA-256 of the exact bytes only. */
    METADATA,
    /** The exact bytes too, encrypted at rest with the citizen's data key. */
    BODY;

    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Mode of(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }
}
