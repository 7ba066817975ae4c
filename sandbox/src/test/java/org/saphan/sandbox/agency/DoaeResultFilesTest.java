package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.sandbox.agency.DoaeResultPlan.Fault;
import org.saphan.sandbox.common.FixedWidthRecord;
import org.saphan.sandbox.common.PartyKey;
import org.saphan.sandbox.common.Sha256;
import org.saphan.sandbox.common.TestPki;

/**
 * DOAE's result files: what one says for an accepted export (layout positions, Thai reasons in
 * TIS-620, the next day's Buddhist-era date), its signature checked by openssl, and each fault of
 * the plan, which lasts one file.
 */
class DoaeResultFilesTest {

  /** 21:00 in Bangkok on 7 December 2026 (BE 2569). */
  private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPORT = "doae-farmer-registration-20261207-000007.txt";
  private static final String RESULT = "doae-farmer-registration-result-20261208-000001.txt";
  private static final List<String> APPLICATIONS =
      List.of("app-1", "app-2", "app-3", "app-4", "app-5");

  private static PartyKey doae;
  private static PartyKey hub;

  @TempDir Path root;

  @BeforeAll
  static void keys() {
    // DOAE's: RSA-3072 issued by the test CA, like party-doae; the hub's: the key the inbox trusts
    doae = TestPki.shared().hubRsa();
    hub = TestPki.shared().strangerRsa();
  }

  private Path inbox() {
    return root.resolve("inbox");
  }

  private Path outbox() {
    return root.resolve("outbox");
  }

