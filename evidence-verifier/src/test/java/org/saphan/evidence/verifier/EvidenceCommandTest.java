package org.saphan.evidence.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tamper tests on archives built exactly as docs/evidence.md describes them. */
class EvidenceCommandTest {

  private static EvidencePki pki;
  private static Archives.Day base;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path certs;
  private Archives.Day day;

  /** What a run printed and how it exited. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void keys() {
    pki = new EvidencePki();
    base = new Archives(pki).next("2026-12-07", 3, 4);
  }

  @BeforeEach
  void archive() throws IOException {
    certs = pki.writeCertificates(dir.resolve("certs"));
    day =
        new Archives.Day(
            new java.util.LinkedHashMap<>(base.files()),
            base.lines(),
            base.manifests(),
            base.tokens(),
            base.created());
  }

  @Test
  void shouldExitZeroWithSummaryWhenArchiveIsIntact() throws IOException {
    // when
    Run run = verify(zip("a.zip", day.files()));
    // then
    assertThat(run.exit()).isEqualTo(EvidenceCommand.OK);
    assertThat(run.out())
        .contains("OK 1 archive(s) verified: 3 manifests (3 stamped from ")
        .contains("12 records in 1 archive(s)")
        .contains("signed by CN=Test hub");
  }

  @Test
  void shouldNameEditedRecordWhenRecordTextChanged() throws IOException {
    // given: an outsider edits record 6 (manifest 2, position 1)
    Map<String, byte[]> files = day.files();
    Archives.editLines(files, (i, line) -> i == 5 ? line.replace("http_200", "http_500") : line);
    // when
    Run run = verify(zip("a.zip", files));
    // then
    assertThat(run.exit()).isEqualTo(EvidenceCommand.FAILED);
    assertThat(run.out())
        .contains(
            "FAIL record_edited a.zip records.jsonl: record 6 (manifest 2, position 1) has SHA-256")
        .contains("FAIL file_altered a.zip records.jsonl");
  }

  @Test
  void shouldNameEditedRecordWhenInsiderResignsTheArchive() throws IOException {
    // given: the hub's key re-signs the edited archive; the TSA's tokens still hold the truth
    Map<String, byte[]> files = day.files();
    Archives.editLines(files, (i, line) -> i == 5 ? line.replace("http_200", "http_500") : line);
    // when
    Run run = verify(zip("a.zip", Archives.reseal(pki, files)));
    // then
    assertThat(findings(run)).containsExactly("record_edited a.zip records.jsonl");
    assertThat(run.out()).contains("record 6 (manifest 2, position 1)");
  }

  @Test
  void shouldNameDeletedRecordWhenLineRemoved() throws IOException {
    // given
    Map<String, byte[]> files = day.files();
    Archives.editLines(files, (i, line) -> i == 4 ? null : line);
    // when
    Run run = verify(zip("a.zip", Archives.reseal(pki, files)));
    // then
    assertThat(findings(run)).containsExactly("record_deleted a.zip records.jsonl");
    assertThat(run.out()).contains("record 5 (manifest 2, position 0) is missing");
  }

  @Test
  void shouldNameInsertedRecordWhenLineAdded() throws IOException {
    // given
    Map<String, byte[]> files = day.files();
    String forged =
        Archives.recordsLine(99, 2, 4, Archives.record(day.lines().get(4).at(), "APP-1", 99));
    Archives.editLines(files, (i, line) -> i == 7 ? line + "\n" + forged : line);
    // when
    Run run = verify(zip("a.zip", Archives.reseal(pki, files)));
    // then
    assertThat(findings(run)).containsExactly("record_inserted a.zip records.jsonl");
    assertThat(run.out())
        .contains(
            "record 99 is listed by no manifest; it claims manifest 2, position 4, beyond its 4 records");
  }

  @Test
  void shouldNameReorderedRecordsWhenTextsSwapped() throws IOException {
    // given: records 5 and 6 exchange places
    Map<String, byte[]> files = day.files();
    List<Archives.Line> lines = day.lines();
    Archives.editLines(
        files,
        (i, line) ->
            i == 4
                ? Archives.recordsLine(5, 2, 0, lines.get(5).text())
                : i == 5 ? Archives.recordsLine(6, 2, 1, lines.get(4).text()) : line);
    // when
    Run run = verify(zip("a.zip", Archives.reseal(pki, files)));
    // then
    assertThat(findings(run))
        .containsExactly(
            "record_reordered a.zip records.jsonl", "record_reordered a.zip records.jsonl");
    assertThat(run.out())
        .contains(
            "record 5 (manifest 2, position 0) holds the text manifest 2 lists at position 1");
  }

  @Test
  void shouldNameReorderedRecordWhenPositionsSwapped() throws IOException {
    // given
    Map<String, byte[]> files = day.files();
    Archives.editLines(
        files, (i, line) -> i == 4 ? line.replace("\"position\":0", "\"position\":1") : line);
    // when
    Run run = verify(zip("a.zip", Archives.reseal(pki, files)));
    // then
    assertThat(findings(run)).containsExactly("record_reordered a.zip records.jsonl");
    assertThat(run.out())
        .contains("record 5 claims manifest 2, position 1, but is listed (manifest 2, position 0)");
  }

  @Test
  void shouldReportBrokenChainWhenManifestNamesAnotherPrevious() throws IOException {
    // given: manifest 2 rewritten and stamped anew, the archive re-signed
    Map<String, byte[]> files = day.files();
    String previous = Sha256.hex(files.get("manifests/1.json"));
    Archives.restamp(pki, files, 2, m -> m.replace(previous, Sha256.hex("another")));
    // when
    Run run = verify(zip("a.zip", Archives.reseal(pki, files)));
    // then
    assertThat(findings(run))
        .contains("chain_broken a.zip manifests/2.json", "chain_broken a.zip manifests/3.json");
    assertThat(run.out()).contains("manifest 2 names " + Sha256.brief(Sha256.hex("another")));
  }

  @Test
  void shouldRejectTokenWhenItStampsOtherBytes() throws IOException {
    // given
    Map<String, byte[]> files = day.files();
    files.put("manifests/2.tsr", files.get("manifests/1.tsr"));
    // when
    Run run = verify(zip("a.zip", Archives.reseal(pki, files)));
    // then
    assertThat(findings(run)).containsExactly("token_invalid a.zip manifests/2.tsr");
    assertThat(run.out()).contains("manifest 2: the token stamps other bytes than the manifest's");
  }

  @Test
  void shouldRejectTokenWhenTsaIsNotUnderAPublishedCa() throws IOException {
    // given: a TSA of another CA stamps manifest 2
    KeyPair otherCa = EvidencePki.ec();
    X509Certificate ca =
        EvidencePki.certificate(
            "Other CA", otherCa.getPublic(), null, otherCa.getPrivate(), true, false);
    KeyPair tsaKey = EvidencePki.ec();
    X509Certificate tsa =
        EvidencePki.certificate(
            "Other TSA", tsaKey.getPublic(), ca, otherCa.getPrivate(), false, true);
    Map<String, byte[]> files = day.files();
    files.put(
        "manifests/2.tsr",
        EvidencePki.stamp(files.get("manifests/2.json"), tsaKey.getPrivate(), tsa));
    // when
    Run run = verify(zip("a.zip", Archives.reseal(pki, files)));
    // then
    assertThat(findings(run)).containsExactly("token_invalid a.zip manifests/2.tsr");
    assertThat(run.out()).contains("does not chain to a published CA");
  }

  @Test
  void shouldRejectSignatureWhenArchiveManifestEdited() throws IOException {
    // given
    Map<String, byte[]> files = day.files();
    files.put(
        ArchiveVerifier.ARCHIVE_MANIFEST,
        new String(files.get(ArchiveVerifier.ARCHIVE_MANIFEST), StandardCharsets.UTF_8)
            .replace("2026-12-07", "2026-12-08")
            .getBytes(StandardCharsets.UTF_8));
    // when
    Run run = verify(zip("a.zip", files));
    // then
    assertThat(findings(run)).containsExactly("signature_invalid a.zip archive-manifest.json.p7s");
  }

  @Test
  void shouldRejectSignatureWhenSignerIsNotUnderAPublishedCa() throws IOException {
    // given
    KeyPair key = EvidencePki.ec();
    X509Certificate self =
        EvidencePki.certificate("Impostor", key.getPublic(), null, key.getPrivate(), true, false);
    Map<String, byte[]> files = day.files();
    files.put(
        ArchiveVerifier.SIGNATURE,
        EvidencePki.sign(files.get(ArchiveVerifier.ARCHIVE_MANIFEST), key.getPrivate(), self));
    // when
    Run run = verify(zip("a.zip", files));
    // then
    assertThat(findings(run)).containsExactly("signature_invalid a.zip archive-manifest.json.p7s");
    assertThat(run.out())
        .contains("'CN=Impostor,O=Saphan Test,C=TH' does not chain to a published CA");
  }

  @Test
  void shouldNameMissingFileWhenTokenIsAbsent() throws IOException {
    // given
    Map<String, byte[]> files = day.files();
    files.remove("manifests/2.tsr");
    // when
    Run run = verify(zip("a.zip", files));
    // then
    assertThat(findings(run)).containsExactly("file_missing a.zip manifests/2.tsr");
  }

  @Test
  void shouldNameUnexpectedFileWhenArchiveHoldsMore() throws IOException {
    // given
    Map<String, byte[]> files = day.files();
    files.put("manifests/9.json", files.get("manifests/1.json"));
    // when
    Run run = verify(zip("a.zip", files));
    // then
    assertThat(findings(run)).containsExactly("file_unexpected a.zip manifests/9.json");
  }

  @Test
  void shouldNameMissingArchiveWhenPathDoesNotExist() {
    // when
    Run run = verify(dir.resolve("evidence-2026-12-06.zip"));
    // then
    assertThat(run.exit()).isEqualTo(EvidenceCommand.FAILED);
    assertThat(findings(run)).containsExactly("file_missing evidence-2026-12-06.zip");
  }

  @Test
  void shouldVerifyTheChainAcrossArchivesWhenDaysFollow() throws IOException {
    // given
    Archives archives = new Archives(pki);
    Path first = zip("evidence-2026-12-07.zip", archives.next("2026-12-07", 1, 2).files());
    Path second = zip("evidence-2026-12-08.zip", archives.next("2026-12-08", 2, 3).files());
    // when
    Run run = verify(second, first);
    // then
    assertThat(run.exit()).isEqualTo(EvidenceCommand.OK);
    assertThat(run.out()).contains("3 manifests (3 stamped", "8 records in 2 archive(s)");
  }

  @Test
  void shouldReportBrokenArchiveChainWhenADayIsMissing() throws IOException {
    // given: 12-08 is not given, 12-09 names it
    Archives archives = new Archives(pki);
    Path first = zip("evidence-2026-12-07.zip", archives.next("2026-12-07", 1, 1).files());
    archives.next("2026-12-08", 1, 1);
    Path third = zip("evidence-2026-12-09.zip", archives.next("2026-12-09", 1, 1).files());
    // when
    Run run = verify(first, third);
    // then
    assertThat(findings(run))
        .containsExactly(
            "archive_chain_broken evidence-2026-12-09.zip archive-manifest.json",
            "chain_broken evidence-2026-12-09.zip archive-manifest.json");
  }

  @Test
  void shouldAcceptBundleHoldingOneApplicationsRecords() throws IOException {
    // given: a citizen's bundle: the archive's layout, only APP-1's records
    Run run = verify(zip("bundle.zip", bundle(line -> line)));
    // then
    assertThat(run.exit()).isEqualTo(EvidenceCommand.OK);
    assertThat(run.out()).contains("4 records");
  }

  @Test
  void shouldNameEditedRecordInBundle() throws IOException {
    // when
    Run run = verify(zip("bundle.zip", bundle(line -> line.replace("http_200", "http_201"))));
    // then
    assertThat(findings(run)).containsOnly("record_edited bundle.zip records.jsonl");
  }

  @Test
  void shouldPrintTheCaseInOrderWhenShownFromArchives() throws IOException {
    // when
    Run run = run("show", "APP-1", zip("a.zip", day.files()).toString());
    // then
    assertThat(run.exit()).isEqualTo(EvidenceCommand.OK);
    assertThat(run.out())
        .contains("Application APP-1: 4 records, in order")
        .contains("#1  2026-12-07T10:15:31.358023Z  delivery_attempt")
        .contains("exchange: delivery, sent by the hub")
        .contains("authorised by lawful basis: pdpa-24-3")
        .contains("sealed in manifest 1 at position 0 of a.zip, stamped ");
    assertThat(run.out().indexOf("#1 ")).isLessThan(run.out().indexOf("#4 "));
  }

  @Test
  void shouldExitWithUsageWhenCertificatesAreNotGiven() throws IOException {
    // when
    Run run = run("verify", zip("a.zip", day.files()).toString());
    // then
    assertThat(run.exit()).isEqualTo(EvidenceCommand.USAGE);
    assertThat(run.err()).contains("verify needs --certs <folder>");
  }

  @Test
  void shouldRefuseAPasswordInTheDatabaseUrl() {
    // when
    Run run =
        run(
            "verify",
            "--db",
            "jdbc:postgresql://db/saphan?password=x",
            "--certs",
            certs.toString());
    // then
    assertThat(run.exit()).isEqualTo(EvidenceCommand.USAGE);
    assertThat(run.err()).contains("no password in the URL: set SAPHAN_EVIDENCE_DB_USER");
  }

  private Map<String, byte[]> bundle(java.util.function.UnaryOperator<String> edit) {
    Map<String, byte[]> files = day.files();
    Archives.editLines(files, (i, line) -> line.contains("APP-1") ? edit.apply(line) : null);
    try {
      ObjectNode index = (ObjectNode) JSON.readTree(files.get(ArchiveVerifier.ARCHIVE_MANIFEST));
      index.put("format", ArchiveVerifier.BUNDLE_FORMAT);
      files.put(ArchiveVerifier.ARCHIVE_MANIFEST, JSON.writeValueAsBytes(index));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, byte[]> sealed = Archives.reseal(pki, files);
    // the bundle's own index name (the signature covers the bytes, not the name)
    sealed.put(ArchiveVerifier.BUNDLE_MANIFEST, sealed.remove(ArchiveVerifier.ARCHIVE_MANIFEST));
    sealed.put(ArchiveVerifier.BUNDLE_MANIFEST + ".p7s", sealed.remove(ArchiveVerifier.SIGNATURE));
    return sealed;
  }

  private Path zip(String name, Map<String, byte[]> files) throws IOException {
    return Archives.write(files, dir.resolve(name));
  }

  private Run verify(Path... zips) {
    List<String> args = new ArrayList<>(List.of("verify"));
    for (Path zip : zips) {
      args.add(zip.toString());
    }
    args.addAll(List.of("--certs", certs.toString()));
    return run(args.toArray(String[]::new));
  }

  static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new EvidenceCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env)
            .run(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run run(String... args) {
    return run(Map.of(), args);
  }

  /** "code where" of every finding printed. */
  static List<String> findings(Run run) {
    return run.out()
        .lines()
        .filter(l -> l.startsWith("FAIL "))
        .map(l -> l.substring(5, l.indexOf(':')))
        .toList();
  }
}
