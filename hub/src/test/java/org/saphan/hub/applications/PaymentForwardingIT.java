package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A paid fee reaches the agency through the application's model (issue 7): the citizen pays the
 * Thai QR at the sandbox gateway, the gateway's signed notification marks the order paid, and the
 * model-3 delivery route sends the agency a signed payment notice under the order's own message id
 * — DCY over REST (JWS), DLD over SOAP (NotifyPayment, XML-DSig). A notice the agency cannot take
 * goes to the dead letters as a payment, and the application stays paid.
 */
class PaymentForwardingIT extends Model3TestSupport {

  @Autowired StatusRecorder statuses;
  @Autowired ApplicationStore store;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldSendDcyASignedPaymentNoticeUnderTheOrdersMessageIdWhenTheCitizenPays()
      throws Exception {
    // given: DCY received the application, then asked for a fee
    String id = applied(body());
    awaitStatus(id, "received");
    String paymentId = askFeeAndPay(id, "505.00");

    // then: DCY recorded the payment once, under the order's message id
    String messageId = messageIdOf(paymentId);
    JsonNode notice = awaitAgencyPayment("dcy", messageId);
    assertThat(notice.path("requestRef").asText()).isEqualTo(id);
    assertThat(notice.path("status").asInt()).isEqualTo(200);
    // and the evidence holds the signed notice and DCY's acknowledgement
    awaitEvidence(id, "payment_ack");
    String evidence = get("/ops/v1/evidence?applicationId=" + id, "operator").body();
    assertThat(evidence).contains("payment_attempt").contains(messageId);
    // and the message log holds the gateway's notification as received and the order handed out
    JsonNode notification = null;
    JsonNode order = null;
    for (JsonNode item : JSON.readTree(evidence)) {
      if (item.path("kind").asText().equals("payment_notification")) {
        notification = item;
      } else if (item.path("kind").asText().equals("payment_order")) {
        order = item;
      }
    }
    assertThat(notification).as(evidence).isNotNull();
    assertThat(notification.path("exchange").asText()).isEqualTo("payment_notification");
    assertThat(notification.path("direction").asText()).isEqualTo("in");
    assertThat(notification.path("outcome").asText()).isEqualTo("applied");
    assertThat(notification.path("payloadSha256").asText()).matches("[0-9a-f]{64}");
    assertThat(notification.path("signature").asText()).isNotBlank();
    assertThat(notification.path("signatureKid").asText()).isNotBlank();
    assertThat(order).as(evidence).isNotNull();
    assertThat(order.path("direction").asText()).isEqualTo("out");
    assertThat(order.path("connector").asText()).isNotBlank();
    // and the application is paid
    assertThat(statusOf(id)).isEqualTo("paid");
  }

  @Test
  void shouldSendDldASignedNotifyPaymentWhenTheCitizenPaysAPermitFee() throws Exception {
    // given: DLD registered the permit application, then asked for a fee
    String id = applied(Model3SoapIT.dldBody());
    awaitStatus(id, "received");
    String paymentId = askFeeAndPay(id, "120.00");

    // then: DLD's NotifyPayment took it (signature verified against the hub's JWKS)
    String messageId = messageIdOf(paymentId);
    JsonNode notice = awaitAgencyPayment("dld", messageId);
    assertThat(notice.path("requestRef").asText()).isEqualTo(id);
    awaitEvidence(id, "payment_ack");
    assertThat(statusOf(id)).isEqualTo("paid");
  }