  private DoaeResultFiles results() {
    return new DoaeResultFiles(outbox(), () -> doae, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void shouldAnswerAnAcceptedExportWithASignedResultFileForTheNextDay() throws Exception {
    // given
    DoaeResultFiles results = results();
    results.plan(
        new DoaeResultPlan(
            Map.of("app-2", DoaeResultPlan.DEFAULT_REASON), Set.of("app-3"), Fault.NONE));
    DoaeBatchInbox inbox = new DoaeBatchInbox(key -> key.equals(hub.publicKey()), clock());

    // when
    results.answering(inbox).accept(export(APPLICATIONS));

    // then
    assertThat(names()).containsExactly(RESULT, RESULT + ".manifest.json", RESULT + ".p7s");
    List<byte[]> records = records(RESULT);
    assertThat(records).hasSize(7).allSatisfy(r -> assertThat(r).hasSize(200));
    String header = text(records.get(0));
    assertThat(header.substring(0, 41)).isEqualTo("H00000001doae      08122569210000" + "00000007");
    String approved = text(records.get(1));
    assertThat(approved.substring(1, 42)).isEqualTo(String.format("%-40s", "app-1") + "A");
    assertThat(approved.substring(42, 62)).matches("DOAE[0-9]{12} {4}");
    assertThat(approved.substring(62, 76)).isEqualTo("07122569210000");
    assertThat(approved.substring(76).strip()).isEmpty();
    String rejected = text(records.get(2));
    assertThat(rejected.substring(41, 62)).isEqualTo("X" + " ".repeat(20));
    assertThat(rejected.substring(76, 176).strip()).isEqualTo("ไม่พบเอกสารสิทธิ์ในที่ดิน");
    assertThat(text(records.get(3)).substring(41, 62)).isEqualTo("R" + " ".repeat(20));
    assertThat(text(records.get(6)).strip()).isEqualTo("T00000005");
    JsonNode manifest = manifest(RESULT);
    assertThat(manifest.properties().stream().map(Map.Entry::getKey))
        .containsExactly(
            "format",
            "connector",
            "agency",
            "sequence",
            "forSequence",
            "file",
            "sha256",
            "signature",
            "signatureSha256",
            "count",
            "createdAt");
    assertThat(manifest.path("format").asText()).isEqualTo("saphan-batch-result/1");
    assertThat(manifest.path("connector").asText()).isEqualTo("doae-farmer-registration");
    assertThat(manifest.path("agency").asText()).isEqualTo("doae");
    assertThat(manifest.path("sequence").asLong()).isEqualTo(1);
    assertThat(manifest.path("forSequence").asLong()).isEqualTo(7);
    assertThat(manifest.path("sha256").asText()).isEqualTo(sha256(RESULT));
    assertThat(manifest.path("signature").asText()).isEqualTo(RESULT + ".p7s");
    assertThat(manifest.path("signatureSha256").asText()).isEqualTo(sha256(RESULT + ".p7s"));
    assertThat(manifest.path("count").asInt()).isEqualTo(5);
    assertThat(manifest.path("createdAt").asText()).isEqualTo(NOW.toString());
    assertThat(openssl(RESULT, "-CAfile", doaeCa(), "-purpose", "any"))
        .as("openssl cms -verify against the CA of party-doae.pem")
        .isZero();
    assertThat(results.produced())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.state()).isEqualTo("published");
              assertThat(p.lines().get(1))
                  .isEqualTo(new DoaeResultFile.Line(3, "app-2", "X", null));
            });
  }

  @Test
  void shouldNotAnswerARefusedExport() throws Exception {
    // given: an inbox that trusts no key of the hub's
    DoaeResultFiles results = results();
    DoaeBatchInbox inbox = new DoaeBatchInbox(key -> false, clock());

    // when
    results.answering(inbox).accept(export(APPLICATIONS));

    // then
    assertThat(inbox.received()).singleElement().matches(r -> !r.accepted());
    assertThat(results.produced()).isEmpty();
    assertThat(outbox()).doesNotExist();
  }

  @Test
  void shouldPlayThePlanForOneFileThenApproveEverything() throws Exception {
    // given
    DoaeResultFiles results = results();
    results.plan(new DoaeResultPlan(Map.of("app-1", "ไม่ผ่าน"), Set.of(), Fault.MISSING));

    // when
    DoaeResultFiles.Produced missing = results.answer(export(APPLICATIONS));
    DoaeResultFiles.Produced next = results.answer(export(List.of("app-1")));

    // then
    assertThat(missing.state()).isEqualTo("missing");
    assertThat(missing.file()).isNull();
    assertThat(next.file()).isEqualTo(RESULT);
    assertThat(next.fault()).isEqualTo(Fault.NONE);
    assertThat(next.lines()).extracting(DoaeResultFile.Line::resultCode).containsExactly("A");
    assertThat(results.plan()).isEqualTo(DoaeResultPlan.NORMAL);
    assertThat(names()).hasSize(3);
  }

  @Test
  void shouldHoldALateFileUntilReleased() throws Exception {
    // given
    DoaeResultFiles results = results();
    results.plan(new DoaeResultPlan(Map.of(), Set.of(), Fault.LATE));

    // when
    DoaeResultFiles.Produced held = results.answer(export(APPLICATIONS));

    // then
    assertThat(held.state()).isEqualTo("held");
    assertThat(outbox()).doesNotExist();

    // when
    List<DoaeResultFiles.Produced> released = results.release();

    // then
    assertThat(released).singleElement().matches(p -> p.state().equals("published"));
    assertThat(names()).containsExactly(RESULT, RESULT + ".manifest.json", RESULT + ".p7s");
    assertThat(results.release()).isEmpty();
  }

  @Test
  void shouldSignABadSignatureFileWithAKeyThatIsNotDoaes() throws Exception {
    // given
    DoaeResultFiles results = results();
    results.plan(new DoaeResultPlan(Map.of(), Set.of(), Fault.BAD_SIGNATURE));

    // when
    results.answer(export(APPLICATIONS));

    // then: only the signer check catches it; the hashes are right
    JsonNode manifest = manifest(RESULT);
    assertThat(manifest.path("signatureSha256").asText()).isEqualTo(sha256(RESULT + ".p7s"));
    assertThat(manifest.path("sha256").asText()).isEqualTo(sha256(RESULT));
    assertThat(openssl(RESULT, "-CAfile", doaeCa(), "-purpose", "any"))
        .as("verified against the CA of party-doae.pem")
        .isNotZero();
    assertThat(openssl(RESULT, "-noverify")).as("a well-formed signature over the data").isZero();
  }

  @Test
  void shouldBreakSomeLinesOfAProperlySignedFile() throws Exception {
    // given
    DoaeResultFiles results = results();
    results.plan(new DoaeResultPlan(Map.of(), Set.of(), Fault.BAD_LINES));

    // when
    DoaeResultFiles.Produced produced = results.answer(export(APPLICATIONS));

    // then
    List<byte[]> records = records(RESULT);
    assertThat(text(records.get(1)).charAt(41)).isEqualTo('Z');
    assertThat(text(records.get(2)).substring(62, 70)).isEqualTo("30022569");
    assertThat(text(records.get(3)).substring(1, 41).strip()).isEqualTo("never-exported-3");
    assertThat(records.get(4)[76]).isEqualTo((byte) 0xFF);
    assertThat(records.get(4)).hasSize(200);
    assertThat(records.get(5)).hasSize(199);
    assertThat(text(records.get(6)).strip()).isEqualTo("T00000005");
    assertThat(produced.lines())
        .extracting(DoaeResultFile.Line::line, DoaeResultFile.Line::applicationId)
        .containsExactly(
            tuple(2, "app-1"),
            tuple(3, "app-2"),
            tuple(4, "never-exported-3"),
            tuple(5, "app-4"),
            tuple(6, "app-5"));
    assertThat(produced.lines()).allMatch(l -> l.problem() != null);
    assertThat(manifest(RESULT).path("count").asInt()).isEqualTo(5);
    assertThat(openssl(RESULT, "-CAfile", doaeCa(), "-purpose", "any")).isZero();
  }

  @Test
  void shouldPublishADuplicateUnderTheNextSequencesNames() throws Exception {
    // given
    DoaeResultFiles results = results();
    results.plan(new DoaeResultPlan(Map.of(), Set.of(), Fault.DUPLICATE));
    String copy = "doae-farmer-registration-result-20261208-000002.txt";

    // when
    results.answer(export(APPLICATIONS));
    DoaeResultFiles.Produced after = results.answer(export(APPLICATIONS));

    // then
    assertThat(Files.readAllBytes(outbox().resolve(copy)))
        .isEqualTo(Files.readAllBytes(outbox().resolve(RESULT)));
    assertThat(Files.readAllBytes(outbox().resolve(copy + ".p7s")))
        .isEqualTo(Files.readAllBytes(outbox().resolve(RESULT + ".p7s")));
    JsonNode manifest = manifest(copy);
    assertThat(manifest.path("file").asText()).isEqualTo(copy);
    assertThat(manifest.path("sequence").asLong()).isEqualTo(1);
    assertThat(manifest.path("sha256").asText()).isEqualTo(sha256(RESULT));
    assertThat(results.produced().get(1).duplicateOf()).isEqualTo(RESULT);
    assertThat(after.sequence()).isEqualTo(3);
    assertThat(after.file()).endsWith("-000003.txt");
  }

  // --- the export the hub uploads, and the outbox --------------------------------------------

  private Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** The hub's export file (sequence 7, 7 December 2569) in the inbox; returns its manifest. */
  private Path export(List<String> applicationIds) throws Exception {
    Files.createDirectories(inbox());
    List<byte[]> records = new ArrayList<>();
    records.add(
        record()
            .text("H", 1)
            .number(7, 8)
            .text("doae", 10)
            .text("07122569", 8)
            .text("210000", 6)
            .text("", 167)
            .bytes());
    for (String id : applicationIds) {
      records.add(
          record()
              .text("D", 1)
              .text(id, 40)
              .text("1234567890123", 13)
              .text("สมชาย", 40)
              .text("ใจดี", 40)
              .text("", 30)
              .number(1250, 10)
              .text("01122569", 8)
              .text("", 18)
              .bytes());
    }
    records.add(record().text("T", 1).number(applicationIds.size(), 8).text("", 191).bytes());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] r : records) {
      out.writeBytes(r);
      out.writeBytes(new byte[] {'\r', '\n'});
    }
    byte[] data = out.toByteArray();
    byte[] p7s = new DoaeResultSigner(() -> hub, clock()).sign(data);
    return DoaeExports.upload(inbox(), EXPORT, 7, data, p7s, applicationIds.size());
  }

  private static FixedWidthRecord record() {
    return new FixedWidthRecord(FixedWidthRecord.TIS_620, 200);
  }

  private List<String> names() throws Exception {
    try (var files = Files.list(outbox())) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** The file's records, without their CRLF (split byte for byte). */
  private List<byte[]> records(String name) throws Exception {
    String file = Files.readString(outbox().resolve(name), StandardCharsets.ISO_8859_1);
    assertThat(file).as("every record ends with CRLF").endsWith("\r\n");
    return Arrays.stream(file.split("\r\n"))
        .map(r -> r.getBytes(StandardCharsets.ISO_8859_1))
        .toList();
  }

  private static String text(byte[] record) {
    return new String(record, FixedWidthRecord.TIS_620);
  }

  private JsonNode manifest(String name) throws Exception {
    return JSON.readTree(outbox().resolve(name + ".manifest.json").toFile());
  }

  private String sha256(String name) throws Exception {
    return Sha256.hex(Files.readAllBytes(outbox().resolve(name)));
  }

  /** The certificate of the CA that issued DOAE's, as PEM (the sandbox CA of party-doae.pem). */
  private String doaeCa() throws Exception {
    Path pem = root.resolve("sandbox-ca.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(doae.chain().get(doae.chain().size() - 1).getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    return pem.toString();
  }

  /**
   * {@code openssl cms -verify -binary -inform DER} of the file's detached signature, with the
   * given verification options; its exit code.
   */
  private int openssl(String name, String... verification) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER"));
    command.addAll(List.of(verification));
    command.addAll(
        List.of(
            "-in",
            outbox().resolve(name + ".p7s").toString(),
            "-content",
            outbox().resolve(name).toString(),
            "-out",
            root.resolve("out").toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("openssl.log").toFile())
            .start();
    return process.waitFor();
  }
}
