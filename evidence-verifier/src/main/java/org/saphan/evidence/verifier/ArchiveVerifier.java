package org.saphan.evidence.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Verifies daily archives (and a citizen's bundle, which has their layout) exactly as
 * docs/evidence.md describes them: the CMS signature, every file's digest, every token, the chain
 * of manifests within and across archives, and every record at its position.
 */
final class ArchiveVerifier {

  static final String ARCHIVE_FORMAT = "saphan-evidence-archive/1";
  static final String BUNDLE_FORMAT = "saphan-evidence-bundle/1";
  static final String ARCHIVE_MANIFEST = "archive-manifest.json";
  static final String SIGNATURE = ARCHIVE_MANIFEST + ".p7s";

  /** A citizen's bundle names its index so (docs/evidence.md, "A citizen's bundle"). */
  static final String BUNDLE_MANIFEST = "bundle-manifest.json";

  static final String RECORDS = "records.jsonl";

  /** What one archive says about its neighbours, to link it with the archive before it. */
  private record Link(
      String name,
      String day,
      String sha256,
      String previousArchive,
      String previousManifest,
      String lastManifest) {}

  private final Seals seals;
  private final Findings findings;

  ArchiveVerifier(Seals seals, Findings findings) {
    this.seals = seals;
    this.findings = findings;
  }

  /** Verifies each archive, then the chain from one day's archive to the next. */
  void verify(List<Path> archives) {
    List<Link> links = new ArrayList<>();
    for (Path zip : archives) {
      Link link = verify(zip);
      if (link != null) {
        links.add(link);
      }
    }
    links.sort(Comparator.comparing(Link::day));
    for (int i = 1; i < links.size(); i++) {
      Link before = links.get(i - 1);
      Link next = links.get(i);
      if (!before.sha256().equals(next.previousArchive())) {
        findings.add(
            Finding.ARCHIVE_CHAIN_BROKEN,
            next.name() + " " + ARCHIVE_MANIFEST,
            "previousArchive is "
                + Sha256.brief(next.previousArchive())
                + ", but "
                + before.name()
                + "'s archive manifest is "
                + Sha256.brief(before.sha256()));
      }
      if (before.lastManifest() != null && !before.lastManifest().equals(next.previousManifest())) {
        findings.add(
            Finding.CHAIN_BROKEN,
            next.name() + " " + ARCHIVE_MANIFEST,
            "previousManifest is "
                + Sha256.brief(next.previousManifest())
                + ", but the last "
                + "manifest of "
                + before.name()
                + " is "
                + Sha256.brief(before.lastManifest()));
      }
    }
  }

  private Link verify(Path path) {
    String name = path.getFileName().toString();
    if (!Files.isRegularFile(path)) {
      findings.add(Finding.FILE_MISSING, name, "no such archive: " + path);
      return null;
    }
    try (ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8)) {
      findings.archives++;
      return verify(name, zip);
    } catch (IOException e) {
      findings.add(
          Finding.FILE_MISSING, name, "not a readable ZIP archive (" + e.getMessage() + ")");
      return null;
    }
  }

  private Link verify(String name, ZipFile zip) throws IOException {
    Set<String> entries = new HashSet<>();
    for (ZipEntry e : java.util.Collections.list(zip.entries())) {
      if (!e.isDirectory() && !entries.add(e.getName())) {
        findings.add(Finding.FILE_UNEXPECTED, name + " " + e.getName(), "the name occurs twice");
      }
    }
    // a citizen's bundle has the archive's layout under its own index name
    String indexName =
        entries.contains(BUNDLE_MANIFEST) && !entries.contains(ARCHIVE_MANIFEST)
            ? BUNDLE_MANIFEST
            : ARCHIVE_MANIFEST;
    String signature = indexName + ".p7s";
    byte[] archiveManifest = read(zip, name, indexName);
    if (archiveManifest == null) {
      return null;
    }
    byte[] p7s = read(zip, name, signature);
    if (p7s != null) {
      Seals.Result cms = seals.cms(archiveManifest, p7s);
      if (cms.ok()) {
        findings.note(name + ": signed by " + cms.signer() + " at " + cms.time());
      } else {
        findings.add(Finding.SIGNATURE_INVALID, name + " " + signature, cms.error());
      }
    }
    JsonNode index;
    try {
      index = Manifest.JSON.readTree(archiveManifest);
    } catch (IOException e) {
      findings.add(Finding.MANIFEST_INVALID, name + " " + indexName, "not JSON");
      return null;
    }
    String format = index.path("format").asText("");
    if (!format.equals(ARCHIVE_FORMAT) && !format.equals(BUNDLE_FORMAT)
        || indexName.equals(BUNDLE_MANIFEST) && !format.equals(BUNDLE_FORMAT)) {
      findings.add(Finding.MANIFEST_INVALID, name + " " + indexName, "format is '" + format + "'");
      return null;
    }
    boolean bundle = format.equals(BUNDLE_FORMAT);
    Set<String> expected = new HashSet<>(Set.of(indexName, signature, RECORDS));
    List<Manifest> manifests = new ArrayList<>();
    for (JsonNode listed : index.path("manifests")) {
      long id = listed.path("id").asLong();
      String file = "manifests/" + id + ".json";
      String tsrFile = "manifests/" + id + ".tsr";
      expected.add(file);
      expected.add(tsrFile);
      byte[] bytes = read(zip, name, file);
      byte[] tsr = read(zip, name, tsrFile);
      if (bytes == null) {
        continue;
      }
      digest(name, file, bytes, listed.path("sha256").asText());
      Manifest manifest;
      try {
        manifest = Manifest.parse(bytes);
      } catch (IllegalArgumentException e) {
        findings.add(Finding.MANIFEST_INVALID, name + " " + file, e.getMessage());
        continue;
      }
      if (manifest.id() != id) {
        findings.add(
            Finding.MANIFEST_INVALID, name + " " + file, "it says it is manifest " + manifest.id());
      }
      manifests.add(manifest);
      findings.manifests++;
      if (tsr == null) {
        continue;
      }
      digest(name, tsrFile, tsr, listed.path("tsr").asText());
      Seals.Result token = seals.token(bytes, tsr);
      if (token.ok()) {
        findings.stamped(token.time());
      } else {
        findings.add(
            Finding.TOKEN_INVALID, name + " " + tsrFile, "manifest " + id + ": " + token.error());
      }
    }
    for (String entry : entries) {
      if (!expected.contains(entry) && !(bundle && entry.startsWith("certs/"))) {
        findings.add(
            Finding.FILE_UNEXPECTED, name + " " + entry, "the archive manifest does not name it");
      }
    }
    String previousManifest = index.path("previousManifest").asText(null);
    // a bundle's manifests are the ones sealing one application's records, not consecutive:
    // each is checked on its own (hash, token, records), the chain is the archives' to prove
    String last =
        bundle
            ? null
            : Chain.links(
                manifests,
                previousManifest,
                null,
                id -> name + " manifests/" + id + ".json",
                findings);
    List<Chain.Sealed> records = records(zip, name, index.path("records"));
    if (records != null) {
      Chain.records(manifests, records, bundle, id -> name + " " + RECORDS, findings);
    }
    return bundle
        ? null
        : new Link(
            name,
            index.path("day").asText(""),
            Sha256.hex(archiveManifest),
            index.path("previousArchive").asText(null),
            previousManifest,
            manifests.isEmpty() ? previousManifest : last);
  }

  /** The records of records.jsonl, each with its text's SHA-256; null when the file is missing. */
  private List<Chain.Sealed> records(ZipFile zip, String name, JsonNode summary)
      throws IOException {
    ZipEntry entry = zip.getEntry(RECORDS);
    if (entry == null) {
      findings.add(Finding.FILE_MISSING, name + " " + RECORDS, "the archive holds no " + RECORDS);
      return null;
    }
    List<Chain.Sealed> records = new ArrayList<>();
    MessageDigest digest = Sha256.digest();
    int line = 0;
    try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        Chain.Sealed record = line(text);
        if (record == null) {
          findings.add(
              Finding.RECORD_MALFORMED,
              name + " " + RECORDS + " line " + line,
              "not {\"id\":..,\"manifest\":..,\"position\":..,\"record\":\"..\"}");
        } else {
          records.add(record);
        }
      }
    }
    String sha256 = HexFormat.of().formatHex(digest.digest());
    if (!sha256.equals(summary.path("sha256").asText())) {
      findings.add(
          Finding.FILE_ALTERED,
          name + " " + RECORDS,
          "SHA-256 "
              + Sha256.brief(sha256)
              + ", the archive manifest says "
              + Sha256.brief(summary.path("sha256").asText()));
    }
    if (summary.path("count").asLong(-1) != line) {
      findings.add(
          Finding.FILE_ALTERED,
          name + " " + RECORDS,
          line + " lines, the archive manifest says " + summary.path("count").asText());
    }
    return records;
  }

  private static Chain.Sealed line(String text) {
    try {
      JsonNode node = Manifest.JSON.readTree(text);
      if (node == null
          || !node.path("id").canConvertToLong()
          || !node.path("manifest").canConvertToLong()
          || !node.path("position").canConvertToInt()
          || !node.path("record").isTextual()) {
        return null;
      }
      return new Chain.Sealed(
          node.get("id").asLong(),
          node.get("manifest").asLong(),
          node.get("position").asInt(),
          Sha256.hex(node.get("record").asText()));
    } catch (IOException e) {
      return null;
    }
  }

  private void digest(String name, String file, byte[] bytes, String listed) {
    String actual = Sha256.hex(bytes);
    if (!actual.equals(listed)) {
      findings.add(
          Finding.FILE_ALTERED,
          name + " " + file,
          "SHA-256 "
              + Sha256.brief(actual)
              + ", the archive manifest says "
              + Sha256.brief(listed));
    }
  }

  private byte[] read(ZipFile zip, String name, String file) throws IOException {
    ZipEntry entry = zip.getEntry(file);
    if (entry == null) {
      findings.add(Finding.FILE_MISSING, name + " " + file, "the archive holds no " + file);
      return null;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}
