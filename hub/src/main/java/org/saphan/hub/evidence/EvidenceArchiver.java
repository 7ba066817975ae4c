package org.saphan.hub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.MessageSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a day's evidence archive (docs/evidence.md, "Archives"): every stamped manifest not yet
 * archived, in id order up to the first one still waiting for its timestamp, with its records,
 * signed by the hub's CMS key and naming the previous archive's digest; records it in {@code
 * evidence_archive} and marks the manifests archived. Once per cluster (the job's lock).
 *
 * <p>Idempotent: a day already recorded is not written again, and a file a crash left without its
 * row is adopted when it holds exactly what would be written (the same manifests after the same
 * previous archive), else refused: a day never gets a second, different archive.
 */
public class EvidenceArchiver {

  /** The archive written (or found) for a day. */
  public record Archive(
      LocalDate day,
      Path file,
      String manifestSha256,
      String previousSha256,
      long firstManifest,
      long lastManifest,
      int records,
      boolean written) {}

  static final String MANIFEST = "archive-manifest.json";

  private static final Logger log = LoggerFactory.getLogger(EvidenceArchiver.class);

  private record Candidate(long id, String sha256, String previous, int records) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final MessageSigner cms;
  private final Path location;
  private final ZoneId zone;
  private final Clock clock;

  /**
   * @param cms the hub's CMS signer (detached signatures)
   * @param location the archive folder
   * @param zone the zone whose days name the archives
   */
  public EvidenceArchiver(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      MessageSigner cms,
      Path location,
      ZoneId zone,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.cms = cms;
    this.location = location;
    this.zone = zone;
    this.clock = clock;
  }

  /** The archive file of a day. */
  public Path fileOf(LocalDate day) {
    return location.resolve("evidence-" + day + ".zip");
  }

  /**
   * Archives what was stamped before the end of {@code day} (in the archive zone) and is not yet
   * archived; empty when there is nothing to archive.
   *
   * @throws SaphanException {@code evidence_archive_conflict} when a file of the day exists that
   *     the hub did not record and that holds something else; {@code evidence_chain_broken} when
   *     the manifests to archive do not chain or miss records
   */
  public Optional<Archive> archive(LocalDate day) {
    Optional<Archive> recorded = recorded(day);
    if (recorded.isPresent()) {
      return recorded;
    }
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    List<Candidate> manifests = candidates(end);
    if (manifests.isEmpty()) {
      return Optional.empty();
    }
    String previousArchive =
        jdbc.sql("select manifest_sha256 from evidence_archive order by id desc limit 1")
            .query(String.class)
            .optional()
            .orElse(EvidenceZip.NO_PREVIOUS);
    checkChain(manifests);
    jdbc.sql(
            "select id, manifest_sha256 from evidence_manifest where id < ? order by id desc"
                + " limit 1")
        .param(manifests.get(0).id())
        .query((rs, row) -> new Candidate(rs.getLong("id"), rs.getString("manifest_sha256"), "", 0))
        .optional()
        .ifPresent(before -> checkChain(List.of(before, manifests.get(0))));
    Path file = fileOf(day);
    if (Files.exists(file)) {
      return Optional.of(adopt(day, file, manifests, previousArchive));
    }
    return Optional.of(write(day, file, manifests, previousArchive));
  }

  private Optional<Archive> recorded(LocalDate day) {
    return jdbc.sql(
            "select location, file_name, manifest_sha256, previous_sha256, first_manifest,"
                + " last_manifest, records from evidence_archive where day = ?")
        .param(day)
        .query(
            (rs, row) ->
                new Archive(
                    day,
                    Path.of(rs.getString("location")).resolve(rs.getString("file_name")),
                    rs.getString("manifest_sha256"),
                    rs.getString("previous_sha256"),
                    rs.getLong("first_manifest"),
                    rs.getLong("last_manifest"),
                    rs.getInt("records"),
                    false))
        .optional();
  }

  private List<Candidate> candidates(Instant end) {
    // In id order, stopping before the first manifest still unstamped: an archive holds a
    // contiguous piece of the chain.
    return jdbc.sql(
            "select id, manifest_sha256, previous_sha256, records from evidence_manifest"
                + " where archive_id is null and tsa_response is not null and created_at < ?"
                + " and id < coalesce((select min(id) from evidence_manifest"
                + " where tsa_response is null), 9223372036854775807) order by id")
        .param(java.sql.Timestamp.from(end))
        .query(
            (rs, row) ->
                new Candidate(
                    rs.getLong("id"),
                    rs.getString("manifest_sha256"),
                    rs.getString("previous_sha256"),
                    rs.getInt("records")))
        .list();
  }

  private static void checkChain(List<Candidate> manifests) {
    for (int i = 1; i < manifests.size(); i++) {
      if (!manifests.get(i).previous().equals(manifests.get(i - 1).sha256())) {
        throw SaphanException.system(
            ErrorCode.EVIDENCE_CHAIN_BROKEN,
            "manifest "
                + manifests.get(i).id()
                + " does not name manifest "
                + manifests.get(i - 1).id()
                + " as its previous",
            null);
      }
    }
  }

  private Archive write(
      LocalDate day, Path file, List<Candidate> manifests, String previousArchive) {
    Instant created = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(location);
      String manifestSha256;
      int count;
      try (OutputStream out = Files.newOutputStream(tmp);
          EvidenceZip zip = new EvidenceZip(out, created)) {
        List<Object> listed = new ArrayList<>();
        for (Candidate m : manifests) {
          listed.add(putManifest(zip, m));
        }
        zip.openRecords();
        for (Candidate m : manifests) {
          putRecords(zip, m);
        }
        Map<String, Object> records = zip.closeRecords();
        count = (Integer) records.get("count");
        Map<String, Object> archiveManifest = new LinkedHashMap<>();
        archiveManifest.put("format", "saphan-evidence-archive/1");
        archiveManifest.put("day", day.toString());
        archiveManifest.put("created", EvidenceZip.time(created));
        archiveManifest.put("previousArchive", previousArchive);
        archiveManifest.put("previousManifest", manifests.get(0).previous());
        archiveManifest.put("manifests", listed);
        archiveManifest.put("records", records);
        byte[] manifestBytes = EvidenceZip.json(archiveManifest);
        zip.put(MANIFEST, manifestBytes);
        zip.put(MANIFEST + ".p7s", cms.sign(manifestBytes).detachedSignature());
        manifestSha256 = Digests.sha256(manifestBytes);
      }
      Archive archive =
          new Archive(
              day,
              file,
              manifestSha256,
              previousArchive,
              manifests.get(0).id(),
              manifests.get(manifests.size() - 1).id(),
              count,
              true);
      // The row and the file together: the file takes its name only in the row's transaction, so
      // a failure before the commit leaves a file the next run adopts.
      transactions.executeWithoutResult(
          status -> {
            record(archive, sha256Of(tmp), created, manifests.size());
            move(tmp, file);
          });
      log.info(
          "Evidence archive {} written: manifests {} to {}, {} records",
          file.getFileName(),
          archive.firstManifest(),
          archive.lastManifest(),
          archive.records());
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        log.warn("Cannot delete {}: {}", tmp, e.toString());
      }
    }
  }

  private Map<String, Object> putManifest(EvidenceZip zip, Candidate m) {
    return jdbc.sql("select manifest, tsa_response from evidence_manifest where id = ?")
        .param(m.id())
        .query(
            (rs, row) -> {
              byte[] bytes = rs.getBytes("manifest");
              if (!Digests.sha256(bytes).equals(m.sha256())) {
                throw SaphanException.system(
                    ErrorCode.EVIDENCE_CHAIN_BROKEN,
                    "manifest " + m.id() + " does not hash to its recorded SHA-256",
                    null);
              }
              return zip.putManifest(m.id(), bytes, rs.getBytes("tsa_response"));
            })
        .single();
  }

  private void putRecords(EvidenceZip zip, Candidate m) {
    List<EvidenceZip.Sealed> records =
        jdbc.sql(
                "select id, position, record, body, body_key from evidence where manifest_id = ?"
                    + " order by position")
            .param(m.id())
            .query(
                (rs, row) ->
                    new EvidenceZip.Sealed(
                        rs.getLong("id"),
                        m.id(),
                        rs.getInt("position"),
                        rs.getString("record"),
                        rs.getBytes("body"),
                        rs.getObject("body_key", UUID.class)))
            .list();
    if (records.size() != m.records()) {
      throw SaphanException.system(
          ErrorCode.EVIDENCE_CHAIN_BROKEN,
          "manifest " + m.id() + " seals " + m.records() + " records, " + records.size() + " found",
          null);
    }
    records.forEach(zip::putRecord);
  }

  private void record(Archive archive, String zipSha256, Instant created, int manifests) {
    long id =
        jdbc.sql(
                "insert into evidence_archive (day, file_name, location, manifest_sha256,"
                    + " previous_sha256, zip_sha256, first_manifest, last_manifest, records,"
                    + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")
            .params(
                archive.day(),
                archive.file().getFileName().toString(),
                location.toString(),
                archive.manifestSha256(),
                archive.previousSha256(),
                zipSha256,
                archive.firstManifest(),
                archive.lastManifest(),
                archive.records(),
                java.sql.Timestamp.from(created))
            .query(Long.class)
            .single();
    int marked =
        jdbc.sql(
                "update evidence_manifest set archive_id = ? where id between ? and ?"
                    + " and archive_id is null and tsa_response is not null")
            .params(id, archive.firstManifest(), archive.lastManifest())
            .update();
    if (marked != manifests) {
      throw SaphanException.system(
          ErrorCode.EVIDENCE_ARCHIVE_CONFLICT,
          "archive of "
              + archive.day()
              + ": "
              + manifests
              + " manifests written, "
              + marked
              + " still unarchived",
          null);
    }
  }

  /** A file a crash left without its row: kept when it is what this run would write. */
  private Archive adopt(
      LocalDate day, Path file, List<Candidate> manifests, String previousArchive) {
    byte[] manifestBytes = entry(file, MANIFEST);
    JsonNode found = readJson(manifestBytes, file);
    List<Long> ids = new ArrayList<>();
    found.path("manifests").forEach(m -> ids.add(m.path("id").asLong()));
    List<Long> expected = manifests.stream().map(Candidate::id).toList();
    if (!day.toString().equals(found.path("day").asText())
        || !previousArchive.equals(found.path("previousArchive").asText())
        || !expected.equals(ids)) {
      throw SaphanException.system(
          ErrorCode.EVIDENCE_ARCHIVE_CONFLICT,
          file.getFileName()
              + " exists and holds other manifests ("
              + ids
              + ") than the hub would archive ("
              + expected
              + "); move it aside after checking it",
          null);
    }
    Archive archive =
        new Archive(
            day,
            file,
            Digests.sha256(manifestBytes),
            previousArchive,
            expected.get(0),
            expected.get(expected.size() - 1),
            found.path("records").path("count").asInt(),
            false);
    Instant created = Instant.parse(found.path("created").asText());
    transactions.executeWithoutResult(
        status -> record(archive, sha256Of(file), created, manifests.size()));
    log.info("Evidence archive {} found without its record: adopted", file.getFileName());
    return archive;
  }

  private static JsonNode readJson(byte[] bytes, Path file) {
    try {
      return Json.strict().readTree(bytes);
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.EVIDENCE_ARCHIVE_CONFLICT,
          file.getFileName() + " exists and its " + MANIFEST + " is unreadable",
          e);
    }
  }

  /** One file of a ZIP. */
  static byte[] entry(Path zipFile, String name) {
    try (InputStream in = Files.newInputStream(zipFile);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(name)) {
          return zip.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.EVIDENCE_ARCHIVE_CONFLICT, zipFile.getFileName() + " is not a ZIP", e);
    }
    throw SaphanException.system(
        ErrorCode.EVIDENCE_ARCHIVE_CONFLICT, zipFile.getFileName() + " has no " + name, null);
  }

  private static String sha256Of(Path file) {
    try {
      return Digests.sha256(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot name the archive " + to, e);
    }
  }
}
