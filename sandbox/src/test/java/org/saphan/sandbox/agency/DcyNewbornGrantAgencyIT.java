package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.common.DetachedJws;
import org.saphan.sandbox.common.FakeHub;
import org.saphan.sandbox.common.PartyKey;

class DcyNewbornGrantAgencyIT extends AgencyIntegrationTest {

  static final String API_KEY = "sandbox-dcy-newborn-grant-key";
  static final String CALLBACKS = "/agency/v1/applications/";

  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void cleanAgency() {
    post("/sandbox/v1/agencies/dcy/faults", "application/json", "{\"mode\":\"none\"}");
    // A callback of an earlier test must not reach the fake hub after it is reset.
    await().atMost(Duration.ofSeconds(10)).until(() -> !callbackOutcomes().contains("pending"));
    delete("/sandbox/v1/agencies/dcy/receipts");
    hub.reset();
  }

  @AfterEach
  void autoProgressOff() {
    send(
        HttpRequest.newBuilder(URI.create(url("/sandbox/v1/agencies/dcy/auto-progress")))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}"))
            .build());
  }

  @Test
  void shouldAcceptWith202AndRefNoWhenDeliverySignedByHub() throws Exception {
    // given
    String body = application();

    // when
    HttpResponse<String> response = deliver(body, newMessageId(), pki.hubEc());

    // then
    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.path("resultCode").asText()).isEqualTo("0000");
    assertThat(answer.path("resultDesc").asText()).isEqualTo("รับคำขอเรียบร้อย");
    assertThat(answer.path("data").path("refNo").asText()).matches("DCY-\\d{6}-\\d{6}");
    assertThat(answer.path("data").path("refNo").asText().substring(4, 6))
        .isEqualTo(
            String.valueOf(java.time.LocalDate.now(BuddhistEra.BANGKOK).getYear() + 543)
                .substring(2));
    assertThat(answer.path("data").path("statusCode").asText()).isEqualTo("10");
    assertThat(answer.path("data").path("receiveDateTime").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+07:00");
  }

  @Test
  void shouldAcceptWhenHubSignsWithRsaKey() {
    // when
    HttpResponse<String> response = deliver(application(), newMessageId(), pki.hubRsa());

    // then
    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void shouldRegisterOnceAndCountTwoWhenSameMessageIdDeliveredTwice() throws Exception {
    // given
    String messageId = newMessageId();
    String body = application();
    HttpResponse<String> first = deliver(body, messageId, pki.hubEc());

    // when: a retry, signed afresh (new jti) as the hub does
    HttpResponse<String> second = deliver(body, messageId, pki.hubEc());

    // then
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(second.body()).isEqualTo(first.body());
    JsonNode receipts = json.readTree(get("/sandbox/v1/agencies/dcy/receipts").body());
    assertThat(receipts).hasSize(1);
    assertThat(receipts.get(0).path("messageId").asText()).isEqualTo(messageId);
    assertThat(receipts.get(0).path("requestRef").asText()).isEqualTo("APP-20250314-000123");
    assertThat(receipts.get(0).path("count").asInt()).isEqualTo(2);
    assertThat(receipts.get(0).path("firstAt").asText()).endsWith("+07:00");
    assertThat(receipts.get(0).path("lastAt").asText()).endsWith("+07:00");
  }

  @Test
  void shouldRefuseWith401WhenBodyChangedAfterSigning() throws Exception {
    // given
    String body = application();
    String signature = hubSigned(body, pki.hubEc());
    String tampered = body.replace("85000", "5000");

    // when
    HttpResponse<String> response = deliver(tampered, newMessageId(), API_KEY, signature);

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E401");
    assertThat(json.readTree(get("/sandbox/v1/agencies/dcy/receipts").body())).isEmpty();
  }

  @Test
  void shouldRefuseWith401WhenSignedByKeyNotInHubJwks() throws Exception {
    // when
    HttpResponse<String> response = deliver(application(), newMessageId(), pki.strangerEc());

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E401");
  }

  @Test
  void shouldRefuseWith401WhenSignatureMissing() throws Exception {
    // when
    HttpResponse<String> response = deliver(application(), newMessageId(), API_KEY, null);

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E401");
  }

  @Test
  void shouldRefuseWith401WhenSignatureCarriesNoAuthorisation() throws Exception {
    // given: signed by the hub's key, without saphan_authz in the protected header
    String body = application();
    String signature = DetachedJws.sign(bytes(body), pki.hubEc(), Instant.now());

    // when
    HttpResponse<String> response = deliver(body, newMessageId(), API_KEY, signature);

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.path("resultCode").asText()).isEqualTo("E401");
    assertThat(answer.path("resultDesc").asText()).contains("authorisation_missing");
    assertThat(json.readTree(get("/sandbox/v1/agencies/dcy/receipts").body())).isEmpty();
  }

  @Test
  void shouldRefuseWith401WhenConsentBasisCarriesNoConsentRecord() throws Exception {
    // given
    String body = application();
    String signature =
        DetachedJws.sign(bytes(body), pki.hubEc(), Instant.now(), Map.of("lawfulBasis", "consent"));

    // when
    HttpResponse<String> response = deliver(body, newMessageId(), API_KEY, signature);

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json.readTree(response.body()).path("resultDesc").asText())
        .contains("authorisation_missing");
  }

  @Test
  void shouldRefuseWith401WhenApiKeyMissing() throws Exception {
    // given
    String body = application();

    // when
    HttpResponse<String> response =
        deliver(body, newMessageId(), null, hubSigned(body, pki.hubEc()));

    // then
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E401");
  }

  @Test
  void shouldRefuseWith422E102WhenChildPidCheckDigitInvalid() throws Exception {
    // given
    ObjectNode application = (ObjectNode) json.readTree(application());
    ((ObjectNode) application.path("child")).put("pid", "1101700000011");

    // when
    HttpResponse<String> response =
        deliver(json.writeValueAsString(application), newMessageId(), pki.hubEc());

    // then: as mappings/dcy-newborn-grant/examples/invalid-child-id.response.input.json
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json.readTree(response.body()))
        .isEqualTo(
            json.readTree(
                projectFile(
                    "mappings/dcy-newborn-grant/examples/invalid-child-id.response.input.json")));
  }

  @Test
  void shouldRefuseWith422E100WhenBodyIsNotJson() throws Exception {
    // when
    HttpResponse<String> response = deliver("not json", newMessageId(), pki.hubEc());

    // then
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E100");
  }

  @Test
  void shouldAnswer503AndRegisterNothingWhenDown() throws Exception {
    // given
    setFault("{\"mode\":\"down\"}");

    // when
    HttpResponse<String> response = deliver(application(), newMessageId(), pki.hubEc());

    // then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E503");
    assertThat(json.readTree(get("/sandbox/v1/agencies/dcy/receipts").body())).isEmpty();
  }

  @Test
  void shouldAnswer500WithChosenCodeWhenError500() throws Exception {
    // given
    setFault("{\"mode\":\"error_500\",\"code\":\"E999\"}");

    // when
    HttpResponse<String> response = deliver(application(), newMessageId(), pki.hubEc());

    // then
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E999");
  }

  @Test
  void shouldAnswer200WithNonJsonBodyWhenMalformed() {
    // given
    setFault("{\"mode\":\"malformed\"}");

    // when
    HttpResponse<String> response = deliver(application(), newMessageId(), pki.hubEc());

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(response.body()).startsWith("<html>");
  }

  @Test
  void shouldHoldAnswerBackWhenSlow() {
    // given
    setFault("{\"mode\":\"slow\",\"delayMillis\":400}");
    long start = System.nanoTime();

    // when
    HttpResponse<String> response = deliver(application(), newMessageId(), pki.hubEc());

    // then
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void shouldAddLatencyToEveryDeliveryWhenLatencySet() {
    // given
    setFault("{\"mode\":\"none\",\"latencyMillis\":250}");
    long start = System.nanoTime();

    // when
    HttpResponse<String> response = deliver(application(), newMessageId(), pki.hubEc());

    // then
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void shouldRefuseWith400WhenFaultModeUnknown() throws Exception {
    // when
    HttpResponse<String> response =
        post("/sandbox/v1/agencies/dcy/faults", "application/json", "{\"mode\":\"explode\"}");

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("fault_invalid");
  }

  @Test
  void shouldSendCallbackSignedByAgencyRestWhenStatusChangedByControlApi() throws Exception {
    // given
    String refNo = registeredRefNo();

    // when
    HttpResponse<String> control = changeStatus(refNo, "40");

    // then
    assertThat(control.statusCode()).isEqualTo(202);
    FakeHub.Received callback =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> hub.received(CALLBACKS), c -> c.size() == 1)
            .get(0);
    assertThat(callback.method()).isEqualTo("POST");
    assertThat(callback.path()).isEqualTo("/agency/v1/applications/APP-20250314-000123/status");
    assertThat(callback.header("Content-Type")).startsWith("application/json");
    JsonNode body = json.readTree(callback.body());
    assertThat(body.path("refNo").asText()).isEqualTo(refNo);
    assertThat(body.path("requestRef").asText()).isEqualTo("APP-20250314-000123");
    assertThat(body.path("statusCode").asText()).isEqualTo("40");
    assertThat(body.path("statusDesc").asText()).isEqualTo("อนุมัติ");
    assertThat(body.path("updateDate").asText()).matches("25\\d{6}");
    assertThat(body.path("updateTime").asText()).matches("\\d{6}");
    assertThat(body.path("messageId").asText())
        .isEqualTo(json.readTree(control.body()).path("messageId").asText());
    assertSignedByAgencyRest(callback);
  }

  @Test
  void shouldSendEachCallbackTwiceWithOneMessageIdWhenDuplicateCallback() throws Exception {
    // given
    String refNo = registeredRefNo();
    setFault("{\"mode\":\"duplicate_callback\"}");

    // when
    changeStatus(refNo, "20");

    // then
    List<FakeHub.Received> callbacks =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> hub.received(CALLBACKS), c -> c.size() == 2);
    assertThat(json.readTree(callbacks.get(0).body()).path("messageId"))
        .isEqualTo(json.readTree(callbacks.get(1).body()).path("messageId"));
    assertThat(jti(callbacks.get(0))).isNotEqualTo(jti(callbacks.get(1)));
    assertSignedByAgencyRest(callbacks.get(0));
    assertSignedByAgencyRest(callbacks.get(1));
  }

  @Test
  void shouldRetryCallbackUntilHubAnswers2xxWhenHubFailsFirst() throws Exception {
    // given
    String refNo = registeredRefNo();
    hub.answerNext(503, 502);

    // when
    changeStatus(refNo, "40");

    // then
    List<FakeHub.Received> attempts =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> hub.received(CALLBACKS), c -> c.size() == 3);
    assertThat(attempts).extracting(FakeHub.Received::answeredWith).containsExactly(503, 502, 200);
    assertThat(attempts)
        .extracting(FakeHub.Received::bodyText)
        .containsOnly(attempts.get(0).bodyText());
    assertThat(attempts).extracting(this::jti).doesNotHaveDuplicates();
    await().atMost(Duration.ofSeconds(5)).until(() -> callbackOutcomes().contains("delivered"));
  }

  @Test
  void shouldStopRetryingCallbackWhenHubAnswers4xx() throws Exception {
    // given
    String refNo = registeredRefNo();
    hub.answerNext(409);

    // when
    changeStatus(refNo, "50");

    // then
    await().atMost(Duration.ofSeconds(10)).until(() -> callbackOutcomes().contains("refused"));
    assertThat(hub.received(CALLBACKS)).hasSize(1);
  }

  @Test
  void shouldSendStatus20Then40WhenAutoProgressEnabled() throws Exception {
    // given
    send(
        HttpRequest.newBuilder(URI.create(url("/sandbox/v1/agencies/dcy/auto-progress")))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"stepDelayMillis\":50}"))
            .build());

    // when
    String refNo = registeredRefNo();

    // then
    List<FakeHub.Received> callbacks =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> hub.received(CALLBACKS), c -> c.size() == 2);
    assertThat(callbacks)
        .extracting(c -> json.readTree(c.body()).path("statusCode").asText())
        .containsExactly("20", "40");
    assertThat(
            json.readTree(get("/sandbox/v1/agencies/dcy/applications/" + refNo).body())
                .path("statusCode")
                .asText())
        .isEqualTo("40");
  }

  @Test
  void shouldAnswer404WhenStatusChangedForUnknownRefNo() throws Exception {
    // when
    HttpResponse<String> response = changeStatus("DCY-680101-999999", "40");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).path("code").asText())
        .isEqualTo("application_not_found");
  }

  // --- helpers ---

  String application() {
    return projectFile("mappings/dcy-newborn-grant/examples/first-child.request.expected.json");
  }

  // --- payment notices (a paid fee, from the hub) ---

  @Test
  void shouldRecordPaymentOnceAndAnswerTheSameWhenSamePaymentNoticeSentTwice() throws Exception {
    // given
    String refNo = registeredRefNo();
    String notice = paymentNotice(refNo, "APP-20250314-000123");
    String messageId = newMessageId();

    // when
    HttpResponse<String> first = pay(notice, messageId, pki.hubEc());
    HttpResponse<String> second = pay(notice, messageId, pki.hubEc());

    // then
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode answer = json.readTree(first.body());
    assertThat(answer.path("resultCode").asText()).isEqualTo("0000");
    assertThat(answer.path("data").path("refNo").asText()).isEqualTo(refNo);
    assertThat(answer.path("data").path("amount").asText()).isEqualTo("505.00");
    assertThat(second.body()).isEqualTo(first.body());
    JsonNode payments = json.readTree(get("/sandbox/v1/agencies/dcy/payments").body());
    assertThat(payments).hasSize(1);
    assertThat(payments.get(0).path("messageId").asText()).isEqualTo(messageId);
    assertThat(payments.get(0).path("count").asInt()).isEqualTo(2);
    assertThat(payments.get(0).path("status").asInt()).isEqualTo(200);
  }

  @Test
  void shouldRefuseWith404E404WhenPaymentNoticeNamesAnUnknownRefNo() throws Exception {
    HttpResponse<String> response =
        pay(paymentNotice("DCY-680101-999999", "APP-1"), newMessageId(), pki.hubEc());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E404");
  }

  @Test
  void shouldRefuseWith422E100WhenPaymentNoticeIsIncomplete() throws Exception {
    String refNo = registeredRefNo();
    String incomplete =
        paymentNotice(refNo, "APP-20250314-000123").replace("\"amount\":\"505.00\",", "");
    HttpResponse<String> response = pay(incomplete, newMessageId(), pki.hubEc());
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json.readTree(response.body()).path("resultCode").asText()).isEqualTo("E100");
  }

  @Test
  void shouldRefuseWith401AndRecordNothingWhenPaymentNoticeIsUnsigned() throws Exception {
    String refNo = registeredRefNo();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url("/agencies/dcy/newborn-grant/v1/payments")))
            .header("Content-Type", "application/json")
            .header("X-Message-Id", newMessageId())
            .header("X-Api-Key", API_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(paymentNotice(refNo, "APP-20250314-000123")))
            .build();
    assertThat(send(request).statusCode()).isEqualTo(401);
    assertThat(json.readTree(get("/sandbox/v1/agencies/dcy/payments").body())).isEmpty();
  }

  static String paymentNotice(String refNo, String requestRef) {
    return "{\"requestRef\":\""
        + requestRef
        + "\",\"refNo\":\""
        + refNo
        + "\",\"paymentRef\":\"PO2026112500000001\",\"receiptRef\":\"PAY-20261125-AAAA0001\","
        + "\"amount\":\"505.00\",\"paidDate\":\"25691125\",\"paidTime\":\"141005\","
        + "\"txnId\":\"TXN-1\",\"payerBank\":\"004\"}";
  }

  HttpResponse<String> pay(String body, String messageId, PartyKey signer) {
    return send(
        HttpRequest.newBuilder(URI.create(url("/agencies/dcy/newborn-grant/v1/payments")))
            .header("Content-Type", "application/json")
            .header("X-Message-Id", messageId)
            .header("X-Api-Key", API_KEY)
            .header(DetachedJws.HEADER, hubSigned(body, signer))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
            .build());
  }

  /** Signed as the hub signs a delivery: with its authorisation (a public-task card's). */
  static String hubSigned(String body, PartyKey signer) {
    return DetachedJws.sign(
        bytes(body), signer, Instant.now(), Map.of("lawfulBasis", "public_task"));
  }

  static String newMessageId() {
    return "MSG-" + UUID.randomUUID();
  }

  static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  HttpResponse<String> deliver(String body, String messageId, PartyKey signer) {
    return deliver(body, messageId, API_KEY, hubSigned(body, signer));
  }

  HttpResponse<String> deliver(String body, String messageId, String apiKey, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url("/agencies/dcy/newborn-grant/v1/applications")))
            .header("Content-Type", "application/json")
            .header("X-Message-Id", messageId)
            .header("X-Correlation-Id", "corr-" + messageId.substring(4, 12))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    if (apiKey != null) {
      request.header("X-Api-Key", apiKey);
    }
    if (signature != null) {
      request.header(DetachedJws.HEADER, signature);
    }
    return send(request.build());
  }

  String registeredRefNo() throws Exception {
    HttpResponse<String> response = deliver(application(), newMessageId(), pki.hubEc());
    assertThat(response.statusCode()).isEqualTo(202);
    return json.readTree(response.body()).path("data").path("refNo").asText();
  }

  HttpResponse<String> changeStatus(String refNo, String statusCode) {
    return post(
        "/sandbox/v1/agencies/dcy/applications/" + refNo + "/status",
        "application/json",
        "{\"statusCode\":\"" + statusCode + "\"}");
  }

  void setFault(String fault) {
    assertThat(post("/sandbox/v1/agencies/dcy/faults", "application/json", fault).statusCode())
        .isEqualTo(200);
  }

  List<String> callbackOutcomes() throws Exception {
    JsonNode callbacks = json.readTree(get("/sandbox/v1/agencies/dcy/callbacks").body());
    return java.util.stream.StreamSupport.stream(callbacks.spliterator(), false)
        .map(c -> c.path("outcome").asText())
        .toList();
  }

  String jti(FakeHub.Received callback) {
    try {
      return (String) parse(callback).getHeader().getCustomParam("jti");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verifies the callback's detached JWS with Nimbus and agency-rest's public key alone. */
  void assertSignedByAgencyRest(FakeHub.Received callback) throws Exception {
    JWSObject jws = parse(callback);
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jws.getHeader().getKeyID()).isEqualTo(pki.agencyRest().kid());
    assertThat(((Number) jws.getHeader().getCustomParam("iat")).longValue())
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
    assertThat(jws.verify(new ECDSAVerifier((ECKey) pki.agencyRest().publicJwk()))).isTrue();
  }

  static JWSObject parse(FakeHub.Received callback) throws Exception {
    String[] parts = callback.header(DetachedJws.HEADER).split("\\.", -1);
    assertThat(parts).hasSize(3);
    assertThat(parts[1]).isEmpty();
    return JWSObject.parse(parts[0] + "." + Base64URL.encode(callback.body()) + "." + parts[2]);
  }
}
