package org.saphan.evidence.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Verifies the message log where the hub keeps it (PostgreSQL): each manifest as stamped and
 * chained, each sealed record against its manifest and its queryable columns against its text, and
 * that no record is left unsealed that the timestamper has already passed.
 */
final class DatabaseVerifier {

  /** How long a record may stay unsealed behind later ones: its transaction committing late. */
  static final Duration LATE_COMMIT = Duration.ofMinutes(5);

  static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** The columns docs/evidence.md compares with the record, and the record's key for each. */
  private static final Map<String, String> COLUMNS =
      Map.of(
          "kind", "kind",
          "application_id", "applicationId",
          "message_id", "messageId",
          "outcome", "outcome",
          "payload_sha256", "sha256",
          "signature", "signature",
          "signature_kid", "kid",
          "agency_reference", "agencyReference");

  private static final String RECORD_COLUMNS =
      "id, manifest_id, position, record, record_sha256, at, "
          + String.join(", ", COLUMNS.keySet());

  private final Connection db;
  private final Seals seals;
  private final Findings findings;

  DatabaseVerifier(Connection db, Seals seals, Findings findings) {
    this.db = db;
    this.seals = seals;
    this.findings = findings;
  }

  void verify() throws SQLException {
    db.setReadOnly(true);
    db.setAutoCommit(false);
    db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      // max listed record id -> when its manifest was made (for the unsealed records' check)
      TreeMap<Long, Instant> passed = new TreeMap<>();
      String previous = null;
      Long before = null;
      try (PreparedStatement s =
          db.prepareStatement(
              "select id, created_at, previous_sha256, manifest, manifest_sha256, records,"
                  + " first_record, last_record, tsa_response from evidence_manifest order by id")) {
        s.setFetchSize(100);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            Manifest m = manifest(rs);
            if (m == null) {
              previous = null;
              continue;
            }
            if (before != null || m.previous().equals(Sha256.ZEROS)) {
              Chain.links(List.of(m), previous, before, id -> "evidence_manifest " + id, findings);
            } else {
              findings.note(
                  "the chain in the database starts at manifest "
                      + m.id()
                      + " (the manifests before it are archived)");
            }
            previous = m.sha256();
            before = m.id();
            records(m);
            long last = m.records().stream().mapToLong(Manifest.Entry::id).max().orElse(0);
            Instant created = rs.getTimestamp("created_at").toInstant();
            passed.merge(last, created, (a, b) -> a.isAfter(b) ? a : b);
          }
        }
      }
      strays();
      unsealed(passed);
    } finally {
      db.rollback();
    }
  }

  private Manifest manifest(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    String where = "evidence_manifest " + id;
    byte[] bytes = rs.getBytes("manifest");
    Manifest m;
    try {
      m = Manifest.parse(bytes);
    } catch (IllegalArgumentException e) {
      findings.add(Finding.MANIFEST_INVALID, where, "manifest " + id + ": " + e.getMessage());
      return null;
    }
    findings.manifests++;
    List<String> differ = new ArrayList<>();
    if (m.id() != id) {
      differ.add("its id is " + m.id());
    }
    if (!m.sha256().equals(rs.getString("manifest_sha256"))) {
      differ.add("manifest_sha256 is not the SHA-256 of its bytes");
    }
    if (!m.previous().equals(rs.getString("previous_sha256"))) {
      differ.add("previous_sha256 is not its previous");
    }
    if (m.records().size() != rs.getInt("records")) {
      differ.add("records is " + rs.getInt("records") + ", it lists " + m.records().size());
    }
    if (!m.records().isEmpty()
        && (m.records().get(0).id() != rs.getLong("first_record")
            || m.records().get(m.records().size() - 1).id() != rs.getLong("last_record"))) {
      differ.add("first_record or last_record is not what it lists");
    }
    if (!differ.isEmpty()) {
      findings.add(
          Finding.MANIFEST_INVALID, where, "manifest " + id + ": " + String.join("; ", differ));
    }
    byte[] tsr = rs.getBytes("tsa_response");
    if (tsr == null) {
      findings.note("manifest " + id + " awaits its timestamp");
    } else {
      Seals.Result token = seals.token(bytes, tsr);
      if (token.ok()) {
        findings.stamped(token.time());
      } else {
        findings.add(
            Finding.TOKEN_INVALID,
            where + " tsa_response",
            "manifest " + id + ": " + token.error());
      }
    }
    return m;
  }

  /** The records that claim this manifest, and those it lists wherever they claim to be. */
  private void records(Manifest m) throws SQLException {
    List<Chain.Sealed> held = new ArrayList<>();
    try (PreparedStatement s =
        db.prepareStatement(
            "select "
                + RECORD_COLUMNS
                + " from evidence where manifest_id = ? or id = any(?)"
                + " order by id")) {
      s.setLong(1, m.id());
      Array ids =
          db.createArrayOf(
              "bigint", m.records().stream().map(Manifest.Entry::id).toArray(Long[]::new));
      s.setArray(2, ids);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          held.add(row(rs));
        }
      }
    }
    Chain.records(List.of(m), held, false, id -> "evidence " + id, findings);
  }

  /** A sealed row as stored, after checking its columns against its text. */
  private Chain.Sealed row(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    String text = rs.getString("record");
    String sha256 = Sha256.hex(text);
    List<String> differ = new ArrayList<>();
    if (!sha256.equals(rs.getString("record_sha256"))) {
      differ.add("record_sha256");
    }
    JsonNode record = null;
    try {
      record = Manifest.JSON.readTree(text);
    } catch (IOException e) {
      findings.add(Finding.RECORD_MALFORMED, "evidence " + id, "record " + id + " is not JSON");
    }
    if (record != null) {
      Timestamp at = rs.getTimestamp("at");
      if (!Objects.equals(at == null ? null : AT.format(at.toInstant()), text(record, "at"))) {
        differ.add("at");
      }
      for (Map.Entry<String, String> c : COLUMNS.entrySet()) {
        if (!Objects.equals(rs.getString(c.getKey()), text(record, c.getValue()))) {
          differ.add(c.getKey());
        }
      }
    }
    if (!differ.isEmpty()) {
      findings.add(
          Finding.RECORD_EDITED,
          "evidence " + id,
          "record "
              + id
              + ": "
              + String.join(", ", differ.stream().sorted().toList())
              + " differ"
              + (differ.size() == 1 ? "s" : "")
              + " from the sealed record");
    }
    long manifest = rs.getLong("manifest_id");
    Long claimed = rs.wasNull() ? null : manifest;
    int position = rs.getInt("position");
    Integer at = rs.wasNull() ? null : position;
    return new Chain.Sealed(id, claimed, at, sha256);
  }

  private static String text(JsonNode record, String key) {
    JsonNode value = record.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Rows that claim a manifest the database does not have. */
  private void strays() throws SQLException {
    try (PreparedStatement s =
            db.prepareStatement(
                "select id, manifest_id, position from evidence e where manifest_id is not null"
                    + " and not exists (select 1 from evidence_manifest m where m.id = e.manifest_id)"
                    + " order by id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        findings.add(
            Finding.RECORD_INSERTED,
            "evidence " + rs.getLong(1),
            "record "
                + rs.getLong(1)
                + " claims manifest "
                + rs.getLong(2)
                + ", position "
                + rs.getInt(3)
                + ", which does not exist");
      }
    }
  }

  /**
   * Rows not sealed yet: awaiting the timestamper, unless a manifest made well after them sealed
   * later records (the timestamper seals in id order), so the row came in afterwards.
   */
  private void unsealed(TreeMap<Long, Instant> passed) throws SQLException {
    // for each listed id, the latest manifest that sealed it or a later record
    TreeMap<Long, Instant> latestFrom = new TreeMap<>();
    Instant latest = null;
    for (Map.Entry<Long, Instant> e : passed.descendingMap().entrySet()) {
      latest = latest == null || e.getValue().isAfter(latest) ? e.getValue() : latest;
      latestFrom.put(e.getKey(), latest);
    }
    Instant oldest = null;
    try (PreparedStatement s =
        db.prepareStatement("select id, at from evidence where manifest_id is null order by id")) {
      s.setFetchSize(1000);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          Instant at = rs.getTimestamp(2).toInstant();
          findings.unsealed++;
          oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
          Map.Entry<Long, Instant> later = latestFrom.higherEntry(id);
          if (later != null && later.getValue().isAfter(at.plus(LATE_COMMIT))) {
            findings.add(
                Finding.RECORD_INSERTED,
                "evidence " + id,
                "record "
                    + id
                    + " ("
                    + AT.format(at)
                    + ") is sealed by no manifest, although the"
                    + " timestamper sealed later records at "
                    + later.getValue());
          }
        }
      }
    }
    if (oldest != null) {
      findings.note(
          findings.unsealed + " records await the timestamper, the oldest from " + oldest);
    }
  }
}
