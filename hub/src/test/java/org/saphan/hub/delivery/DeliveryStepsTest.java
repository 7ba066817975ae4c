package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.Secret;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.settings.ConsentSettings;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.TestApplications;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.payment.PaymentOrder;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.Authorisation;
import org.saphan.hub.security.MessageSigner;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.status.StatusRecorder;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** The delivery route's steps one by one, with fakes for the database, signing and transports. */
class DeliveryStepsTest {

  private static final DefaultCamelContext CAMEL = new DefaultCamelContext();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-05T03:00:00Z"), ZoneOffset.UTC);

  private final ConnectorCard card = AgencyAnswersTest.card("{}");
  private final Application application = TestApplications.submitted("APP-1");
  private final Evidence evidence = mock(Evidence.class);
  private final RecordedEvidence recorded = new RecordedEvidence(CLOCK);
  private final DeadLetters deadLetters = mock(DeadLetters.class);
  private final StatusRecorder statuses = mock(StatusRecorder.class);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final DeliveryOutcomes outcomes = new DeliveryOutcomes(meters);

  private Exchange exchange(Delivery delivery) {
    Exchange exchange = new DefaultExchange(CAMEL);
    exchange.setProperty(Delivery.PROPERTY, delivery);
    return exchange;
  }

  private Delivery delivery(String kind) {
    Delivery delivery = new Delivery("m-1", kind, application, card);
    delivery.attempt(2);
    return delivery;
  }

  /** A delivery that was signed and answered. */
  private Delivery answered(int status, String body) {
    Delivery delivery = delivery("delivery");
    delivery.signed(
        new SignedMessage(SigningPolicy.JWS, "ES256", "kid-1", "{}".getBytes(), "h..s".getBytes()),
        SigningPolicy.JWS);
    delivery.sending("{}".getBytes(StandardCharsets.UTF_8));
    delivery.transport("rest");
    delivery.call(
        new AgencyCall(
            status,
            "application/json",
            body,
            7,
            null,
            Digests.sha256(body.getBytes(StandardCharsets.UTF_8))));
    return delivery;
  }

  private double outcome(String outcome, String cause) {
    return meters
        .counter("saphan.deliveries", "connector", "test-card", "outcome", outcome, "cause", cause)
        .count();
  }

  @Test
  void shouldLoadTheApplicationAndFlagItWhenTheAgencyAlreadyAcknowledgedTheMessage()
      throws Exception {
    // given
    Catalog catalog = mock(Catalog.class);
    ApplicationStore store = mock(ApplicationStore.class);
    when(store.get("APP-1")).thenReturn(application);
    when(catalog.get("test-card")).thenReturn(card);
    when(evidence.acknowledged("m-1")).thenReturn(true);
    Exchange exchange = new DefaultExchange(CAMEL);
    exchange
        .getMessage()
        .setBody("{\"applicationId\":\"APP-1\",\"messageId\":\"m-1\",\"kind\":\"payment\"}");
    // when
    new LoadDelivery(catalog, store, evidence).process(exchange);
    // then
    Delivery delivery = Delivery.of(exchange);
    assertThat(delivery.isPayment()).isTrue();
    assertThat(delivery.card()).isSameAs(card);
    assertThat(exchange.getProperty(Delivery.ACKNOWLEDGED)).isEqualTo(true);
    assertThat(exchange.getProperty(Delivery.KIND)).isEqualTo("payment");
  }

  @Test
  void shouldCountTheAttemptAndMarkAcknowledgedMessagesReplayed() {
    when(deadLetters.countAttempt("m-1", "APP-1", "test-card")).thenReturn(3);
    Delivery delivery = delivery("delivery");
    new CountAttempt(deadLetters).process(exchange(delivery));
    new SkipAcknowledged(deadLetters).process(exchange(delivery));
    assertThat(delivery.attempt()).isEqualTo(3);
    verify(deadLetters).markReplayed("m-1");
  }

  @Test
  void shouldNameTheEnvelopedSignatureAndSetTheAgencyHeadersWhenSigningXml() {
    // given
    Signing signing = mock(Signing.class);
    MessageSigner signer = mock(MessageSigner.class);
    when(signing.signer(SigningPolicy.XMLDSIG, "RSA-SHA256")).thenReturn(signer);
    when(signer.sign(any(), any()))
        .thenReturn(
            new SignedMessage(
                SigningPolicy.XMLDSIG, "RSA-SHA256", "kid-9", "<x/>".getBytes(), null));
    Delivery delivery = delivery("delivery");
    Exchange exchange = exchange(delivery);
    exchange.getMessage().setBody("<x/>");
    // when
    new SignRequest(signing).sign(exchange, "xmldsig", "RSA-SHA256");
    // then
    assertThat(delivery.signature()).isEqualTo("enveloped:kid-9");
    assertThat(exchange.getMessage().getHeaders())
        .containsEntry("X-Message-Id", "m-1")
        .containsEntry("X-Application-Id", "APP-1")
        .doesNotContainKey("X-JWS-Signature");
  }

