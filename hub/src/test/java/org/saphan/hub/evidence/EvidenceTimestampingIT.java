package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.security.ExternalTools;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The message log's batch timestamping against the sandbox TSA: records sealed into a chain of
 * manifests, each stamped by one RFC 3161 token that openssl verifies; a failing TSA leaves the
 * manifest unstamped with its error (ops, metrics) and it is stamped first once the TSA is back.
 */
class EvidenceTimestampingIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired Evidence evidence;
  @Autowired Timestamper timestamper;
  @Autowired JdbcClient jdbc;

  @TempDir Path dir;

  @Test
  void shouldSealRecordsIntoChainedManifestsWhoseTokensOpensslVerifies() throws Exception {
    // given
    ExternalTools.require("openssl");
    String correlation = "it-stamp-" + UUID.randomUUID();
    record("first", correlation);
    record("second", correlation);
    // when
    timestamper.run();
    // then: each record is at its position in a stamped manifest
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select id, manifest_id, position, record_sha256 from evidence"
                    + " where correlation_id = ? order by id")
            .param(correlation)
            .query()
            .listOfRows();
    assertThat(rows).hasSize(2);
    for (Map<String, Object> row : rows) {
      long manifestId = ((Number) row.get("manifest_id")).longValue();
      Map<String, Object> manifest = manifest(manifestId);
      byte[] bytes = (byte[]) manifest.get("manifest");
      JsonNode text = JSON.readTree(bytes);
      assertThat(text.path("format").asText()).isEqualTo("saphan-evidence-manifest/1");
      assertThat(text.path("id").asLong()).isEqualTo(manifestId);
      JsonNode listed = text.path("records").get(((Number) row.get("position")).intValue());
      assertThat(listed.path("id").asLong()).isEqualTo(((Number) row.get("id")).longValue());
      assertThat(listed.path("sha256").asText()).isEqualTo(row.get("record_sha256"));
      assertThat(manifest.get("manifest_sha256")).isEqualTo(Digests.sha256(bytes));
      // the chain: previous = the SHA-256 of the previous manifest's bytes
      String previous = text.path("previous").asText();
      assertThat(manifest.get("previous_sha256")).isEqualTo(previous);
      if (manifestId > 1) {
        assertThat(previous)
            .isEqualTo(Digests.sha256((byte[]) manifest(manifestId - 1).get("manifest")));
      }
      // the token, checked by a verifier Saphan did not write
      Files.write(dir.resolve(manifestId + ".json"), bytes);
      Files.write(dir.resolve(manifestId + ".tsr"), (byte[]) manifest.get("tsa_response"));
      ExternalTools.Result verified =
          ExternalTools.run(
              dir,
              "openssl",
              "ts",
              "-verify",
              "-data",
              manifestId + ".json",
              "-in",
              manifestId + ".tsr",
              "-CAfile",
              ENV.keysDir().resolve("public/sandbox-ca.pem").toString());
      assertThat(verified.exitCode()).as(verified.output()).isZero();
      assertThat(verified.output()).contains("Verification: OK");
    }
  }

  @Test
  void shouldKeepTheTsaErrorAndStampTheManifestFirstOnceTheTsaAnswersAgain() throws Exception {
    // given: the TSA refuses
    String correlation = "it-stamp-" + UUID.randomUUID();
    long manifestId;
    try {
      sandboxPost("/sandbox/v1/tsa/faults", "{\"mode\":\"reject\"}");
      record("while refused", correlation);
      // when
      timestamper.run();
      // then: sealed, not stamped, the reason kept
      manifestId = manifestOf(correlation);
      assertThat(manifest(manifestId).get("tsa_response")).isNull();
      assertThat((String) manifest(manifestId).get("last_error"))
          .startsWith("timestamp_refused: the TSA did not grant the stamp");
      JsonNode ops = JSON.readTree(get("/ops/v1/evidence/timestamping", "operator").body());
      assertThat(ops.path("unstampedManifests").asLong()).isPositive();
      assertThat(ops.path("lastError").asText()).startsWith("timestamp_refused");
      assertThat(ops.path("deliveriesPaused").asBoolean()).isFalse();
      // when: the TSA is down
      sandboxPost("/sandbox/v1/tsa/faults", "{\"mode\":\"down\"}");
      timestamper.run();
      // then
      assertThat((String) manifest(manifestId).get("last_error"))
          .startsWith("upstream_unavailable: the TSA answered HTTP 503");
    } finally {
      sandboxPost("/sandbox/v1/tsa/faults", "{\"mode\":\"none\"}");
    }
    // when: it answers again
    timestamper.run();
    // then
    Map<String, Object> stamped = manifest(manifestId);
    assertThat(stamped.get("tsa_response")).isNotNull();
    assertThat(stamped.get("tsa_time")).isNotNull();
    assertThat(stamped.get("last_error")).isNull();
    assertThat(((Number) stamped.get("stamp_attempts")).intValue()).isGreaterThanOrEqualTo(3);
    HttpResponse<String> health = management("/actuator/health/timestamping");
    assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    assertThat(management("/actuator/prometheus").body())
        .containsPattern("saphan_evidence_tsa_failures_total\\{[^}]*code=\"timestamp_refused\"")
        .contains("saphan_evidence_unstamped_records");
  }

  private void record(String outcome, String correlation) {
    evidence.record(
        Evidence.entry("it_timestamping")
            .correlation(correlation)
            .exchange("test", "out")
            .outcome(outcome));
  }

  private long manifestOf(String correlation) {
    return jdbc.sql("select manifest_id from evidence where correlation_id = ?")
        .param(correlation)
        .query(Long.class)
        .single();
  }

  private Map<String, Object> manifest(long id) {
    return jdbc.sql("select * from evidence_manifest where id = ?").param(id).query().singleRow();
  }
}
