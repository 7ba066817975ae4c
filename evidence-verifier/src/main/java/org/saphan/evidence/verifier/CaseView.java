package org.saphan.evidence.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * {@code evidence show}: one application's records in order, readable: what each exchange was,
 * where it is sealed and when that seal was stamped. It shows; {@code evidence verify} proves.
 */
final class CaseView {

  /** One record of the case and where it is sealed. */
  record Line(
      long id, JsonNode record, Long manifest, Integer position, Instant stamped, String in) {}

  private final PrintStream out;

  CaseView(PrintStream out) {
    this.out = out;
  }

  /** The application's records as the database holds them. */
  static List<Line> fromDatabase(Connection db, String applicationId)
      throws SQLException, IOException {
    List<Line> lines = new ArrayList<>();
    try (PreparedStatement s =
        db.prepareStatement(
            "select e.id, e.record, e.manifest_id, e.position, m.tsa_time from evidence e"
                + " left join evidence_manifest m on m.id = e.manifest_id"
                + " where e.application_id = ? order by e.at, e.id")) {
      s.setString(1, applicationId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long manifest = rs.getLong(3);
          Long sealedIn = rs.wasNull() ? null : manifest;
          int position = rs.getInt(4);
          Integer at = rs.wasNull() ? null : position;
          Timestamp stamped = rs.getTimestamp(5);
          lines.add(
              new Line(
                  rs.getLong(1),
                  parse(rs.getString(2)),
                  sealedIn,
                  at,
                  stamped == null ? null : stamped.toInstant(),
                  null));
        }
      }
    }
    return lines;
  }

  /** The application's records in these archives (or bundles). */
  static List<Line> fromArchives(List<Path> archives, String applicationId) throws IOException {
    List<Line> lines = new ArrayList<>();
    for (Path path : archives) {
      try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
        ZipEntry records = zip.getEntry(ArchiveVerifier.RECORDS);
        if (records == null) {
          throw new IOException(path.getFileName() + " holds no " + ArchiveVerifier.RECORDS);
        }
        try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(zip.getInputStream(records), StandardCharsets.UTF_8))) {
          for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            JsonNode line = Manifest.JSON.readTree(text);
            JsonNode record = parse(line.path("record").asText());
            if (applicationId.equals(record.path("applicationId").asText(null))) {
              long manifest = line.path("manifest").asLong();
              lines.add(
                  new Line(
                      line.path("id").asLong(),
                      record,
                      manifest,
                      line.path("position").asInt(),
                      stampTime(zip, manifest),
                      path.getFileName().toString()));
            }
          }
        }
      }
    }
    lines.sort(
        Comparator.comparing((Line l) -> l.record().path("at").asText()).thenComparing(Line::id));
    return lines;
  }

  void print(String applicationId, List<Line> lines) {
    if (lines.isEmpty()) {
      out.println("No records of application " + applicationId + ".");
      return;
    }
    out.println("Application " + applicationId + ": " + lines.size() + " records, in order");
    for (Line l : lines) {
      JsonNode r = l.record();
      out.printf("%n#%d  %s  %s%n", l.id(), r.path("at").asText("?"), r.path("kind").asText("?"));
      out.println("    " + what(r));
      detail(r, "outcome", "outcome");
      detail(r, "connector", "connector");
      detail(r, "correlationId", "correlation id");
      detail(r, "messageId", "message id");
      detail(r, "sha256", "SHA-256 of the bytes");
      if (r.hasNonNull("signature")) {
        out.println(
            "    signature: "
                + brief(r.path("signature").asText())
                + (r.hasNonNull("kid") ? " (key " + r.path("kid").asText() + ")" : ""));
      }
      detail(r, "agencyReference", "agency reference");
      detail(r, "consentRecordId", "authorised by consent record");
      detail(r, "lawfulBasis", "authorised by lawful basis");
      if (r.hasNonNull("detail")) {
        out.println("    detail: " + r.get("detail"));
      }
      out.println("    " + sealed(l));
    }
  }

  private static String what(JsonNode r) {
    String exchange = r.path("exchange").asText(null);
    String direction = r.path("direction").asText(null);
    if (exchange == null) {
      return "exchange: (recorded before the message log named exchanges)";
    }
    return "exchange: "
        + exchange
        + ("out".equals(direction)
            ? ", sent by the hub"
            : "in".equals(direction) ? ", received by the hub" : "");
  }

  private void detail(JsonNode r, String key, String label) {
    if (r.hasNonNull(key)) {
      out.println("    " + label + ": " + r.get(key).asText());
    }
  }

  private static String sealed(Line l) {
    if (l.manifest() == null) {
      return "not sealed yet (awaiting the timestamper)";
    }
    return "sealed in manifest "
        + l.manifest()
        + " at position "
        + l.position()
        + (l.in() == null ? "" : " of " + l.in())
        + (l.stamped() == null ? ", not stamped yet" : ", stamped " + l.stamped());
  }

  private static String brief(String signature) {
    return signature.length() > 40 ? signature.substring(0, 40) + "..." : signature;
  }

  private static JsonNode parse(String text) throws IOException {
    JsonNode node = Manifest.JSON.readTree(text);
    if (node == null || !node.isObject()) {
      throw new IOException("a record is not a JSON object");
    }
    return node;
  }

  private static Instant stampTime(ZipFile zip, long manifest) {
    ZipEntry tsr = zip.getEntry("manifests/" + manifest + ".tsr");
    if (tsr == null) {
      return null;
    }
    try (var in = zip.getInputStream(tsr)) {
      var token = new TimeStampResponse(in.readAllBytes()).getTimeStampToken();
      return token == null ? null : token.getTimeStampInfo().getGenTime().toInstant();
    } catch (IOException | org.bouncycastle.tsp.TSPException | RuntimeException e) {
      return null; // shown as not stamped; evidence verify says why
    }
  }
}
