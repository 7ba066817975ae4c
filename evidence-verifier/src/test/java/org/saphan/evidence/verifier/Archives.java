package org.saphan.evidence.verifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the message log exactly as docs/evidence.md describes it: canonical records, chained and
 * stamped manifests, daily archives signed by the hub; one day after another, so the chain across
 * archives is real. Tests tamper with the files (or rows) it makes.
 */
final class Archives {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A record as the hub writes it, where it is sealed, and its canonical text. */
  record Line(
      long id, long manifest, int position, Instant at, String applicationId, String text) {}

  /** A day's archive: its files in order, and what went into them (for the database tests). */
  record Day(
      Map<String, byte[]> files,
      List<Line> lines,
      Map<Long, byte[]> manifests,
      Map<Long, byte[]> tokens,
      Map<Long, Instant> created) {}

  private final EvidencePki pki;
  private long nextRecord = 1;
  private long nextManifest = 1;
  private String previousManifest = Sha256.ZEROS;
  private String previousArchive = Sha256.ZEROS;
  private Instant clock = Instant.parse("2026-12-07T10:15:30.123456Z");

  Archives(EvidencePki pki) {
    this.pki = pki;
  }

  /** The next day's archive: {@code manifests} manifests of {@code perManifest} records each. */
  Day next(String day, int manifests, int perManifest) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<Line> lines = new ArrayList<>();
    Map<Long, byte[]> manifestBytes = new LinkedHashMap<>();
    Map<Long, byte[]> tokens = new LinkedHashMap<>();
    Map<Long, Instant> created = new LinkedHashMap<>();
    String firstPrevious = previousManifest;
    for (int m = 0; m < manifests; m++) {
      long id = nextManifest++;
      List<Line> batch = new ArrayList<>();
      for (int p = 0; p < perManifest; p++) {
        clock = clock.plus(1234567, ChronoUnit.MICROS);
        long recordId = nextRecord++;
        String application = "APP-" + (recordId % 3);
        batch.add(
            new Line(recordId, id, p, clock, application, record(clock, application, recordId)));
      }
      clock = clock.plusSeconds(2);
      byte[] bytes = manifest(id, clock, previousManifest, batch);
      byte[] tsr = pki.stamp(bytes);
      files.put("manifests/" + id + ".json", bytes);
      files.put("manifests/" + id + ".tsr", tsr);
      manifestBytes.put(id, bytes);
      tokens.put(id, tsr);
      created.put(id, clock);
      previousManifest = Sha256.hex(bytes);
      lines.addAll(batch);
    }
    StringBuilder jsonl = new StringBuilder();
    for (Line l : lines) {
      jsonl.append(recordsLine(l.id(), l.manifest(), l.position(), l.text())).append('\n');
    }
    files.put(ArchiveVerifier.RECORDS, jsonl.toString().getBytes(StandardCharsets.UTF_8));
    ObjectNode index = JSON.createObjectNode();
    index.put("format", ArchiveVerifier.ARCHIVE_FORMAT);
    index.put("day", day);
    index.put("created", DatabaseVerifier.AT.format(clock));
    index.put("previousArchive", previousArchive);
    index.put("previousManifest", firstPrevious);
    Map<String, byte[]> sealed = seal(pki, index, files);
    previousArchive = Sha256.hex(sealed.get(ArchiveVerifier.ARCHIVE_MANIFEST));
    return new Day(sealed, lines, manifestBytes, tokens, created);
  }

  /** The canonical record text (docs/evidence.md), keys in the documented order. */
  static String record(Instant at, String applicationId, long id) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("v", 1);
    r.put("at", DatabaseVerifier.AT.format(at));
    r.put("kind", id % 2 == 1 ? "delivery_attempt" : "ack");
    r.put("exchange", "delivery");
    r.put("direction", id % 2 == 1 ? "out" : "in");
    r.put("applicationId", applicationId);
    r.put("connector", "dlt-vehicle-tax");
    r.put("correlationId", "corr-" + id);
    r.put("messageId", "msg-" + (id + 1) / 2);
    r.put("outcome", "http_200");
    r.put("sha256", Sha256.hex("body " + id + " ภาษี"));
    r.put("lawfulBasis", "pdpa-24-3");
    r.put("detail", Map.of("status", 200));
    return write(r);
  }

  static byte[] manifest(long id, Instant created, String previous, List<Line> batch) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", Manifest.FORMAT);
    m.put("id", id);
    m.put("created", DatabaseVerifier.AT.format(created));
    m.put("previous", previous);
    List<Map<String, Object>> records = new ArrayList<>();
    for (Line l : batch) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", l.id());
      e.put("sha256", Sha256.hex(l.text()));
      records.add(e);
    }
    m.put("records", records);
    return write(m).getBytes(StandardCharsets.UTF_8);
  }

  static String recordsLine(long id, long manifest, int position, String text) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", id);
    line.put("manifest", manifest);
    line.put("position", position);
    line.put("record", text);
    return write(line);
  }

  /**
   * Writes archive-manifest.json over the files as they are now and signs it with the hub's key:
   * what an insider holding the hub's key could do after tampering.
   */
  static Map<String, byte[]> seal(EvidencePki pki, ObjectNode index, Map<String, byte[]> files) {
    ArrayNode manifests = index.putArray("manifests");
    files.keySet().stream()
        .filter(f -> f.startsWith("manifests/") && f.endsWith(".json"))
        .forEach(
            f -> {
              String id = f.substring("manifests/".length(), f.length() - ".json".length());
              manifests
                  .addObject()
                  .put("id", Long.parseLong(id))
                  .put("sha256", Sha256.hex(files.get(f)))
                  .put("tsr", Sha256.hex(files.get("manifests/" + id + ".tsr")));
            });
    byte[] records = files.get(ArchiveVerifier.RECORDS);
    String text = new String(records, StandardCharsets.UTF_8);
    index
        .putObject("records")
        .put("count", text.isEmpty() ? 0 : text.split("\n", -1).length - 1)
        .put("sha256", Sha256.hex(records));
    byte[] bytes = write(index).getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> sealed = new LinkedHashMap<>();
    sealed.put(ArchiveVerifier.ARCHIVE_MANIFEST, bytes);
    sealed.put(ArchiveVerifier.SIGNATURE, pki.sign(bytes));
    files.forEach(
        (name, content) -> {
          if (!name.startsWith("archive-manifest")) {
            sealed.put(name, content);
          }
        });
    return sealed;
  }

  /** Re-seals an archive after tampering, keeping its day and previous digests. */
  static Map<String, byte[]> reseal(EvidencePki pki, Map<String, byte[]> files) {
    try {
      ObjectNode index = (ObjectNode) JSON.readTree(files.get(ArchiveVerifier.ARCHIVE_MANIFEST));
      index.remove(List.of("manifests", "records"));
      return seal(pki, index, files);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Changes records.jsonl line by line (index, text); a null result drops the line. */
  static void editLines(
      Map<String, byte[]> files, java.util.function.BiFunction<Integer, String, String> edit) {
    String[] lines =
        new String(files.get(ArchiveVerifier.RECORDS), StandardCharsets.UTF_8).split("\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = edit.apply(i, lines[i]);
      if (line != null) {
        out.append(line).append('\n');
      }
    }
    files.put(ArchiveVerifier.RECORDS, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Rewrites a manifest and stamps it anew: an insider with the TSA at hand. */
  static void restamp(
      EvidencePki pki, Map<String, byte[]> files, long id, UnaryOperator<String> edit) {
    byte[] bytes =
        edit.apply(new String(files.get("manifests/" + id + ".json"), StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);
    files.put("manifests/" + id + ".json", bytes);
    files.put("manifests/" + id + ".tsr", pki.stamp(bytes));
  }

  static Path write(Map<String, byte[]> files, Path zip) throws IOException {
    Files.createDirectories(zip.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        z.putNextEntry(new ZipEntry(f.getKey()));
        z.write(f.getValue());
        z.closeEntry();
      }
    }
    return zip;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
