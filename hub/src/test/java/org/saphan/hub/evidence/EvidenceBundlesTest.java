package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.saphan.hub.evidence.EvidenceFixture.JDBC;
import static org.saphan.hub.evidence.EvidenceFixture.KEYS;
import static org.saphan.hub.evidence.EvidenceFixture.NOW;
import static org.saphan.hub.evidence.EvidenceFixture.TSA;
import static org.saphan.hub.evidence.EvidenceFixture.cmsVerify;
import static org.saphan.hub.evidence.EvidenceFixture.openssl;
import static org.saphan.hub.evidence.EvidenceFixture.tsVerify;
import static org.saphan.hub.evidence.EvidenceFixture.unpack;
import static org.saphan.hub.evidence.EvidenceFixture.unzip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.CmsSigner;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.support.MutableClock;

/**
 * A citizen's evidence bundle (docs/evidence.md, "A citizen's bundle"): only the application's
 * sealed records, with what seals them, verifiable with openssl.
 */
class EvidenceBundlesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private MutableClock clock;
  private Evidence evidence;

  @BeforeEach
  void empty() {
    EvidenceFixture.reset();
    clock = new MutableClock(NOW);
    evidence = new Evidence(JDBC, clock);
  }

  @Test
  void shouldBuildABundleThatOpensslVerifiesWhenTheApplicationsRecordsAreSealed() throws Exception {
    // given
    openssl();
    record("APP-1", "delivery_attempt");
    record("APP-2", "delivery_attempt");
    long manifest = TSA.seal(JDBC, clock.instant());
    record("APP-1", "ack");
    // when
    EvidenceBundles.Bundle bundle = bundles().of("APP-1");
    // then
    Map<String, byte[]> zip = unzip(bundle.zip());
    assertThat(bundle.fileName()).isEqualTo("evidence-APP-1.zip");
    assertThat(zip)
        .containsOnlyKeys(
            "bundle-manifest.json",
            "bundle-manifest.json.p7s",
            "manifests/" + manifest + ".json",
            "manifests/" + manifest + ".tsr",
            "records.jsonl",
            "certs/hub.pem",
            "certs/tsa.pem");
    JsonNode manifestJson = JSON.readTree(zip.get("bundle-manifest.json"));
    assertThat(manifestJson.path("format").asText()).isEqualTo("saphan-evidence-bundle/1");
    assertThat(manifestJson.path("records").path("count").asInt()).isEqualTo(1);
    assertThat(manifestJson.path("records").path("pending").asInt()).isEqualTo(1);
    assertThat(new String(zip.get("records.jsonl"), StandardCharsets.UTF_8))
        .contains("APP-1")
        .doesNotContain("APP-2");
    Path unpacked = unpack(dir, zip);
    assertThat(cmsVerify(unpacked, "bundle-manifest.json", "certs/hub.pem"))
        .contains("Verification successful");
    assertThat(tsVerify(unpacked, manifest, "certs/hub.pem", "-untrusted", "certs/tsa.pem"))
        .contains("Verification: OK");
  }

  @Test
  void shouldRefuseWithEvidenceNotSealedWhenNoRecordIsStampedYet() {
    // given
    record("APP-1", "delivery_attempt");
    // when / then
    assertThatThrownBy(() -> bundles().of("APP-1"))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EVIDENCE_NOT_SEALED));
  }

  private EvidenceBundles bundles() {
    return new EvidenceBundles(
        JDBC, new CmsSigner(KEYS, clock), () -> KEYS.current(KeyFamily.EC_P256).chain(), clock);
  }

  private void record(String applicationId, String kind) {
    EvidenceFixture.record(evidence, applicationId, kind);
  }
}
