package org.saphan.sandbox.epayment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The sandbox starts without a key directory (a relative path, as the default is). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sandbox.digital-id.port=0",
      "sandbox.sftp.port=0",
      "sandbox.keys.dir=target/no-such-keys",
      "SAPHAN_KEYSTORE_PASSWORD=test-only-keystore-password"
    })
class MissingPartyKeyTest {

  @Autowired TestRestTemplate rest;

  @Test
  void shouldAnswer503WithPartyKeyUnavailableWhenKeyDirectoryHasNoEpaymentKey() {
    // given
    String qr =
        new BillPaymentQr("099400098765001", "SPH5001", null, new BigDecimal("505.00")).toPayload();

    // when
    ResponseEntity<JsonNode> answer =
        rest.postForEntity(
            "/sandbox/v1/epayment/payments",
            Map.of("qrPayload", qr, "payer", "citizen-somchai"),
            JsonNode.class);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("party_key_unavailable");
    assertThat(rest.getForObject("/sandbox/v1/epayment/transactions", JsonNode.class)).isEmpty();
  }
}
