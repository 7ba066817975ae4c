package org.saphan.hub.routes.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.Secret;
import org.saphan.catalog.mapping.MappingException;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingOutput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.DeadLetters;
import org.saphan.hub.applications.Evidence;
import org.saphan.hub.applications.StatusRecorder;
import org.saphan.hub.payment.PaymentLedger;
import org.saphan.hub.payment.PaymentOrder;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Model 3's delivery step, called by each card's {@code model3-api-share} route for one broker
 * message: maps the canonical application to the agency's format, signs it by the card's policy,
 * sends it with its stable message id, maps the answer, and records attempt, signature,
 * acknowledgement and status. A failure is classified: transient ones are rolled back to the broker
 * (which redelivers with backoff, and the route's circuit breaker stops consuming while the agency
 * is down); the others count, and go to the dead letters once the card's attempts are used.
 */
public class AgencyDelivery {

  private static final Logger log = LoggerFactory.getLogger(AgencyDelivery.class);
  private static final ObjectMapper JSON = Json.strict();

  /** The outbox kind of a paid order's notice. */
  static final String PAYMENT = "payment";

  private final Catalog catalog;
  private final ApplicationStore store;
  private final Evidence evidence;
  private final DeadLetters deadLetters;
  private final StatusRecorder statuses;
  private final MappingRunner mappings;
  private final Signing signing;
  private final RestTransport rest;
  private final SoapTransport soap;
  private final MeterRegistry meters;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final PaymentLedger payments;
  private final org.saphan.hub.platform.FaultInjection faults;
  private final Map<String, RateLimit> rates = new java.util.concurrent.ConcurrentHashMap<>();