  @Test
  void shouldDeadLetterThePaymentNoticeAndKeepTheApplicationPaidWhenTheAgencyNeverAcknowledged()
      throws Exception {
    // given: an application the agency never acknowledged (no agency reference), with a fee
    Application application = unacknowledged();
    String paymentId = askFeeAndPay(application.id(), "80.00");

    // then: after the card's attempts the notice is a dead letter of kind payment, with its cause
    JsonNode[] letter = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              letter[0] = null;
              for (JsonNode l :
                  JSON.readTree(
                      get("/ops/v1/dead-letters?connector=dcy-newborn-grant", "operator").body())) {
                if (l.path("applicationId").asText().equals(application.id())) {
                  letter[0] = l;
                }
              }
              assertThat(letter[0]).isNotNull();
            });
    assertThat(letter[0].path("kind").asText()).isEqualTo("payment");
    assertThat(letter[0].path("causeCode").asText()).isEqualTo("payment_before_acknowledgement");
    assertThat(letter[0].path("messageId").asText()).isEqualTo(messageIdOf(paymentId));
    // and the application is still paid, not failed
    assertThat(store.get(application.id()).status()).isEqualTo(CanonicalStatus.PAID);
  }

  // --- helpers ---

  private String applied(String json) throws Exception {
    HttpResponse<String> accepted = apply("citizen-somchai", UUID.randomUUID().toString(), json);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return JSON.readTree(accepted.body()).path("applicationId").asText();
  }

  /** The agency asks for {@code amount}; the citizen orders and pays it; answers the payment id. */
  private String askFeeAndPay(String applicationId, String amount) throws Exception {
    statuses.record(
        store.get(applicationId),
        CanonicalStatus.PAYMENT_REQUIRED,
        "agency",
        "FEE",
        Instant.now(),
        "it:" + UUID.randomUUID(),
        "ค่าธรรมเนียม",
        JSON.readTree("{\"amount\":\"" + amount + "\"}"));
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(uri("/api/v1/applications/" + applicationId + "/payment"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.noBody()),
            "citizen-somchai");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode order = JSON.readTree(created.body());
    HttpResponse<String> paid =
        sandboxPost(
            "/sandbox/v1/epayment/payments",
            "{\"qrPayload\":\""
                + order.path("qrPayload").asText()
                + "\",\"payer\":\"citizen-somchai\"}");
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
    awaitStatus(applicationId, "paid");
    return order.path("paymentId").asText();
  }

  private String messageIdOf(String paymentId) {
    return jdbc.sql("select message_id::text from payment_order where id = ?")
        .param(paymentId)
        .query(String.class)
        .single();
  }

  /**
   * Waits for the agency's record of a payment notice. The card's retries may be needed (a first
   * attempt refused while the agency refreshes the hub's keys, say): DLD's five attempts span 30 s,
   * so the wait covers them. A timeout names what the hub did with the message.
   */
  private JsonNode awaitAgencyPayment(String agency, String messageId) {
    JsonNode[] found = new JsonNode[1];
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                found[0] = null;
                for (JsonNode p : sandbox("/sandbox/v1/agencies/" + agency + "/payments")) {
                  if (p.path("messageId").asText().equals(messageId)) {
                    found[0] = p;
                  }
                }
                assertThat(found[0]).as(agency + " payment notice " + messageId).isNotNull();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          agency
              + " never recorded payment notice "
              + messageId
              + "; the hub's dead letters: "
              + jdbc.sql("select cause_code || ': ' || cause from dead_letter where message_id = ?")
                  .param(messageId)
                  .query(String.class)
                  .list()
              + "; its log of the message: "
              + LOGS.lines().stream().filter(l -> l.contains(messageId)).toList(),
          e);
    }
    assertThat(found[0].path("count").asInt()).isGreaterThanOrEqualTo(1);
    return found[0];
  }

  private void awaitEvidence(String applicationId, String kind) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        get("/ops/v1/evidence?applicationId=" + applicationId, "operator").body())
                    .contains("\"kind\":\"" + kind + "\""));
  }

  private Application unacknowledged() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String id =
        "APP-"
            + java.time.LocalDate.now().toString().replace("-", "")
            + "-PFWD"
            + now.toEpochMilli() % 10000;
    Application application =
        new Application(
            id,
            UUID.randomUUID(),
            SERVICE,
            "dcy-newborn-grant",
            3,
            "dcy",
            "3101200456789",
            CanonicalStatus.IN_REVIEW,
            JSON.createObjectNode(),
            JSON.createObjectNode(),
            null,
            now,
            now,
            now,
            0,
            null);
    store.insert(application);
    store.appendStatus(id, CanonicalStatus.IN_REVIEW, "hub", null, now, null, "it", null);
    return store.get(id);
  }
}
