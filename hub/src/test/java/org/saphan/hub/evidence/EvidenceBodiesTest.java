package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.saphan.hub.evidence.EvidenceFixture.BANGKOK;
import static org.saphan.hub.evidence.EvidenceFixture.CA;
import static org.saphan.hub.evidence.EvidenceFixture.JDBC;
import static org.saphan.hub.evidence.EvidenceFixture.KEYS;
import static org.saphan.hub.evidence.EvidenceFixture.NOW;
import static org.saphan.hub.evidence.EvidenceFixture.TODAY;
import static org.saphan.hub.evidence.EvidenceFixture.TRANSACTIONS;
import static org.saphan.hub.evidence.EvidenceFixture.TSA;
import static org.saphan.hub.evidence.EvidenceFixture.unzip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.common.Digests;
import org.saphan.evidence.verifier.EvidenceCommand;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.keys.InMemoryKeyRing;
import org.saphan.hub.support.MutableClock;

/**
 * The message log's body mode (docs/evidence.md, "Bodies"): a connector whose card keeps bodies has
 * each exact body sealed with its citizen's data key; a PDPA erasure destroys the key, and the
 * records, their hashes, manifests and archive still verify.
 */
class EvidenceBodiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CITIZEN = "1101700230705";
  private static final byte[] ENVELOPE =
      "<soap:Envelope><permit>โค 12 ตัว</permit></soap:Envelope>".getBytes(StandardCharsets.UTF_8);

  /** The fixture's CA with an RSA key: the key that wraps the citizens' data keys. */
  private static final InMemoryKeyRing RING = rsaRing();

  @TempDir Path dir;

  private MutableClock clock;
  private EvidenceBodies bodies;
  private Evidence evidence;

  @BeforeEach
  void empty() {
    EvidenceFixture.reset();
    clock = new MutableClock(NOW);
    bodies = new EvidenceBodies(JDBC, "keeps-bodies"::equals, RING, clock);
    evidence = new Evidence(JDBC, clock, bodies);
  }

  @Test
  void shouldKeepTheExactBodyEncryptedAndGiveItBackWhenTheCardKeepsBodies() {
    // when
    long id = record("keeps-bodies", ENVELOPE);

    // then: the operator reads the exact bytes; the row holds them encrypted only
    assertThat(bodies.read(id)).isEqualTo(ENVELOPE);
    Map<String, Object> row =
        JDBC.sql("select record, payload_sha256, body from evidence where id = ?")
            .param(id)
            .query()
            .singleRow();
    assertThat(row.get("payload_sha256")).isEqualTo(Digests.sha256(ENVELOPE));
    assertThat((String) row.get("record")).doesNotContain("permit").doesNotContain("body");
    assertThat(new String((byte[]) row.get("body"), StandardCharsets.UTF_8)).doesNotContain("โค");
    assertThat(evidence.ofApplication("APP-1")).singleElement().matches(Evidence.Item::bodyKept);
    assertThat(
            JDBC.sql("select wrapped_key, kek_kid from citizen_data_key where citizen_id = ?")
                .param(CITIZEN)
                .query()
                .singleRow())
        .containsEntry("kek_kid", RING.current(KeyFamily.RSA_3072).kid());
  }

  @Test
  void shouldSealEveryBodyOfACitizenWithTheirOneDataKey() {
    // when
    record("keeps-bodies", ENVELOPE);
    record("keeps-bodies", "<ack/>".getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(JDBC.sql("select count(distinct body_key) from evidence").query(Long.class).single())
        .isEqualTo(1L);
    assertThat(JDBC.sql("select count(*) from citizen_data_key").query(Long.class).single())
        .isEqualTo(1L);
  }

  @Test
  void shouldKeepNoBodyWhenTheCardKeepsMetadataOnly() {
    // when
    long id = record("metadata-only", ENVELOPE);

    // then
    assertThat(evidence.ofApplication("APP-1")).singleElement().matches(item -> !item.bodyKept());
    assertThatThrownBy(() -> bodies.read(id))
        .isInstanceOfSatisfying(
            SaphanException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> bodies.read(id + 1000))
        .isInstanceOfSatisfying(
            SaphanException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void shouldMakeTheBodiesUnreadableButKeepTheRecordsWhenTheCitizenIsErased() {
    // given
    long id = record("keeps-bodies", ENVELOPE);
    String recordSha =
        JDBC.sql("select record_sha256 from evidence where id = ?")
            .param(id)
            .query(String.class)
            .single();

    // when
    EvidenceBodies.Erasure erasure = bodies.erase(CITIZEN);

    // then
    assertThat(erasure).isEqualTo(new EvidenceBodies.Erasure(1, 1));
    assertThatThrownBy(() -> bodies.read(id))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EVIDENCE_BODY_ERASED));
    Map<String, Object> key = JDBC.sql("select * from citizen_data_key").query().singleRow();
    assertThat(key).containsEntry("citizen_id", null).containsEntry("wrapped_key", null);
    assertThat(key.get("erased_at")).isNotNull();
    Map<String, Object> row =
        JDBC.sql("select record, record_sha256, payload_sha256 from evidence where id = ?")
            .param(id)
            .query()
            .singleRow();
    assertThat(row.get("record_sha256"))
        .isEqualTo(recordSha)
        .isEqualTo(Digests.sha256((String) row.get("record")));
    assertThat(row.get("payload_sha256")).isEqualTo(Digests.sha256(ENVELOPE));
    // and erasing again destroys nothing more; the citizen's next body gets a new key
    assertThat(bodies.erase(CITIZEN)).isEqualTo(new EvidenceBodies.Erasure(0, 0));
    long next = record("keeps-bodies", ENVELOPE);
    assertThat(bodies.read(next)).isEqualTo(ENVELOPE);
  }

  @Test
  void shouldArchiveTheEncryptedBodyThatTheVerifierAcceptsBeforeAndAfterErasure() throws Exception {
    // given
    long kept = record("keeps-bodies", ENVELOPE);
    record("metadata-only", ENVELOPE);
    TSA.seal(JDBC, clock.instant());
    EvidenceArchiver archiver =
        new EvidenceArchiver(
            JDBC, TRANSACTIONS, new CmsSigner(KEYS, clock), dir.resolve("archive"), BANGKOK, clock);

    // when
    EvidenceArchiver.Archive archive = archiver.archive(TODAY).orElseThrow();
    bodies.erase(CITIZEN);

    // then: the kept body travels encrypted with its key's id, the other line has none
    List<JsonNode> lines =
        new String(unzip(archive.file()).get("records.jsonl"), StandardCharsets.UTF_8)
            .lines()
            .map(this::json)
            .toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("id").asLong()).isEqualTo(kept);
    byte[] archived = Base64.getDecoder().decode(lines.get(0).path("body").asText());
    assertThat(archived[0]).isEqualTo(BodyCipher.VERSION);
    assertThat(lines.get(0).path("bodyKey").asText()).hasSize(36);
    assertThat(lines.get(1).has("body")).isFalse();
    // and the verifier, which knows nothing of bodies, verifies the archive
    Path certs = Files.createDirectories(dir.resolve("certs"));
    Pki.writePem(certs.resolve("ca.pem"), List.of(CA.certificate()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit =
        new EvidenceCommand(print, print, Map.of())
            .run(new String[] {"verify", archive.file().toString(), "--certs", certs.toString()});
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void shouldMoveTheDataKeysOntoTheNewRsaKeySoTheOldOneCanBeRetiredWhenKeysRotate() {
    // given: a body kept under a data key wrapped by the ring's RSA key
    InMemoryKeyRing ring = rsaRing();
    bodies = new EvidenceBodies(JDBC, "keeps-bodies"::equals, ring, clock);
    evidence = new Evidence(JDBC, clock, bodies);
    long id = record("keeps-bodies", ENVELOPE);
    String old = ring.current(KeyFamily.RSA_3072).kid();
    // when: the RSA key rotates, and key maintenance re-wraps
    ring.rotate(KeyFamily.RSA_3072);
    assertThat(bodies.wrappedBy(old)).isEqualTo(1);
    int moved = bodies.rewrap(ring);
    // then: nothing is left under the old key, which can go; the body still reads (a fresh reader:
    // no key cached), and a second re-wrap moves nothing
    assertThat(moved).isEqualTo(1);
    assertThat(bodies.wrappedBy(old)).isZero();
    ring.retire(old);
    assertThat(new EvidenceBodies(JDBC, "keeps-bodies"::equals, ring, clock).read(id))
        .isEqualTo(ENVELOPE);
    assertThat(bodies.rewrap(ring)).isZero();
  }

  @Test
  void shouldReportKeyNotAvailableWhenTheKeyThatWrapsADataKeyWasRetiredUnmoved() {
    // given: the old key retired without a re-wrap (what key maintenance now prevents)
    InMemoryKeyRing ring = rsaRing();
    bodies = new EvidenceBodies(JDBC, "keeps-bodies"::equals, ring, clock);
    evidence = new Evidence(JDBC, clock, bodies);
    long id = record("keeps-bodies", ENVELOPE);
    String old = ring.current(KeyFamily.RSA_3072).kid();
    ring.rotate(KeyFamily.RSA_3072);
    ring.retire(old);
    EvidenceBodies fresh = new EvidenceBodies(JDBC, "keeps-bodies"::equals, ring, clock);
    // then: the re-wrap and the read both fail with the key store's code
    assertThatThrownBy(() -> fresh.rewrap(ring))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_NOT_AVAILABLE));
    assertThatThrownBy(() -> fresh.read(id))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_NOT_AVAILABLE));
    assertThat(fresh.wrappedBy(old)).isEqualTo(1);
  }

  private long record(String connector, byte[] body) {
    evidence.record(
        Evidence.entry("delivery_attempt")
            .application("APP-1")
            .exchange("delivery", "out")
            .connector(connector)
            .sha256(Digests.sha256(body))
            .body(body, CITIZEN)
            .authorisedBy(null, "public_task"));
    return JDBC.sql("select max(id) from evidence").query(Long.class).single();
  }

  private JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static InMemoryKeyRing rsaRing() {
    InMemoryKeyRing ring =
        new InMemoryKeyRing(CA, java.time.Clock.fixed(NOW, BANGKOK), Duration.ofDays(3000));
    ring.rotate(KeyFamily.RSA_3072);
    return ring;
  }
}
