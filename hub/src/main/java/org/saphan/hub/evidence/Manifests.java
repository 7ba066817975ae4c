package org.saphan.hub.evidence;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.saphan.catalog.common.Digests;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chain of the message log: seals unsealed records, in id order, into the next manifest
 * (docs/evidence.md, byte for byte) and keeps the manifests and their TSA answers. Only the
 * timestamper writes here (one writer, under the cluster lock of {@code evidence-timestamper}).
 */
public class Manifests {

  /** The format named in every manifest. */
  static final String FORMAT = "saphan-evidence-manifest/1";

  /** The {@code previous} of the first manifest. */
  static final String GENESIS = "0".repeat(64);

  private final JdbcClient jdbc;
  private final Clock clock;

  public Manifests(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A record as a manifest lists it. */
  record Sealed(long id, String sha256) {}

  /** A manifest waiting for its token: its id and the exact bytes to stamp. */
  public record Pending(long id, byte[] manifest) {}

  /**
   * Seals at most {@code batchSize} unsealed records into the next manifest; call it in a
   * transaction (the manifest and its records' {@code manifest_id} and {@code position} commit
   * together).
   *
   * @return the new manifest, or empty when no record waits
   */
  public Optional<Pending> seal(int batchSize) {
    List<Sealed> records =
        jdbc.sql(
                "select id, record_sha256 from evidence where manifest_id is null order by id"
                    + " limit ?")
            .param(batchSize)
            .query((rs, row) -> new Sealed(rs.getLong(1), rs.getString(2)))
            .list();
    if (records.isEmpty()) {
      return Optional.empty();
    }
    record Last(long id, String sha256) {}
    Last last =
        jdbc.sql("select id, manifest_sha256 from evidence_manifest order by id desc limit 1")
            .query((rs, row) -> new Last(rs.getLong(1), rs.getString(2)))
            .optional()
            .orElse(new Last(0, GENESIS));
    long id = last.id() + 1;
    Instant created = clock.instant().truncatedTo(ChronoUnit.MICROS);
    byte[] manifest = text(id, created, last.sha256(), records).getBytes(StandardCharsets.UTF_8);
    jdbc.sql(
            "insert into evidence_manifest (id, created_at, previous_sha256, manifest,"
                + " manifest_sha256, records, first_record, last_record)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            Timestamp.from(created),
            last.sha256(),
            manifest,
            Digests.sha256(manifest),
            records.size(),
            records.get(0).id(),
            records.get(records.size() - 1).id())
        .update();
    String ids =
        records.stream()
            .map(r -> Long.toString(r.id()))
            .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    int updated =
        jdbc.sql(
                "update evidence e set manifest_id = ?, position = t.ordinality - 1"
                    + " from unnest(cast(? as bigint[])) with ordinality as t(id, ordinality)"
                    + " where e.id = t.id and e.manifest_id is null")
            .params(id, ids)
            .update();
    if (updated != records.size()) {
      // A second writer: roll the whole batch back rather than seal a record twice.
      throw new IllegalStateException(
          "manifest " + id + ": sealed " + updated + " of " + records.size() + " records");
    }
    return Optional.of(new Pending(id, manifest));
  }

  /** The manifest text of docs/evidence.md: one line, no spaces, keys in this order. */
  static String text(long id, Instant created, String previous, List<Sealed> records) {
    StringBuilder out = new StringBuilder(160 + records.size() * 96);
    out.append("{\"format\":\"")
        .append(FORMAT)
        .append("\",\"id\":")
        .append(id)
        .append(",\"created\":\"")
        .append(Evidence.AT.format(created))
        .append("\",\"previous\":\"")
        .append(previous)
        .append("\",\"records\":[");
    for (int i = 0; i < records.size(); i++) {
      Sealed record = records.get(i);
      out.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(record.id())
          .append(",\"sha256\":\"")
          .append(record.sha256())
          .append("\"}");
    }
    return out.append("]}").toString();
  }

  /** The manifests still without a token, in order. */
  public List<Pending> unstamped() {
    return jdbc.sql(
            "select id, manifest from evidence_manifest where tsa_response is null order by id")
        .query((rs, row) -> new Pending(rs.getLong(1), rs.getBytes(2)))
        .list();
  }

  /** Keeps the TSA's answer (as received) and the time it stamped. */
  public void stamped(long id, byte[] tsaResponse, Instant tsaTime) {
    jdbc.sql(
            "update evidence_manifest set tsa_response = ?, tsa_time = ?,"
                + " stamp_attempts = stamp_attempts + 1, last_error = null where id = ?")
        .params(tsaResponse, Timestamp.from(tsaTime), id)
        .update();
  }

  /** Counts a failed attempt and keeps why. */
  public void failed(long id, String error) {
    jdbc.sql(
            "update evidence_manifest set stamp_attempts = stamp_attempts + 1, last_error = ?"
                + " where id = ?")
        .params(error, id)
        .update();
  }
}