  @Test
  void shouldSendOnlyTheAgencyHeadersAndTheApiKeyWhenPostingToARestAgency() {
    // given
    RestTransport rest = mock(RestTransport.class);
    when(card.credential("apiKey")).thenReturn(Optional.of(Secret.of("k3y")));
    when(rest.post(anyString(), any(), any(), any())).thenReturn(new AgencyCall(202, "", "{}", 4));
    Delivery delivery = delivery("delivery");
    Exchange exchange = exchange(delivery);
    exchange.setProperty(Delivery.ADDRESS, "https://agency/apply");
    exchange.getMessage().setBody("{}".getBytes(StandardCharsets.UTF_8));
    exchange.getMessage().setHeader("X-Message-Id", "m-1");
    exchange.getMessage().setHeader("SaphanInternal", "no");
    // when
    new SendRest(rest).process(exchange);
    // then
    @SuppressWarnings("unchecked")
    ArgumentCaptor<Map<String, String>> headers = ArgumentCaptor.forClass(Map.class);
    verify(rest)
        .post(eq("test-card"), eq(URI.create("https://agency/apply")), any(), headers.capture());
    assertThat(headers.getValue()).containsOnlyKeys("X-Message-Id", "X-Api-Key");
    assertThat(delivery.call().httpStatus()).isEqualTo(202);
    assertThat(delivery.transport()).isEqualTo("rest");
  }

  @Test
  void shouldRecordARejectionAndCountARefusalWhenTheAgencyRefusesTheApplication() throws Exception {
    // given: an acknowledgement with accepted false
    Delivery delivery = answered(200, "{}");
    delivery.acknowledgement(
        Json.strict()
            .readTree("{\"accepted\":false,\"agencyStatusCode\":\"E102\",\"message\":\"past\"}"));
    TransactionTemplate transactions =
        new TransactionTemplate() {
          @Override
          public <T> T execute(TransactionCallback<T> action) {
            return action.doInTransaction(null);
          }
        };
    // when
    new RecordDelivery(
            mock(ApplicationStore.class),
            recorded.evidence,
            deadLetters,
            statuses,
            transactions,
            outcomes,
            FaultInjection.NONE,
            CLOCK)
        .process(exchange(delivery));
    // then
    verify(statuses)
        .record(
            eq(application),
            eq(CanonicalStatus.DELIVERED),
            eq("hub"),
            isNull(),
            any(),
            eq("m-1:delivered"),
            anyString(),
            isNull());
    verify(statuses)
        .record(
            eq(application),
            eq(CanonicalStatus.REJECTED),
            eq("agency"),
            eq("E102"),
            any(),
            eq("m-1:ack"),
            eq("past"),
            any());
    JsonNode ack = recorded.only("ack");
    assertThat(ack.path("applicationId").asText()).isEqualTo("APP-1");
    assertThat(ack.path("correlationId").asText()).isEqualTo("m-1");
    assertThat(ack.path("messageId").asText()).isEqualTo("m-1");
    assertThat(ack.path("outcome").asText()).isEqualTo("refused");
    assertThat(ack.path("sha256").asText()).hasSize(64);
    assertThat(ack.has("signature")).isFalse();
    assertThat(ack.has("kid")).isFalse();
    assertThat(ack.has("agencyReference")).isFalse();
    verify(deadLetters).markReplayed("m-1");
    assertThat(outcome("refused", "agency_refused")).isEqualTo(1);
    assertThat(outcome("delivered", "none")).isZero();
  }

