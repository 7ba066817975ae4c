package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.common.DetachedJws;

/**
 * The check agencies over the wire in the running sandbox (LED's bankruptcy check, the police's
 * traffic fines): the bean wiring, parties {@code led}'s and {@code rtp}'s keys read from the key
 * directory, the hub trusted through the test hub's JWKS, and a slow answer released asynchronously
 * by the servlet container. The rules themselves are unit-tested ({@link LedBankruptcyCheckTest},
 * {@link LedFaultsTest}, {@link RtpTrafficFineCheckTest}).
 */
class CheckAgenciesIT extends AgencyIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void reset() {
    post("/sandbox/v1/agencies/led/faults", "application/json", "{\"mode\":\"none\"}");
    delete("/sandbox/v1/agencies/led/checks");
  }

  HttpResponse<byte[]> check(String citizenId) {
    return send(CheckAgencyController.LED_PATH, CheckFixture.request(citizenId));
  }

  HttpResponse<byte[]> send(String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/json; charset=UTF-8")
            .header("X-Message-Id", CheckFixture.requestId(json))
            .header(DetachedJws.HEADER, DetachedJws.sign(body, pki.hubEc(), Instant.now()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ECPublicKey partyKey(String party) throws Exception {
    try (InputStream in =
        Files.newInputStream(keysDir().resolve("public/party-" + party + ".pem"))) {
      X509Certificate certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return (ECPublicKey) certificate.getPublicKey();
    }
  }

  static boolean signedByLed(HttpResponse<byte[]> response) throws Exception {
    return signedBy("led", response);
  }

  static boolean signedBy(String party, HttpResponse<byte[]> response) throws Exception {
    String[] parts = response.headers().firstValue(DetachedJws.HEADER).orElseThrow().split("\\.");
    JWSObject jws =
        new JWSObject(
            new Base64URL(parts[0]), new Payload(response.body()), new Base64URL(parts[2]));
    return jws.getHeader()
            .getKeyID()
            .equals(
                new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, partyKey(party))
                    .build()
                    .computeThumbprint()
                    .toString())
        && jws.verify(new ECDSAVerifier(partyKey(party)));
  }

  @Test
  void shouldAnswerSignedByLedAndListTheCheckWhenTheHubAsks() throws Exception {
    // when
    HttpResponse<byte[]> response = check(LedRegister.BANKRUPT_CITIZEN_ID);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("BANKRUPT");
    assertThat(signedByLed(response)).isTrue();
    JsonNode checks = JSON.readTree(get("/sandbox/v1/agencies/led/checks").body());
    assertThat(checks.get(0).path("citizenId").asText()).isEqualTo("3-1005-xxxxx-xx-6");
    assertThat(checks.get(0).path("signature").asText()).isEqualTo("verified");
  }

  @Test
  void shouldReleaseTheSignedAnswerLaterWhenSlow() throws Exception {
    // given
    post(
        "/sandbox/v1/agencies/led/faults",
        "application/json",
        "{\"mode\":\"slow\",\"delayMillis\":30}");

    // when
    HttpResponse<byte[]> response = check(CheckFixture.SOMCHAI);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("NOT_BANKRUPT");
    assertThat(signedByLed(response)).isTrue();
  }

  @Test
  void shouldAnswerTheOpenTicketsSignedByRtpAndListTheQueryWhenTheHubAsks() throws Exception {
    // given
    delete("/sandbox/v1/agencies/rtp/queries");

    // when
    HttpResponse<byte[]> response =
        send(CheckAgencyController.RTP_PATH, CheckFixture.query(CheckFixture.SOMCHAI, "1กข 1234"));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("tickets").size()).isEqualTo(1);
    assertThat(answer.path("totalDue").asText()).isEqualTo("500.00");
    assertThat(signedBy("rtp", response)).isTrue();
    JsonNode queries = JSON.readTree(get("/sandbox/v1/agencies/rtp/queries").body());
    assertThat(queries.get(0).path("citizenId").asText()).isEqualTo("3-1012-xxxxx-xx-9");
    assertThat(queries.get(0).path("status").asText()).isEqualTo("OPEN_TICKETS");
  }
}
