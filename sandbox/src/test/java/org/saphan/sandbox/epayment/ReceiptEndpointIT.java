package org.saphan.sandbox.epayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Document;
import xades4j.providers.CannotBuildCertificationPathException;
import xades4j.verification.ReferenceValueException;
import xades4j.verification.XAdESVerificationResult;

class ReceiptEndpointIT extends EpaymentTestSupport {

  @Test
  void shouldServeVerifiableReceiptAtTheNotifiedReceiptUrlWhenCitizenPaid() throws Exception {
    // given
    payQr("SPH4001", "505.00");
    await().atMost(Duration.ofSeconds(10)).until(() -> hub().received().size() == 1);
    String receiptUrl =
        new ObjectMapper().readTree(hub().received().get(0).body()).get("receiptUrl").asText();

    // when
    ResponseEntity<byte[]> receipt = rest.getForEntity(receiptUrl, byte[].class);

    // then
    assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(receipt.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_XML))
        .isTrue();
    XAdESVerificationResult verified =
        ReceiptVerification.xades4j(receipt.getBody(), keys().trustStore());
    assertThat(verified.getValidationCertificate()).isEqualTo(keys().epayment());
    Document doc = ReceiptVerification.parse(receipt.getBody());
    assertThat(ReceiptVerification.ram(doc, "TypeCode")).isEqualTo("T01");
    assertThat(ReceiptVerification.ram(doc, "GrandTotalAmount")).isEqualTo("505.00");
    assertThat(ReceiptVerification.ram(doc, "IssuerAssignedID")).isEqualTo("SPH4001");
  }

  @Test
  void shouldIssueReceiptForTheAmountPaidWhenWrongAmountFaultIsSet() throws Exception {
    // given
    faults(map("wrongAmount", true));
    JsonNode paid = payQr("SPH4002", "505.00").getBody();

    // when
    byte[] receipt = receipt(paid.get("transactionId").asText()).getBody();

    // then
    Document doc = ReceiptVerification.parse(receipt);
    assertThat(ReceiptVerification.ram(doc, "GrandTotalAmount")).isEqualTo("506.00");
    assertThat(ReceiptVerification.ram(doc, "TaxTotalAmount")).isEqualTo("0.00");
  }

  @Test
  void shouldFailVerificationWhenTamperReceiptFaultIsSet() {
    // given
    faults(map("tamperReceipt", true));
    JsonNode paid = payQr("SPH4003", "505.00").getBody();

    // when
    byte[] receipt = receipt(paid.get("transactionId").asText()).getBody();

    // then
    assertThatThrownBy(() -> ReceiptVerification.xades4j(receipt, keys().trustStore()))
        .isInstanceOf(ReferenceValueException.class);
  }

  @Test
  void shouldFailCertificateValidationWhenUntrustedReceiptKeyFaultIsSet() {
    // given
    faults(map("untrustedReceiptKey", true));
    JsonNode paid = payQr("SPH4004", "505.00").getBody();

    // when
    byte[] receipt = receipt(paid.get("transactionId").asText()).getBody();

    // then
    assertThatThrownBy(() -> ReceiptVerification.xades4j(receipt, keys().trustStore()))
        .isInstanceOf(CannotBuildCertificationPathException.class);
  }

  @Test
  void shouldAnswer404WithReceiptNotFoundWhenTransactionIsUnknown() {
    // when
    ResponseEntity<JsonNode> answer =
        rest.getForEntity("/epayment/v1/receipts/EP00000000000000", JsonNode.class);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("receipt_not_found");
  }

  private ResponseEntity<byte[]> receipt(String transactionId) {
    ResponseEntity<byte[]> receipt =
        rest.getForEntity("/epayment/v1/receipts/" + transactionId, byte[].class);
    assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.OK);
    return receipt;
  }
}