  @Test
  void shouldDeadLetterAtOnceWhenTheAgencyAnswersAContractFault() {
    // given: attempt 2 of 5, a 422
    Delivery delivery = answered(422, "{\"resultCode\":\"E103\"}");
    when(card.api()).thenReturn(Optional.of(AgencyAnswersTest.api("{}", 5)));
    when(anyDeadLetter(deadLetters)).thenReturn(41L);
    Exchange exchange = exchange(delivery);
    exchange.setProperty(
        Exchange.EXCEPTION_CAUGHT,
        AgencyAnswers.classify(card, delivery.call(), "delivery", false).failure());
    DeliveryFailures failures =
        new DeliveryFailures(recorded.evidence, deadLetters, statuses, outcomes, CLOCK);
    // when
    boolean last = failures.isFinal(exchange);
    failures.deadLetter(exchange);
    // then
    assertThat(last).isTrue();
    verify(deadLetters)
        .add(
            eq("test-card"),
            eq("APP-1"),
            eq("m-1"),
            eq("m-1"),
            eq("agency_rejected_request"),
            anyString(),
            eq(2),
            eq("delivery"));
    verify(statuses)
        .record(
            eq(application),
            eq(CanonicalStatus.FAILED),
            eq("hub"),
            isNull(),
            any(),
            eq("m-1:dead:41"),
            anyString(),
            isNull());
    JsonNode attempt = recorded.only("delivery_attempt");
    assertThat(attempt.path("applicationId").asText()).isEqualTo("APP-1");
    assertThat(attempt.path("correlationId").asText()).isEqualTo("m-1");
    assertThat(attempt.path("messageId").asText()).isEqualTo("m-1");
    assertThat(attempt.path("outcome").asText()).isEqualTo("http_422");
    assertThat(attempt.path("sha256").asText()).hasSize(64);
    assertThat(attempt.path("signature").asText()).isEqualTo("h..s");
    assertThat(attempt.path("kid").asText()).isEqualTo("kid-1");
    assertThat(attempt.has("agencyReference")).isFalse();
    assertThat(outcome("dead_lettered", "agency_rejected_request")).isEqualTo(1);
  }

  @Test
  void shouldRetryUntilTheCardsAttemptsAreUsedWhenTheFailureCounts() {
    // given: a malformed answer, attempt 2 of 2 then 1 of 2; a transient failure never ends
    when(card.api()).thenReturn(Optional.of(AgencyAnswersTest.api("{}", 2)));
    DeliveryFailures failures =
        new DeliveryFailures(evidence, deadLetters, statuses, outcomes, CLOCK);
    Delivery delivery = answered(200, "garbage");
    Exchange exchange = exchange(delivery);
    exchange.setProperty(
        Exchange.EXCEPTION_CAUGHT,
        DeliveryFailure.permanent(ErrorCode.MALFORMED_RESPONSE, "not JSON", null));
    assertThat(failures.isFinal(exchange)).isTrue();
    delivery.attempt(1);
    assertThat(failures.isFinal(exchange)).isFalse();
    // when
    failures.retry(exchange);
    // then
    verify(deadLetters).attemptFailed("m-1", "malformed_response", "not JSON");
    anyDeadLetter(verify(deadLetters, never()));
    assertThat(outcome("retried", "malformed_response")).isEqualTo(1);
    delivery.attempt(9);
    exchange.setProperty(
        Exchange.EXCEPTION_CAUGHT,
        DeliveryFailure.transientFailure(ErrorCode.AGENCY_UNAVAILABLE, "503", null));
    assertThat(failures.isFinal(exchange)).isFalse();
  }

  @Test
  void shouldSignWithTheApplicationsAuthorisationWhenSigning() {
    // given: an application shared on the citizen's consent
    UUID grant = UUID.randomUUID();
    Delivery delivery =
        new Delivery("m-1", "delivery", authorised(Authorisation.consent(grant)), card);
    Signing signing = mock(Signing.class);
    MessageSigner signer = mock(MessageSigner.class);
    when(signing.signer(SigningPolicy.JWS, "ES256")).thenReturn(signer);
    when(signer.sign(any(), eq(Authorisation.consent(grant))))
        .thenReturn(
            new SignedMessage(
                SigningPolicy.JWS, "ES256", "kid-1", "{}".getBytes(), "h..s".getBytes()));
    Exchange exchange = exchange(delivery);
    exchange.getMessage().setBody("{}");
    // when
    new SignRequest(signing).sign(exchange, "jws", "ES256");
    // then
    assertThat(exchange.getMessage().getHeader("X-JWS-Signature")).isEqualTo("h..s");
  }

  @Test
  void shouldFallBackToTheCardsBasisWhenTheApplicationKeptNoAuthorisation() {
    // given: an application taken in before V144, a public-task card
    ConnectorCard publicTask = AgencyAnswersTest.card("{}");
    when(publicTask.consent())
        .thenReturn(Optional.of(new ConsentSettings(null, "public_task", null)));
    // when
    Delivery delivery = new Delivery("m-1", "delivery", application, publicTask);
    // then
    assertThat(delivery.authorisation()).isEqualTo(Authorisation.basis("public_task"));
    assertThat(delivery("delivery").authorisation()).isNull();
  }

