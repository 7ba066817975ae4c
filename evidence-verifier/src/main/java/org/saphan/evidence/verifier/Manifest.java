package org.saphan.evidence.verifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One manifest of the chain (docs/evidence.md): the exact bytes stamped, their SHA-256, and what
 * they list.
 */
record Manifest(
    long id, String created, String previous, List<Entry> records, byte[] bytes, String sha256) {

  static final String FORMAT = "saphan-evidence-manifest/1";

  /** One listed record: its id and the SHA-256 of its canonical text. */
  record Entry(long id, String sha256) {}

  /** Strict JSON: a duplicated key would let two readers see two different documents. */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Reads the manifest from the bytes stamped.
   *
   * @throws IllegalArgumentException naming what is not as docs/evidence.md says
   */
  static Manifest parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new IllegalArgumentException("not a " + FORMAT + " document");
    }
    if (!root.path("id").canConvertToLong() || !root.path("previous").isTextual()) {
      throw new IllegalArgumentException("no id or no previous");
    }
    JsonNode list = root.path("records");
    if (!list.isArray()) {
      throw new IllegalArgumentException("no records list");
    }
    List<Entry> entries = new ArrayList<>(list.size());
    for (JsonNode e : list) {
      if (!e.path("id").canConvertToLong() || !e.path("sha256").isTextual()) {
        throw new IllegalArgumentException("a record entry without id or sha256");
      }
      entries.add(new Entry(e.get("id").asLong(), e.get("sha256").asText()));
    }
    return new Manifest(
        root.get("id").asLong(),
        root.path("created").asText(null),
        root.get("previous").asText(),
        List.copyOf(entries),
        bytes,
        Sha256.hex(bytes));
  }
}
