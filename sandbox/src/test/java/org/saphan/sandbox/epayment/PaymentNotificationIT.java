package org.saphan.sandbox.epayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.math.BigDecimal;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class PaymentNotificationIT extends EpaymentTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldAnswer201WithTransactionWhenCitizenPaysThaiQr() {
    // when
    ResponseEntity<JsonNode> paid = payQr("SPH0001", "505.00");

    // then
    assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(paid.getBody().get("transactionId").asText()).matches("EP[0-9]{14}");
    assertThat(paid.getBody().get("bankRef").asText()).startsWith("014");
    assertThat(paid.getBody().get("amount").asText()).isEqualTo("505.00");
    assertThat(paid.getBody().get("paidAt").asText()).endsWith("+07:00");
  }

  @Test
  void shouldSendSignedNotificationVerifiableWithEpaymentKeyWhenCitizenPays() throws Exception {
    // given
    ResponseEntity<JsonNode> paid = payQr("SPH0002", "505.00");

    // when
    await().atMost(WAIT).until(() -> hub().received().size() == 1);
    HubStub.Received received = hub().received().get(0);

    // then
    assertThat(received.contentType()).isEqualTo("application/json");
    JWSObject jws = JWSObject.parse(received.signature(), new Payload(received.body()));
    assertThat(received.signature()).contains("..");
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
    assertThat(jws.getHeader().getKeyID()).isEqualTo(PartyKey.kid(keys().epayment()));
    long iat = ((Number) jws.getHeader().getCustomParam("iat")).longValue();
    assertThat(iat).isBetween(Instant.now().getEpochSecond() - 300, Instant.now().getEpochSecond());
    assertThat((String) jws.getHeader().getCustomParam("jti")).isNotBlank();
    assertThat(jws.verify(new RSASSAVerifier((RSAPublicKey) keys().epayment().getPublicKey())))
        .isTrue();
    JsonNode body = json.readTree(received.body());
    assertThat(body.get("transactionId").asText())
        .isEqualTo(paid.getBody().get("transactionId").asText());
    assertThat(body.get("billerId").asText()).isEqualTo(BILLER);
    assertThat(body.get("ref1").asText()).isEqualTo("SPH0002");
    assertThat(body.get("ref2").isNull()).isTrue();
    assertThat(body.get("amount").asText()).isEqualTo("505.00");
    assertThat(body.get("currency").asText()).isEqualTo("THB");
    assertThat(body.get("status").asText()).isEqualTo("PAID");
    assertThat(body.get("payerBank").asText()).isEqualTo("014");
    assertThat(body.get("receiptUrl").asText())
        .endsWith("/epayment/v1/receipts/" + paid.getBody().get("transactionId").asText());
    assertThat(fieldNames(body))
        .containsExactly(
            "notificationId",
            "transactionId",
            "billerId",
            "ref1",
            "ref2",
            "amount",
            "currency",
            "status",
            "eventAt",
            "paidAt",
            "payerBank",
            "bankRef",
            "receiptUrl");
  }

  @Test
  void shouldNotVerifyWhenBodyIsChanged() throws Exception {
    // given
    payQr("SPH0003", "505.00");
    await().atMost(WAIT).until(() -> hub().received().size() == 1);
    HubStub.Received received = hub().received().get(0);
    byte[] changed = new String(received.body()).replace("505.00", "5.00").getBytes();

    // when
    JWSObject jws = JWSObject.parse(received.signature(), new Payload(changed));

    // then
    assertThat(jws.verify(new RSASSAVerifier((RSAPublicKey) keys().epayment().getPublicKey())))
        .isFalse();
  }

  @Test
  void shouldSendSameNotificationIdTwiceWhenDuplicateFaultIsSet() throws Exception {
    // given
    faults(map("duplicateNotifications", true));

    // when
    payQr("SPH0004", "505.00");
    await().atMost(WAIT).until(() -> hub().received().size() == 2);

    // then
    List<HubStub.Received> received = hub().received();
    JsonNode first = json.readTree(received.get(0).body());
    JsonNode second = json.readTree(received.get(1).body());
    assertThat(second.get("notificationId").asText())
        .isEqualTo(first.get("notificationId").asText());
    assertThat(second).isEqualTo(first);
    assertThat(jti(received.get(1))).isNotEqualTo(jti(received.get(0)));
    JsonNode log = notifications();
    assertThat(log).hasSize(2);
    assertThat(log.get(0).get("notificationId")).isEqualTo(log.get(1).get("notificationId"));
    assertThat(log.get(1).get("copy").asInt()).isEqualTo(2);
  }

  @Test
  void shouldSendPendingAfterPaidWhenOutOfOrderFaultIsSet() throws Exception {
    // given
    faults(map("outOfOrder", true));

    // when
    payQr("SPH0005", "505.00");
    await().atMost(WAIT).until(() -> hub().received().size() == 2);

    // then
    JsonNode paid = json.readTree(hub().received().get(0).body());
    JsonNode pending = json.readTree(hub().received().get(1).body());
    assertThat(paid.get("status").asText()).isEqualTo("PAID");
    assertThat(pending.get("status").asText()).isEqualTo("PENDING");
    assertThat(pending.get("transactionId")).isEqualTo(paid.get("transactionId"));
    assertThat(pending.get("notificationId")).isNotEqualTo(paid.get("notificationId"));
    assertThat(OffsetDateTime.parse(pending.get("eventAt").asText()))
        .isBefore(OffsetDateTime.parse(paid.get("eventAt").asText()));
    assertThat(pending.get("paidAt").isNull()).isTrue();
    assertThat(pending.get("receiptUrl").isNull()).isTrue();
  }

  @Test
  void shouldNotifyTheAmountActuallyPaidWhenWrongAmountFaultIsSet() throws Exception {
    // given
    faults(map("wrongAmount", true));

    // when
    ResponseEntity<JsonNode> paid = payQr("SPH0006", "505.00");
    await().atMost(WAIT).until(() -> hub().received().size() == 1);

    // then
    JsonNode body = json.readTree(hub().received().get(0).body());
    assertThat(paid.getBody().get("amount").asText()).isEqualTo("506.00");
    assertThat(body.get("amount").asText()).isEqualTo("506.00");
    assertThat(body.get("ref1").asText()).isEqualTo("SPH0006");
  }

  @Test
  void shouldDeliverLateWhenNotificationDelayIsSet() {
    // given
    faults(map("notificationDelayMillis", 300));

    // when
    Instant paidAt = Instant.now();
    payQr("SPH0015", "505.00");
    await().atMost(WAIT).until(() -> hub().received().size() == 1);

    // then
    assertThat(Duration.between(paidAt, hub().received().get(0).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void shouldRetryUntil200WhenHubAnswered503First() throws Exception {
    // given
    hub().answer(503);

    // when
    payQr("SPH0007", "505.00");
    await()
        .atMost(WAIT)
        .until(() -> "delivered".equals(notifications().path(0).path("outcome").asText()));

    // then
    List<HubStub.Received> received = hub().received();
    assertThat(received).hasSize(2);
    assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    JsonNode attempts = notifications().get(0).get("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).get("httpStatus").asInt()).isEqualTo(503);
    assertThat(attempts.get(1).get("httpStatus").asInt()).isEqualTo(200);
  }

  @Test
  void shouldNotRetryWhenHubAnswered4xx() {
    // given
    hub().answer(409);

    // when
    payQr("SPH0008", "505.00");
    await()
        .atMost(WAIT)
        .until(() -> "refused".equals(notifications().path(0).path("outcome").asText()));

    // then
    assertThat(hub().received()).hasSize(1);
    assertThat(notifications().get(0).get("attempts")).hasSize(1);
  }

  @Test
  void shouldGiveUpAfterMaxAttemptsWhenHubKeepsAnswering500() {
    // given max-attempts=4 in the test settings
    hub().answer(500, 500, 500, 500, 500);

    // when
    payQr("SPH0009", "505.00");
    await()
        .atMost(WAIT)
        .until(() -> "gave_up".equals(notifications().path(0).path("outcome").asText()));

    // then
    assertThat(hub().received()).hasSize(4);
  }

  @Test
  void shouldAnswer422WithCrcMismatchWhenQrCrcIsWrong() {
    // given
    String good = new BillPaymentQr(BILLER, "SPH0010", null, new BigDecimal("505.00")).toPayload();
    String bad = good.substring(0, good.length() - 4) + "0000";

    // when
    ResponseEntity<JsonNode> answer = pay(map("qrPayload", bad, "payer", "citizen-somchai"));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("qr_crc_mismatch");
    assertThat(hub().received()).isEmpty();
  }

  @Test
  void shouldAnswer422WithBillerIdInvalidWhenQrIsTheFactsWorkedExample() {
    // given the worked example's CRC is right but its biller id has 13 characters
    String workedExample =
        "00020101021130530016A00000067701011201130000000000001020412340304234553037645802TH6304E5DA";

    // when
    ResponseEntity<JsonNode> answer =
        pay(map("qrPayload", workedExample, "payer", "citizen-somchai", "amount", "10.00"));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("qr_biller_id_invalid");
  }

  @Test
  void shouldAnswer201WhenCitizenPaysWithBillerAndReferences() {
    // when
    ResponseEntity<JsonNode> paid =
        pay(
            map(
                "billerId", BILLER,
                "ref1", "SPH0011",
                "ref2", "DLT",
                "amount", "505.00",
                "payer", "citizen-malee"));

    // then
    assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(paid.getBody().get("bankRef").asText()).startsWith("002");
    await().atMost(WAIT).until(() -> hub().received().size() == 1);
  }

  @Test
  void shouldAnswer422WithPayerUnknownWhenPersonaDoesNotExist() {
    // when
    ResponseEntity<JsonNode> answer =
        pay(map("billerId", BILLER, "ref1", "SPH0012", "amount", "1.00", "payer", "nobody"));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("payer_unknown");
  }

  @Test
  void shouldAnswer503WhenGatewayIsDown() {
    // given
    faults(map("down", true));

    // when
    ResponseEntity<JsonNode> answer = payQr("SPH0013", "505.00");

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("epayment_down");
  }

  @Test
  void shouldClearEveryFaultWhenModeIsNone() {
    // given
    faults(map("duplicateNotifications", true, "down", true));

    // when
    ResponseEntity<JsonNode> answer = faults(Map.of("mode", "none"));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().get("duplicateNotifications").asBoolean()).isFalse();
    assertThat(answer.getBody().get("down").asBoolean()).isFalse();
    assertThat(payQr("SPH0014", "1.00").getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void shouldAnswer400WithFaultDelayTooLongWhenDelayExceedsMaximum() {
    // when
    ResponseEntity<JsonNode> answer = faults(map("notificationDelayMillis", 3_600_000));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("fault_delay_too_long");
  }

  private String jti(HubStub.Received received) throws Exception {
    return (String)
        JWSObject.parse(received.signature(), new Payload(received.body()))
            .getHeader()
            .getCustomParam("jti");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