  public AgencyDelivery(
      Catalog catalog,
      ApplicationStore store,
      Evidence evidence,
      DeadLetters deadLetters,
      StatusRecorder statuses,
      MappingRunner mappings,
      Signing signing,
      RestTransport rest,
      SoapTransport soap,
      MeterRegistry meters,
      Clock clock,
      TransactionTemplate transactions,
      PaymentLedger payments,
      org.saphan.hub.platform.FaultInjection faults) {
    this.faults = faults;
    this.transactions = transactions;
    this.payments = payments;
    this.catalog = catalog;
    this.store = store;
    this.evidence = evidence;
    this.deadLetters = deadLetters;
    this.statuses = statuses;
    this.mappings = mappings;
    this.signing = signing;
    this.rest = rest;
    this.soap = soap;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Delivers what the broker message in the exchange body names: an application (kinds {@code
   * delivery}, {@code replay}) or the payment notice of a paid order (kind {@code payment}).
   */
  public void deliver(Exchange exchange) throws Exception {
    JsonNode message = JSON.readTree(exchange.getMessage().getBody(String.class));
    String applicationId = message.path("applicationId").asText();
    String messageId = message.path("messageId").asText();
    boolean payment = PAYMENT.equals(message.path("kind").asText());
    Application application = store.get(applicationId);
    ConnectorCard card = catalog.get(application.connector());
    MDC.put("correlationId", messageId);
    try {
      if (evidence.acknowledged(messageId)) {
        log.debug("Application {} was already acknowledged; nothing to deliver", applicationId);
        deadLetters.markReplayed(messageId);
        return;
      }
      int attempt = deadLetters.countAttempt(messageId, applicationId, card.name());
      try {
        if (payment) {
          deliverPayment(application, card, messageId, attempt);
        } else {
          deliver(application, card, messageId, attempt);
        }
      } catch (DeliveryFailure failure) {
        handleFailure(application, card, messageId, attempt, failure, payment);
      }
    } finally {
      MDC.remove("correlationId");
    }
  }

  private void deliver(Application application, ConnectorCard card, String messageId, int attempt) {
    String transport = card.at("/api/transport").asText("rest");
    SigningPolicy policy = SigningPolicy.fromCardName(card.at("/api/signing/policy").asText("jws"));
    String algorithm = card.at("/api/signing/algorithm").asText(null);
    URI endpoint = card.endpointUrl().orElseThrow();
    MappingOutput request = map(card, MappingKey.REQUEST, MappingInput.json(application.body()));
    SignedMessage signed =
        signing.signer(policy, algorithm).sign(request.text().getBytes(StandardCharsets.UTF_8));
    String payloadHash = sha256(signed.body());
    String signature =
        signed.detachedSignature() != null
            ? new String(signed.detachedSignature(), StandardCharsets.US_ASCII)
            : policy == SigningPolicy.XMLDSIG ? "enveloped:" + signed.kid() : null;
    AgencyCall call;
    try {
      call = send(application, card, transport, endpoint, signed, signature, messageId);
    } catch (DeliveryFailure failure) {
      evidence.record(
          application.id(),
          messageId,
          messageId,
          "delivery_attempt",
          failure.code(),
          payloadHash,
          signature,
          signed.kid(),
          null,
          Map.of("attempt", attempt, "error", failure.getMessage()));
      throw failure;
    }
    Runnable recordAttempt =
        () ->
            evidence.record(
                application.id(),
                messageId,
                messageId,
                "delivery_attempt",
                "http_" + call.httpStatus(),
                payloadHash,
                signature,
                signed.kid(),
                null,
                Map.of(
                    "attempt",
                    attempt,
                    "httpStatus",
                    call.httpStatus(),
                    "millis",
                    call.millis(),
                    "transport",
                    transport));
    JsonNode ack;
    try {
      ack = acknowledgement(card, call, transport);
    } catch (RuntimeException e) {
      recordAttempt.run();
      throw e;
    }
    faults.reached(org.saphan.hub.platform.FaultInjection.Point.DELIVERY_AFTER_SEND, 0);
    // The attempt, the ack, the reference and the statuses are one fact: recorded together or not
    // at all (one commit), so a crash in between makes the broker redeliver and the agency repeat
    // its (deduplicated) answer.
    transactions.executeWithoutResult(
        tx -> {
          recordAttempt.run();
          recordAck(application, card, messageId, ack, call);
          deadLetters.markReplayed(messageId);
        });
    meters
        .counter("saphan.deliveries", "connector", card.name(), "outcome", "delivered")
        .increment();
  }

  /** The canonical acknowledgement of an agency answer, or a classified failure. */
  /**
   * Tells the agency that the citizen paid a fee: the canonical payment notice of the order, mapped
   * by the card's {@code payment} mapping, signed like a delivery and sent under the order's own
   * message id to {@code api.paymentEndpoint} (REST) or {@code api.endpoint} (SOAP). The agency's
   * 2xx (or non-fault SOAP answer) is its acknowledgement.
   */
  private void deliverPayment(
      Application application, ConnectorCard card, String messageId, int attempt) {
    PaymentOrder order =
        payments
            .byMessageId(UUID.fromString(messageId))
            .orElseThrow(
                () ->
                    DeliveryFailure.permanent(
                        "payment_not_found", "no payment order sends message " + messageId, null));
    String reference = store.get(application.id()).agencyReference();
    if (reference == null) {
      throw DeliveryFailure.permanent(
          "payment_before_acknowledgement",
          "the agency has not acknowledged application "
              + application.id()
              + " (no agency reference): there is nothing to pay against yet",
          null);
    }
    String transport = card.at("/api/transport").asText("rest");
    String address =
        transport.equals("soap")
            ? card.at("/api/endpoint").asText(null)
            : card.at("/api/paymentEndpoint").asText(null);
    if (address == null || card.mappingFile(MappingKey.PAYMENT).isEmpty()) {
      throw DeliveryFailure.permanent(
          "card_invalid",
          card.name() + " declares no payment notice (api.mappings.payment, api.paymentEndpoint)",
          null);
    }
    ObjectNode notice = JSON.createObjectNode();
    notice.put("messageId", messageId);
    notice.put("applicationId", application.id());
    notice.put("agencyReference", reference);
    notice.put("paymentId", order.id());
    notice.put("billerId", order.billerId());
    notice.put("ref1", order.ref1());
    notice.put("ref2", order.ref2());
    notice.put(
        "amount", order.amount().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
    notice.put("currency", order.currency());
    notice.put(
        "paidAt",
        order.paidAt() == null
            ? null
            : java.time.OffsetDateTime.ofInstant(
                    order.paidAt(), org.saphan.hub.applications.ApplicationIntake.BANGKOK)
                .toString());
    notice.put("transactionId", order.transactionId());
    notice.put("bankRef", order.bankRef());
    notice.put("payerBank", order.payerBank());
    notice.put("receiptUrl", "/api/v1/payments/" + order.id() + "/receipt");
    SigningPolicy policy = SigningPolicy.fromCardName(card.at("/api/signing/policy").asText("jws"));
    MappingOutput mapped = map(card, MappingKey.PAYMENT, MappingInput.json(notice));
    SignedMessage signed =
        signing
            .signer(policy, card.at("/api/signing/algorithm").asText(null))
            .sign(mapped.text().getBytes(StandardCharsets.UTF_8));
    String payloadHash = sha256(signed.body());
    String signature =
        signed.detachedSignature() != null
            ? new String(signed.detachedSignature(), StandardCharsets.US_ASCII)
            : policy == SigningPolicy.XMLDSIG ? "enveloped:" + signed.kid() : null;
    AgencyCall call;
    try {
      call = send(application, card, transport, URI.create(address), signed, signature, messageId);
      // A payment notice's only answer is a 2xx: a SOAP fault or a 409 is a failure too.
      refuseFailedCall(call, transport, "payment notice");
      if (call.httpStatus() >= 300) {
        throw integrationFault(call, "payment notice");
      }
    } catch (DeliveryFailure failure) {
      evidence.record(
          application.id(),
          messageId,
          messageId,
          "payment_attempt",
          failure.code(),
          payloadHash,
          signature,
          signed.kid(),
          reference,
          Map.of("attempt", attempt, "paymentId", order.id(), "error", failure.getMessage()));
      throw failure;
    }
    AgencyCall answered = call;
    transactions.executeWithoutResult(
        tx -> {
          evidence.record(
              application.id(),
              messageId,
              messageId,
              "payment_attempt",
              "http_" + answered.httpStatus(),
              payloadHash,
              signature,
              signed.kid(),
              reference,
              Map.of("attempt", attempt, "paymentId", order.id(), "millis", answered.millis()));
          evidence.record(
              application.id(),
              messageId,
              messageId,
              "payment_ack",
              "accepted",
              sha256(answered.body().getBytes(StandardCharsets.UTF_8)),
              null,
              null,
              reference,
              Map.of("paymentId", order.id()));
          deadLetters.markReplayed(messageId);
        });
    meters
        .counter("saphan.payment.notices", "connector", card.name(), "outcome", "delivered")
        .increment();
    log.info(
        "Payment {} of application {} notified to {} (attempt {})",
        order.id(),
        application.id(),
        card.name(),
        attempt);
  }

  /** Sends a signed message to the agency, within the card's rate limit. */
  private AgencyCall send(
      Application application,
      ConnectorCard card,
      String transport,
      URI endpoint,
      SignedMessage signed,
      String signature,
      String messageId) {
    rates
        .computeIfAbsent(
            card.name(), n -> new RateLimit(card.at("/api/limits/ratePerSecond").asDouble(10)))
        .acquire();
    if (transport.equals("soap")) {
      return soap.call(card, endpoint, signed.body(), messageId);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Message-Id", messageId);
    headers.put("X-Correlation-Id", messageId);
    headers.put("X-Application-Id", application.id());
    if (signed.detachedSignature() != null) {
      headers.put("X-JWS-Signature", signature);
    }
    card.credential("apiKey").map(Secret::reveal).ifPresent(key -> headers.put("X-Api-Key", key));
    return rest.post(card.name(), endpoint, signed.body(), headers);
  }

  private JsonNode acknowledgement(ConnectorCard card, AgencyCall call, String transport) {
    int status = call.httpStatus();
    refuseFailedCall(call, transport, "delivery");
    MappingInput input;
    if (transport.equals("soap")) {
      input = MappingInput.xml(call.body());
    } else {
      try {
        JsonNode parsed = JSON.readTree(call.body());
        if (parsed == null || !parsed.isObject()) {
          throw new IllegalArgumentException("not a JSON object");
        }
        input = MappingInput.json(parsed);
      } catch (Exception e) {
        throw DeliveryFailure.permanent(
            "malformed_response",
            "agency answered HTTP "
                + status
                + " with a body that is not a JSON object ("
                + abbreviate(call.body())
                + ")",
            e);
      }
    }
    JsonNode ack;
    try {
      ack = map(card, MappingKey.RESPONSE, input).json();
    } catch (IllegalStateException e) {
      throw DeliveryFailure.permanent(
          "malformed_response", "response mapping: " + e.getMessage(), e);
    }
    if (!ack.path("accepted").isBoolean()) {
      throw DeliveryFailure.permanent(
          "malformed_response", "the agency's answer maps to no 'accepted' flag", null);
    }
    return ack;
  }

  private void recordAck(
      Application application,
      ConnectorCard card,
      String messageId,
      JsonNode ack,
      AgencyCall call) {
    String reference = ack.path("agencyReference").asText(null);
    Instant receivedAt = instant(ack.path("receivedAt").asText(null)).orElse(clock.instant());
    evidence.record(
        application.id(),
        messageId,
        messageId,
        "ack",
        ack.path("accepted").asBoolean() ? "accepted" : "refused",
        sha256(call.body().getBytes(StandardCharsets.UTF_8)),
        null,
        null,
        reference,
        ack);
    if (reference != null) {
      store.setAgencyReference(application.id(), reference);
    }
    faults.reached(org.saphan.hub.platform.FaultInjection.Point.DELIVERY_BETWEEN_ACK_AND_STATUS, 0);
    // The hub's clock orders what the hub saw: delivered now, then whatever the agency said it
    // did; an agency timestamp (often to the second) never sorts before the delivery itself.
    Instant delivered = clock.instant();
    Instant agencyTime = receivedAt.isAfter(delivered) ? receivedAt : delivered.plusMillis(1);
    statuses.record(
        application,
        CanonicalStatus.DELIVERED,
        "hub",
        null,
        delivered,
        messageId + ":delivered",
        "delivered to " + card.agencyCode(),
        null);
    if (!ack.path("accepted").asBoolean()) {
      statuses.record(
          application,
          CanonicalStatus.REJECTED,
          "agency",
          ack.path("agencyStatusCode").asText(null),
          agencyTime,
          messageId + ":ack",
          ack.path("message").asText(null),
          ack);
      return;
    }
    String code = ack.path("agencyStatusCode").asText(null);
    Optional<CanonicalStatus> canonical =
        code == null ? Optional.empty() : card.canonicalStatus(code);
    statuses.record(
        application,
        canonical.orElse(CanonicalStatus.RECEIVED),
        "agency",
        code,
        agencyTime,
        messageId + ":ack",
        ack.path("message").asText(null),
        ack);
  }

  private void handleFailure(
      Application application,
      ConnectorCard card,
      String messageId,
      int attempt,
      DeliveryFailure failure,
      boolean payment) {
    String what = (payment ? "Payment notice of " : "Delivery of ") + application.id();
    deadLetters.attemptFailed(messageId, failure.code(), failure.getMessage());
    meters
        .counter(
            payment ? "saphan.payment.notices" : "saphan.deliveries",
            "connector",
            card.name(),
            "outcome",
            failure.code())
        .increment();
    if (failure.isTransient()) {
      log.warn(
          "{} to {} failed ({}: {}); the broker redelivers it later and the circuit"
              + " breaker pauses the route while the agency is down",
          what,
          card.name(),
          failure.code(),
          failure.getMessage());
      throw failure;
    }
    int maxAttempts = card.at("/api/retry/maxAttempts").asInt(5);
    if (attempt < maxAttempts) {
      log.warn(
          "{} to {} failed, attempt {} of {} ({}: {})",
          what,
          card.name(),
          attempt,
          maxAttempts,
          failure.code(),
          failure.getMessage());
      throw failure;
    }
    long id =
        deadLetters.add(
            card.name(),
            application.id(),
            messageId,
            messageId,
            failure.code(),
            failure.getMessage(),
            attempt,
            payment ? PAYMENT : "delivery");
    if (!payment) {
      // The application never reached the agency. (A payment notice that fails leaves the
      // application as it is: paid, and the agency still to be told, which the operator sees.)
      statuses.record(
          application,
          CanonicalStatus.FAILED,
          "hub",
          null,
          clock.instant(),
          messageId + ":dead:" + id,
          "delivery failed: " + failure.code(),
          null);
    }
    log.error(
        "{} to {} gave up after {} attempts: {}: {}. It is dead letter {}: fix the cause"
            + " (agency answer, mapping or card), then POST /ops/v1/dead-letters/{}/replay.",
        what,
        card.name(),
        attempt,
        failure.code(),
        failure.getMessage(),
        id,
        id);
  }

  /**
   * The one reading of an agency's HTTP status, for deliveries and payment notices alike. 429, 408
   * and 5xx are the agency being unavailable (transient, the broker retries and the circuit breaker
   * pauses the route), except a SOAP fault (500 with a fault body), which is an answer; 401/403 are
   * the agency refusing the hub's credentials. Any other status from 300 up except 409 (the agency
   * repeating its first answer to a message it already has) is the agency refusing a request the
   * hub built: an integration fault (a dead letter with the cause, counted for the operator), never
   * the citizen's rejection, which only the card's response mapping and status codes declare. What
   * passes is an answer to read: a 2xx, a 409 or a SOAP fault.
   */
  private static void refuseFailedCall(AgencyCall call, String transport, String what) {
    int status = call.httpStatus();
    boolean soapFault = transport.equals("soap") && status == 500;
    if (status == 429 || status == 408 || status >= 500 && !soapFault) {
      throw DeliveryFailure.transientFailure(
          "agency_unavailable", "agency answered the " + what + " with HTTP " + status, null);
    }
    if (status == 401 || status == 403) {
      throw DeliveryFailure.permanent(
          "agency_refused_credentials",
          "agency refused the hub's credentials or signature (HTTP "
              + status
              + "); check the card's credentials and the agency's trust in the hub's JWKS",
          null);
    }
    if (status >= 300 && status != 409 && !soapFault) {
      throw integrationFault(call, what);
    }
  }

  private static DeliveryFailure integrationFault(AgencyCall call, String what) {
    return DeliveryFailure.permanent(
        "agency_rejected_request",
        "agency refused the hub's "
            + what
            + " with HTTP "
            + call.httpStatus()
            + " (an integration fault, not the citizen's rejection): "
            + abbreviate(call.body()),
        null);
  }

  private MappingOutput map(ConnectorCard card, MappingKey key, MappingInput input) {
    Path file =
        card.mappingFile(key)
            .orElseThrow(
                () ->
                    DeliveryFailure.permanent(
                        "mapping_missing",
                        "card " + card.name() + " has no " + key.key() + " mapping",
                        null));
    try {
      return mappings.run(file, input);
    } catch (MappingException e) {
      throw DeliveryFailure.permanent(
          "mapping_failed", key.key() + " mapping " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String abbreviate(String text) {
    // An agency's error text may quote what it refused: no citizen id (13 digits) reaches a log.
    String flat =
        text == null ? "" : text.replaceAll("\\s+", " ").replaceAll("\\d[\\d -]{11,}\\d", "…");
    return flat.length() > 80 ? flat.substring(0, 80) + "…" : flat;
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
