package org.saphan.hub.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.payment.qr.ThaiQrParser;
import org.saphan.hub.security.SigningKey;
import org.saphan.hub.status.StatusRecorder;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * e-Payment end to end against the sandbox gateway: payment orders (agency amount, card default,
 * none due, idempotency), the citizen paying the Thai QR, the gateway's signed notifications and
 * their rules, the paid timeline and its forwarding, and the e-Receipt fetched, verified, served,
 * and checked by xmlsec1 as an independent verifier.
 */
class PaymentIT extends HubIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SOMCHAI = "3101200456789";
  static final String DSD_BILLER = "099400000002201";
  static final String DCY_BILLER = "099400000003101";

  @Autowired ApplicationStore applications;
  @Autowired StatusRecorder statuses;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void clearFaults() throws Exception {
    sandboxPost("/sandbox/v1/epayment/faults", "{\"mode\":\"none\"}");
  }

  // --- the whole flow, model 3 (DCY, REST), the amount set by the agency ---

  @Test
  void shouldPayForwardAndServeAVerifiedReceiptWhenACitizenPaysTheFeeTheAgencyAskedFor()
      throws Exception {
    // given: a model-3 application the agency received, then asked 505.00 for (payment_required)
    Application application = application("dcy-newborn-grant", 3, "dcy");
    statuses.record(
        application,
        CanonicalStatus.PAYMENT_REQUIRED,
        "agency",
        "35",
        Instant.now(),
        "it:" + UUID.randomUUID(),
        "ชำระค่าธรรมเนียมคัดสำเนา",
        JSON.readTree("{\"amount\":\"505.00\"}"));
    String key = UUID.randomUUID().toString();

    // when: the citizen asks for the payment order
    HttpResponse<String> created = createPayment(application.id(), key);

    // then: a Thai QR for the agency's amount, the DCY biller, this order's ref1
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode order = JSON.readTree(created.body());
    assertThat(order.path("amount").asText()).isEqualTo("505.00");
    assertThat(order.path("amountSource").asText()).isEqualTo("agency");
    assertThat(order.path("status").asText()).isEqualTo("created");
    var qr = ThaiQrParser.parse(order.path("qrPayload").asText());
    assertThat(qr.billerId()).isEqualTo(DCY_BILLER);
    assertThat(qr.ref1()).isEqualTo(order.path("ref1").asText()).matches("[A-Z0-9]{1,20}");
    assertThat(qr.ref2()).isEqualTo(application.id().replace("-", ""));
    assertThat(qr.amount()).isEqualByComparingTo("505.00");
    assertThat(order.path("botBarcode").asText())
        .isEqualTo("|" + DCY_BILLER + "\r" + qr.ref1() + "\r" + qr.ref2() + "\r50500");

    // and the same Idempotency-Key answers the same order
    HttpResponse<String> again = createPayment(application.id(), key);
    assertThat(again.headers().firstValue("Idempotency-Replayed")).contains("true");
    assertThat(JSON.readTree(again.body()).path("paymentId").asText())
        .isEqualTo(order.path("paymentId").asText());

    // when: the citizen pays the QR at the sandbox gateway (which parses it with its own parser)
    HttpResponse<String> paid =
        sandboxPost(
            "/sandbox/v1/epayment/payments",
            "{\"qrPayload\":\""
                + order.path("qrPayload").asText()
                + "\",\"payer\":\"citizen-somchai\"}");
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);

    // then: the signed notification marks the order paid, the receipt is fetched and verified
    String paymentId = order.path("paymentId").asText();
    JsonNode view = awaitPayment(paymentId, "paid", "verified");
    assertThat(view.path("finished").asBoolean()).isTrue();

    // and the timeline says paid, the portal is told, the agency gets an outbox message
    JsonNode app =
        JSON.readTree(get("/api/v1/applications/" + application.id(), "citizen-somchai").body());
    assertThat(app.path("status").asText()).isEqualTo("paid");
    assertThat(app.path("timeline").findValuesAsText("status"))
        .contains("payment_required", "paid");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        sandbox("/sandbox/v1/portal/events?applicationId=" + application.id())
                            .toString())
                    .contains("\"status\":\"paid\""));
    List<String> outbox =
        jdbc.sql(
                "select destination || ' ' || kind || ' ' || message_id from outbox where application_id = ?")
            .param(application.id())
            .query(String.class)
            .list();
    assertThat(outbox).hasSize(1);
    assertThat(outbox.get(0)).startsWith("saphan.deliver.dcy-newborn-grant payment ");

    // and the receipt is served as the signed XML and as a page for people
    HttpResponse<byte[]> xml =
        getBytes("/api/v1/payments/" + paymentId + "/receipt", "application/xml");
    assertThat(xml.statusCode()).isEqualTo(200);
    assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
    String receipt = new String(xml.body(), StandardCharsets.UTF_8);
    assertThat(receipt)
        .contains("Receipt_CrossIndustryInvoice", "<ram:TypeCode>T01</ram:TypeCode>", "505.00");
    HttpResponse<byte[]> html =
        getBytes("/api/v1/payments/" + paymentId + "/receipt?format=html", "*/*");
    assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(new String(html.body(), StandardCharsets.UTF_8))
        .contains("ใบเสร็จรับเงิน", "Receipt", "505.00", "Electronic signature verified");

    // and an independent verifier (xmlsec1) accepts the stored receipt against the sandbox CA
    xmlsec1Verify(xml.body());
  }

  // --- orders ---

  @Test
  void shouldCreateTheOrderWithTheCardsDefaultFeeWhenTheAgencySetNoAmount() throws Exception {
    // given: a DSD (model 4) application; the card's default fee is 100.00
    Application application = application("dsd-competency-certificate", 4, "dsd");
    // when
    HttpResponse<String> created = createPayment(application.id(), UUID.randomUUID().toString());
    // then
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode order = JSON.readTree(created.body());
    assertThat(order.path("amount").asText()).isEqualTo("100.00");
    assertThat(order.path("amountSource").asText()).isEqualTo("card_default");
    assertThat(order.path("billerId").asText()).isEqualTo(DSD_BILLER);
    assertThat(Instant.parse(order.path("expiresAt").asText()))
        .isCloseTo(
            Instant.now().plus(24, ChronoUnit.HOURS),
            org.assertj.core.api.Assertions.within(5, ChronoUnit.MINUTES));
  }

  @Test
  void shouldAnswerTheOpenOrderWhenAnotherKeyAsksAgain() throws Exception {
    Application application = application("dsd-competency-certificate", 4, "dsd");
    String first =
        JSON.readTree(createPayment(application.id(), UUID.randomUUID().toString()).body())
            .path("paymentId")
            .asText();
    HttpResponse<String> second = createPayment(application.id(), UUID.randomUUID().toString());
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).path("paymentId").asText()).isEqualTo(first);
  }

  @Test
  void shouldRefuseWithPaymentNotRequiredWhenTheCardsFeeIsZeroAndTheAgencyAskedNone()
      throws Exception {
    Application application = application("dcy-newborn-grant", 3, "dcy");
    assertProblem(
        createPayment(application.id(), UUID.randomUUID().toString()), 409, "payment_not_required");
  }

  @Test
  void shouldRefuseWithApplicationNotFoundWhenAnotherCitizenAsks() throws Exception {
    Application application = application("dsd-competency-certificate", 4, "dsd");
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/applications/" + application.id() + "/payment"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.noBody()),
            "citizen-malee");
    assertProblem(response, 404, "application_not_found");
  }

  @Test
  void shouldRefuseWithMissingHeaderWhenNoIdempotencyKeyIsSent() throws Exception {
    Application application = application("dsd-competency-certificate", 4, "dsd");
    assertProblem(createPayment(application.id(), null), 400, "missing_header");
  }

  // --- notification rules ---

  @Test
  void shouldApplyOnceWhenTheSameNotificationArrivesTwice() throws Exception {
    // given
    JsonNode order = agencyOrder();
    byte[] body =
        paidNotification(order, UUID.randomUUID().toString(), order.path("amount").asText());
    // when
    HttpResponse<String> first = notify(body, PaymentTestSupport.sign(body, gateway()));
    HttpResponse<String> second = notify(body, PaymentTestSupport.sign(body, gateway()));
    // then
    assertThat(JSON.readTree(first.body()).path("result").asText()).isEqualTo("applied");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).path("result").asText()).isEqualTo("duplicate");
    String app = order.path("applicationId").asText();
    assertThat(
            jdbc.sql(
                    "select count(*) from timeline_entry where application_id = ? and status = 'paid'")
                .param(app)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldStayPaidWhenAPendingArrivesAfterThePaid() throws Exception {
    // given: PAID at t, then PENDING of t-1s arrives late
    JsonNode order = agencyOrder();
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] paid =
        paidNotification(order, UUID.randomUUID().toString(), order.path("amount").asText());
    byte[] pending =
        PaymentTestSupport.notification(
            UUID.randomUUID().toString(),
            "PENDING",
            order.path("billerId").asText(),
            order.path("ref1").asText(),
            order.path("ref2").asText(),
            order.path("amount").asText(),
            t.minusSeconds(1));
    // when
    notify(paid, PaymentTestSupport.sign(paid, gateway()));
    HttpResponse<String> late = notify(pending, PaymentTestSupport.sign(pending, gateway()));
    // then
    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(late.body()).path("result").asText()).isEqualTo("stale");
    assertThat(payment(order.path("paymentId").asText()).path("status").asText()).isEqualTo("paid");
  }

  @Test
  void shouldRefuseWithPaymentAmountMismatchAndRaiseItWhenTheAmountDiffers() throws Exception {
    // given
    JsonNode order = agencyOrder();
    String id = UUID.randomUUID().toString();
    byte[] body = paidNotification(order, id, "251.00");
    // when
    HttpResponse<String> response = notify(body, PaymentTestSupport.sign(body, gateway()));
    // then
    assertProblem(response, 422, "payment_amount_mismatch");
    assertThat(payment(order.path("paymentId").asText()).path("status").asText())
        .isEqualTo("created");
    assertThat(get("/ops/v1/payments/exceptions", "operator").body())
        .contains(id)
        .contains("payment_amount_mismatch");
  }

  @Test
  void shouldRefuseWithPaymentReferenceUnknownWhenNoOrderHasTheReference() throws Exception {
    byte[] body =
        PaymentTestSupport.notification(
            UUID.randomUUID().toString(),
            "PAID",
            DSD_BILLER,
            "NOSUCHORDER1",
            null,
            "100.00",
            Instant.now());
    assertProblem(
        notify(body, PaymentTestSupport.sign(body, gateway())), 422, "payment_reference_unknown");
  }

  @Test
  void shouldRefuseWithPaymentReferenceMismatchWhenRef2IsAnotherApplications() throws Exception {
    JsonNode order = agencyOrder();
    byte[] body =
        PaymentTestSupport.notification(
            UUID.randomUUID().toString(),
            "PAID",
            order.path("billerId").asText(),
            order.path("ref1").asText(),
            "APP20990101AAAAAAAA",
            order.path("amount").asText(),
            Instant.now());
    assertProblem(
        notify(body, PaymentTestSupport.sign(body, gateway())), 422, "payment_reference_mismatch");
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenTheBodyChangedAfterSigning() throws Exception {
    JsonNode order = agencyOrder();
    byte[] body =
        paidNotification(order, UUID.randomUUID().toString(), order.path("amount").asText());
    String signature = PaymentTestSupport.sign(body, gateway());
    byte[] changed =
        new String(body, StandardCharsets.UTF_8)
            .replace("\"014\"", "\"002\"")
            .getBytes(StandardCharsets.UTF_8);
    assertProblem(notify(changed, signature), 401, "signature_invalid");
    assertThat(payment(order.path("paymentId").asText()).path("status").asText())
        .isEqualTo("created");
  }

  @Test
  void shouldRefuseWithUnknownKeyWhenAnotherPartySigns() throws Exception {
    JsonNode order = agencyOrder();
    byte[] body =
        paidNotification(order, UUID.randomUUID().toString(), order.path("amount").asText());
    // a well-formed RSA key issued by another CA: not the gateway's pinned certificate
    SigningKey other = TestReceipts.pki("Other party").key();
    HttpResponse<String> response = notify(body, PaymentTestSupport.sign(body, other));
    assertProblem(response, 401, "unknown_key");
  }

  @Test
  void shouldRefuseWithSignatureMissingWhenUnsigned() throws Exception {
    JsonNode order = agencyOrder();
    byte[] body =
        paidNotification(order, UUID.randomUUID().toString(), order.path("amount").asText());
    assertProblem(notify(body, null), 401, "signature_missing");
  }

  @Test
  void shouldRefuseWithReplayDetectedWhenTheSameJwsIsSentAgain() throws Exception {
    JsonNode order = agencyOrder();
    byte[] body =
        paidNotification(order, UUID.randomUUID().toString(), order.path("amount").asText());
    String signature = PaymentTestSupport.sign(body, gateway());
    assertThat(notify(body, signature).statusCode()).isEqualTo(200);
    assertProblem(notify(body, signature), 409, "replay_detected");
  }

  // --- receipts the hub must refuse ---

  @Test
  void shouldRefuseAndRaiseTheReceiptWhenTheGatewaySignsWithAnUntrustedKey() throws Exception {
    sandboxPost("/sandbox/v1/epayment/faults", "{\"untrustedReceiptKey\":true}");
    assertRefusedReceipt("certificate_untrusted");
  }

  @Test
  void shouldRefuseAndRaiseTheReceiptWhenItWasChangedAfterSigning() throws Exception {
    sandboxPost("/sandbox/v1/epayment/faults", "{\"tamperReceipt\":true}");
    assertRefusedReceipt("signature_invalid");
  }

  private void assertRefusedReceipt(String reason) throws Exception {
    // given
    JsonNode order = agencyOrder();
    // when: paid at the gateway
    HttpResponse<String> paid =
        sandboxPost(
            "/sandbox/v1/epayment/payments",
            "{\"qrPayload\":\""
                + order.path("qrPayload").asText()
                + "\",\"payer\":\"citizen-somchai\"}");
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
    // then: paid, but the receipt is refused, raised, and never served
    String paymentId = order.path("paymentId").asText();
    awaitPayment(paymentId, "paid", "refused");
    assertProblem(
        get("/api/v1/payments/" + paymentId + "/receipt", "citizen-somchai"),
        409,
        "receipt_refused");
    String exceptions = get("/ops/v1/payments/exceptions", "operator").body();
    assertThat(exceptions).contains(paymentId).contains("receipt_refused").contains(reason);
  }

  // --- helpers ---

  private Application application(String connector, int model, String agency) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String id =
        "APP-"
            + java.time.LocalDate.now().toString().replace("-", "")
            + "-"
            + PaymentTestSupport.random(8);
    Application application =
        new Application(
            id,
            UUID.randomUUID(),
            "it",
            connector,
            model,
            agency,
            SOMCHAI,
            CanonicalStatus.IN_REVIEW,
            JSON.createObjectNode(),
            JSON.createObjectNode(),
            null,
            now,
            now,
            now,
            0,
            null);
    applications.insert(application);
    applications.appendStatus(id, CanonicalStatus.IN_REVIEW, "hub", null, now, null, "it", null);
    return applications.get(id);
  }

  /**
   * An order of a DCY application whose fee (250.00) the agency set. Paid flows stay on the DCY
   * biller: DSD's biller is the golden settlement file's, whose run must see only its own ledger.
   */
  private JsonNode agencyOrder() throws Exception {
    Application application = application("dcy-newborn-grant", 3, "dcy");
    statuses.record(
        application,
        CanonicalStatus.PAYMENT_REQUIRED,
        "agency",
        "35",
        Instant.now(),
        "it:" + UUID.randomUUID(),
        null,
        JSON.readTree("{\"amount\":\"250.00\"}"));
    HttpResponse<String> created = createPayment(application.id(), UUID.randomUUID().toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body());
  }

  private static SigningKey gatewayKey;

  private static synchronized SigningKey gateway() {
    if (gatewayKey == null) {
      gatewayKey = PaymentTestSupport.gatewayKey();
    }
    return gatewayKey;
  }

  private static byte[] paidNotification(JsonNode order, String id, String amount) {
    return PaymentTestSupport.notification(
        id,
        "PAID",
        order.path("billerId").asText(),
        order.path("ref1").asText(),
        order.path("ref2").asText(),
        amount,
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  private HttpResponse<String> notify(byte[] body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/payment/v1/notifications"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-JWS-Signature", signature);
    }
    return send(request);
  }

  private HttpResponse<String> createPayment(String applicationId, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/v1/applications/" + applicationId + "/payment"))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return send(request, "citizen-somchai");
  }

  private JsonNode payment(String id) throws Exception {
    return JSON.readTree(get("/api/v1/payments/" + id, "citizen-somchai").body());
  }

  private JsonNode awaitPayment(String id, String status, String receipt) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              last[0] = payment(id);
              assertThat(last[0].path("status").asText()).isEqualTo(status);
              assertThat(last[0].path("receipt").path("state").asText()).isEqualTo(receipt);
            });
    return last[0];
  }

  private HttpResponse<byte[]> getBytes(String path, String accept) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + token("citizen-somchai"))
            .header("Accept", accept)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void xmlsec1Verify(byte[] receipt) throws Exception {
    boolean available = new ProcessBuilder("sh", "-c", "command -v xmlsec1").start().waitFor() == 0;
    if (!available) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("xmlsec1 is required in CI (apt-get install xmlsec1)");
      }
      System.err.println("SKIPPED: xmlsec1 is not installed; the e-Receipt was not verified by it");
      Assumptions.abort("xmlsec1 not installed");
    }
    Path dir = Files.createTempDirectory("receipt");
    Path file = Files.write(dir.resolve("receipt.xml"), receipt);
    Path ca = ENV.keysDir().resolve("public").resolve("sandbox-ca.pem");
    Process xmlsec =
        new ProcessBuilder(
                "xmlsec1",
                "--verify",
                "--id-attr:Id",
                "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                "--trusted-pem",
                ca.toString(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(xmlsec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(xmlsec.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(xmlsec.exitValue()).as(output).isZero();
    assertThat(output).contains("OK");
  }
}
