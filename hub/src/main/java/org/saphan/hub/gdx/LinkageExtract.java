package org.saphan.hub.gdx;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.saphan.catalog.ThaiCitizenId;

/**
 * What the hub read from DOPA Linkage for one citizen, cut down to the requested data categories:
 * every field of those categories, and nothing else, each with where and when it was read.
 *
 * @param citizenId the 13-digit id the extract is about
 * @param categories the data categories asked for (see {@link GdxFields})
 * @param fields hub field name → value (text, number or ISO date text; {@code null} when the
 *     register does not know it), in {@link GdxFields} order
 * @param provenance hub field name → the Linkage service it came from and when it was read
 */
public record LinkageExtract(
    String citizenId,
    Set<String> categories,
    Map<String, Object> fields,
    Map<String, Provenance> provenance) {

  /**
   * Where a value came from.
   *
   * @param source {@code gdx:dopa-linkage:<ServiceID>}
   * @param retrievedAt when GDX answered (hub clock)
   */
  public record Provenance(String source, Instant retrievedAt) {}

  /** Copies the maps, keeping their order and {@code null} values. */
  public LinkageExtract {
    Objects.requireNonNull(citizenId, "citizenId");
    categories = Collections.unmodifiableSet(new TreeSet<>(categories));
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  /** The distinct sources this extract was read from. */
  public Set<String> sources() {
    Set<String> sources = new TreeSet<>();
    provenance.values().forEach(p -> sources.add(p.source()));
    return Collections.unmodifiableSet(sources);
  }

  /** Masked: field names only, never values. */
  @Override
  public String toString() {
    return "LinkageExtract[citizenId="
        + ThaiCitizenId.mask(citizenId)
        + ", categories="
        + categories
        + ", fields="
        + fields.keySet()
        + "]";
  }
}
