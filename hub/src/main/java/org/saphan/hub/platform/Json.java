package org.saphan.hub.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.saphan.catalog.json.StrictJson;

/**
 * The hub's JSON mappers: {@link StrictJson}'s one I-JSON configuration (RFC 7493), which the
 * catalog holds so that the catalog and the hub share one implementation. Hub code takes its
 * mappers here; Spring MVC and Camel get the same strictness from {@link JsonConfiguration}.
 */
public final class Json {

  private Json() {}

  /** A new strict mapper (keep it in a {@code static final} field); see {@link StrictJson}. */
  public static ObjectMapper strict() {
    return StrictJson.mapper();
  }

  /** A new strict mapper writing map entries in key order, for digests and content keys. */
  public static ObjectMapper canonical() {
    return StrictJson.canonical();
  }

  /** A new strict mapper for YAML files operators edit. */
  public static ObjectMapper yaml() {
    return StrictJson.yaml();
  }
}
