package org.saphan.hub.gdx;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param exchanges the calls to GDX that gave it, in order, for the message log
 */
public record LinkageExtract(
    String citizenId,
    Set<String> categories,
    Map<String, Object> fields,
    Map<String, Provenance> provenance,
    List<Exchange> exchanges) {

  /**
   * One call to GDX, for the message log: no data, only hashes.
   *
   * @param operation e.g. {@code link:001}
   * @param requestSha256 SHA-256 of the request URL as sent (UTF-8)
   * @param status GDX's HTTP status
   * @param answerSha256 SHA-256 of the exact answer body received
   * @param at when GDX answered (hub clock)
   */
  public record Exchange(
      String operation,
      String requestSha256,
      int status,
      String answerSha256,
      Instant at,
      byte[] answer) {

    /** A call whose answer's bytes are not kept. */
    public Exchange(
        String operation, String requestSha256, int status, String answerSha256, Instant at) {
      this(operation, requestSha256, status, answerSha256, at, null);
    }
  }

  /** An extract without its exchanges. */
  public LinkageExtract(
      String citizenId,
      Set<String> categories,
      Map<String, Object> fields,
      Map<String, Provenance> provenance) {
    this(citizenId, categories, fields, provenance, List.of());
  }

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
    exchanges = List.copyOf(exchanges);
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