  @Test
  void shouldHashTheEnvelopeAsSentWhenSendingToASoapAgency() {
    // given: a signed payload (not yet in an envelope)
    SoapTransport soap = mock(SoapTransport.class);
    when(soap.call(any(), any(), any(), anyString()))
        .thenReturn(new AgencyCall(200, "text/xml", "<ok/>", 3, null, "a".repeat(64)));
    Delivery delivery = delivery("delivery");
    Exchange exchange = exchange(delivery);
    exchange.setProperty(Delivery.ADDRESS, "https://agency/soap");
    exchange.getMessage().setBody("<x:Req xmlns:x=\"urn:x\"/>".getBytes(StandardCharsets.UTF_8));
    // when
    new SendSoap(soap).process(exchange);
    // then: the transport got the envelope, and its hash is the one recorded
    ArgumentCaptor<byte[]> sent = ArgumentCaptor.forClass(byte[].class);
    verify(soap).call(eq(card), eq(URI.create("https://agency/soap")), sent.capture(), eq("m-1"));
    assertThat(new String(sent.getValue(), StandardCharsets.UTF_8))
        .startsWith("<?xml")
        .contains("<soap:Body><x:Req xmlns:x=\"urn:x\"/></soap:Body>");
    assertThat(delivery.wireSha256()).isEqualTo(Digests.sha256(sent.getValue()));
  }

  @Test
  void shouldRecordTheExchangeTheWireHashesAndTheConsentWhenAPaymentNoticeIsAcknowledged()
      throws Exception {
    // given: a payment notice of an application shared on consent, sent and answered
    UUID grant = UUID.randomUUID();
    Delivery delivery =
        new Delivery("m-2", Delivery.PAYMENT, authorised(Authorisation.consent(grant)), card);
    PaymentOrder order = mock(PaymentOrder.class);
    when(order.id()).thenReturn("PO-1");
    delivery.paymentNotice(
        order,
        "DCY-1",
        org.saphan.catalog.mapping.MappingInput.json(Json.strict().createObjectNode()));
    delivery.signed(
        new SignedMessage(SigningPolicy.JWS, "ES256", "kid-1", "{}".getBytes(), "h..s".getBytes()),
        SigningPolicy.JWS);
    byte[] wire = "{\"paid\":true}".getBytes(StandardCharsets.UTF_8);
    delivery.sending(wire);
    delivery.transport("rest");
    delivery.call(new AgencyCall(200, "application/json", "{}", 5, null, "b".repeat(64)));
    TransactionTemplate transactions =
        new TransactionTemplate() {
          @Override
          public <T> T execute(TransactionCallback<T> action) {
            return action.doInTransaction(null);
          }
        };
    // when
    new RecordPaymentNotice(recorded.evidence, deadLetters, transactions, outcomes)
        .process(exchange(delivery));
    // then
    JsonNode attempt = recorded.only("payment_attempt");
    assertThat(attempt.path("exchange").asText()).isEqualTo("payment_notice");
    assertThat(attempt.path("direction").asText()).isEqualTo("out");
    assertThat(attempt.path("connector").asText()).isEqualTo("test-card");
    assertThat(attempt.path("sha256").asText()).isEqualTo(Digests.sha256(wire));
    assertThat(attempt.path("consentRecordId").asText()).isEqualTo(grant.toString());
    assertThat(attempt.path("lawfulBasis").asText()).isEqualTo("consent");
    JsonNode ack = recorded.only("payment_ack");
    assertThat(ack.path("direction").asText()).isEqualTo("in");
    assertThat(ack.path("sha256").asText()).isEqualTo("b".repeat(64));
    assertThat(ack.path("consentRecordId").asText()).isEqualTo(grant.toString());
    assertThat(ack.path("agencyReference").asText()).isEqualTo("DCY-1");
  }

  private Application authorised(Authorisation authorisation) {
    Application a = application;
    return new Application(
        a.id(),
        a.messageId(),
        a.serviceId(),
        a.connector(),
        a.model(),
        a.agency(),
        a.citizenId(),
        a.status(),
        a.body(),
        a.prefill(),
        a.agencyReference(),
        a.submittedAt(),
        a.updatedAt(),
        a.lastStatusAt(),
        a.version(),
        authorisation);
  }

  /** {@link DeadLetters#add} with any arguments, to stub or to verify on {@code target}. */
  private static long anyDeadLetter(DeadLetters target) {
    return target.add(
        anyString(),
        anyString(),
        anyString(),
        anyString(),
        anyString(),
        anyString(),
        anyInt(),
        anyString());
  }
}
