package org.saphan.hub.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.platform.Json;

/**
 * Writes the ZIP files of the message log (docs/evidence.md): the daily archive and a citizen's
 * bundle share their layout ({@code manifests/<id>.json}, {@code manifests/<id>.tsr}, {@code
 * records.jsonl}) and the digests their signed manifest names.
 */
final class EvidenceZip implements AutoCloseable {

  /** The first {@code previous} of a chain: 64 zeros. */
  static final String NO_PREVIOUS = "0".repeat(64);

  static final String RECORDS = "records.jsonl";

  private static final ObjectMapper JSON = Json.strict();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * A sealed record as a line of {@code records.jsonl} holds it; in an archive, with its encrypted
   * body and the data key that sealed it where the connector keeps bodies (else both null).
   */
  record Sealed(long id, long manifest, int position, String record, byte[] body, UUID bodyKey) {

    /** A record without its body (a citizen's bundle, a connector keeping metadata only). */
    Sealed(long id, long manifest, int position, String record) {
      this(id, manifest, position, record, null, null);
    }
  }

  private final ZipOutputStream zip;
  private final long entryTime;
  private MessageDigest recordsDigest;
  private int recordCount;

  /**
   * @param out where the ZIP goes
   * @param created the time every entry carries (a ZIP's own timestamps say nothing more)
   */
  EvidenceZip(OutputStream out, Instant created) {
    this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    this.entryTime = created.toEpochMilli();
  }

  /** The time text of the formats: ISO-8601 UTC with microseconds. */
  static String time(Instant at) {
    return TIME.format(at);
  }

  /** One-line JSON of a map written in its order: the manifests' format. */
  static byte[] json(Map<String, Object> value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  /** Adds one file; returns the SHA-256 of its bytes. */
  String put(String name, byte[] bytes) {
    try {
      zip.putNextEntry(entry(name));
      zip.write(bytes);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Digests.sha256(bytes);
  }

  /** A manifest and its TSA answer; the digests for the signed manifest's list. */
  Map<String, Object> putManifest(long id, byte[] manifest, byte[] tsr) {
    Map<String, Object> listed = new LinkedHashMap<>();
    listed.put("id", id);
    listed.put("sha256", put("manifests/" + id + ".json", manifest));
    listed.put("tsr", put("manifests/" + id + ".tsr", tsr));
    return listed;
  }

  /** Opens {@code records.jsonl}; add its lines with {@link #putRecord} before any other file. */
  void openRecords() {
    try {
      zip.putNextEntry(entry(RECORDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    recordsDigest = Digests.newSha256();
    recordCount = 0;
  }

  /** One line of {@code records.jsonl}, ending with a line feed. */
  void putRecord(Sealed sealed) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", sealed.id());
    line.put("manifest", sealed.manifest());
    line.put("position", sealed.position());
    line.put("record", sealed.record());
    if (sealed.body() != null) {
      // still erasable: sealed with the citizen's data key, which an erasure destroys
      line.put("body", Base64.getEncoder().encodeToString(sealed.body()));
      line.put("bodyKey", sealed.bodyKey().toString());
    }
    byte[] bytes = json(line);
    try {
      zip.write(bytes);
      zip.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    recordsDigest.update(bytes);
    recordsDigest.update((byte) '\n');
    recordCount++;
  }

  /** Closes {@code records.jsonl}: its count and SHA-256 for the signed manifest. */
  Map<String, Object> closeRecords() {
    try {
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> records = new LinkedHashMap<>();
    records.put("count", recordCount);
    records.put("sha256", HexFormat.of().formatHex(recordsDigest.digest()));
    return records;
  }

  private ZipEntry entry(String name) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(entryTime);
    return entry;
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
