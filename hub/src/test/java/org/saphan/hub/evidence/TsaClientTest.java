package org.saphan.hub.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;

/** The TSA client's strict check of an RFC 3161 answer, against a TSA of the test's own. */
class TsaClientTest {

  private static final byte[] MANIFEST =
      "{\"format\":\"saphan-evidence-manifest/1\",\"id\":1}".getBytes(StandardCharsets.UTF_8);

  private static TestTsa tsa;
  private static TestTsa stranger;

  @TempDir Path keys;

  @BeforeAll
  static void makeTsas() {
    tsa = TestTsa.create();
    stranger = TestTsa.create();
  }

  private TsaClient client() {
    Pki.writePem(
        keys.resolve("public/party-tsa.pem"), List.of(tsa.certificate(), tsa.ca.certificate()));
    return new TsaClient(null, new EvidenceProperties(), keys);
  }

  @Test
  void shouldReturnTheTsaTimeWhenTheAnswerVerifies() throws Exception {
    // given
    TimeStampRequest request = TsaClient.request(MANIFEST);
    Instant before = Instant.now().minusSeconds(1);
    // when
    Instant time = client().verify(request, tsa.answer(request));
    // then
    assertThat(time).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    assertThat(request.getMessageImprintAlgOID()).isEqualTo(TSPAlgorithms.SHA256);
    assertThat(request.getCertReq()).isTrue();
    assertThat(request.getNonce()).isNotNull();
  }

  @Test
  void shouldRefuseWhenTheAnswerIsForAnotherRequest() throws Exception {
    // given: the same manifest, another nonce
    TimeStampRequest request = TsaClient.request(MANIFEST);
    byte[] answer = tsa.answer(TsaClient.request(MANIFEST));
    // then
    assertRefused(() -> client().verify(request, answer), "does not answer this request");
  }

  @Test
  void shouldRefuseWhenTheImprintIsOfOtherBytes() throws Exception {
    // given
    TimeStampRequest request = TsaClient.request(MANIFEST);
    TimeStampRequest other = TsaClient.request("edited".getBytes(StandardCharsets.UTF_8));
    // then
    assertRefused(
        () -> client().verify(request, tsa.answer(other)), "does not answer this request");
  }

  @Test
  void shouldRefuseWhenAnotherTsaSignedTheToken() throws Exception {
    // given
    TimeStampRequest request = TsaClient.request(MANIFEST);
    // then
    assertRefused(
        () -> client().verify(request, stranger.answer(request)), "does not verify against");
  }

  @Test
  void shouldRefuseWhenTheTsaRejectsTheRequest() throws Exception {
    // given
    TimeStampRequest request = TsaClient.request(MANIFEST);
    byte[] rejection =
        new TimeStampResponseGenerator(null, java.util.Set.of(TSPAlgorithms.SHA256))
            .generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.systemFailure, "down")
            .getEncoded();
    // then
    assertRefused(() -> client().verify(request, rejection), "did not grant the stamp (status 2");
  }

  @Test
  void shouldRefuseWhenTheAnswerIsNotDer() {
    // given
    TimeStampRequest request = TsaClient.request(MANIFEST);
    // then
    assertRefused(
        () -> client().verify(request, "not DER".getBytes(StandardCharsets.US_ASCII)),
        "not a TimeStampResp");
  }

  @Test
  void shouldRefuseATsaCertificateWithoutCriticalTimeStampingUsage() {
    // given: an ordinary signing certificate configured as the TSA's
    Instant now = Instant.now();
    var ordinary =
        Pki.issueSigningKey(
            tsa.ca, KeyFamily.EC_P256, "Not a TSA", now.minusSeconds(60), now.plusSeconds(600));
    // then
    assertRefused(
        () -> TsaClient.requireTimeStamping(ordinary.certificate(), "party-x.pem"),
        "is not a TSA certificate");
  }

  @Test
  void shouldAnswerUpstreamUnavailableWhenNoTsaIsConfigured() {
    // given
    TsaClient client = new TsaClient(null, new EvidenceProperties(), keys);
    // then
    assertThatThrownBy(() -> client.stamp(MANIFEST))
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE))
        .hasMessageContaining("saphan.evidence.tsa.url");
  }

  @Test
  void shouldRefuseWhenTheTsaCertificateFileIsMissing() {
    // given
    TsaClient client = new TsaClient(null, new EvidenceProperties(), keys);
    // then
    assertThatThrownBy(client::certificate)
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_NOT_AVAILABLE));
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String why) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SaphanException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMESTAMP_REFUSED))
        .hasMessageContaining(why);
  }
}
