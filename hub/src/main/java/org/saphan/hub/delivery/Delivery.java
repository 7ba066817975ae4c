package org.saphan.hub.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.hub.applications.Application;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.payment.PaymentOrder;
import org.saphan.hub.security.Authorisation;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.SigningPolicy;

/**
 * What the steps of one {@code model3-api-share} exchange learn about the broker message they
 * deliver, kept in the exchange property {@value #PROPERTY} (never in a header: nothing of it is
 * meant for the agency). Each step fills in its part: the load step the application and card, the
 * payment branch the order and notice, the sign step the signed message, the transport the answer.
 */
public final class Delivery {

  /** The exchange property holding this object. */
  public static final String PROPERTY = "SaphanDelivery";

  /** The exchange property with the broker message's kind, for the route's choice. */
  public static final String KIND = "SaphanKind";

  /** The exchange property telling the route the message was already acknowledged. */
  public static final String ACKNOWLEDGED = "SaphanAcknowledged";

  /** The exchange property with the URL the route chose for this kind of message. */
  public static final String ADDRESS = "SaphanAddress";

  /** The outbox kind of a paid order's notice. */
  public static final String PAYMENT = "payment";

  /** The message log's exchange of a delivery (docs/evidence.md). */
  public static final String DELIVERY_EXCHANGE = "delivery";

  /** The message log's exchange of a payment notice. */
  public static final String PAYMENT_EXCHANGE = "payment_notice";

  private final String messageId;
  private final String kind;
  private final Application application;
  private final ConnectorCard card;
  private final Authorisation authorisation;
  private int attempt;
  private MappingKey mapping = MappingKey.REQUEST;
  private MappingInput canonical;
  private PaymentOrder order;
  private String agencyReference;
  private String transport;
  private SignedMessage signed;
  private String signature;
  private AgencyCall call;
  private String wireSha256;
  private byte[] wire;
  private JsonNode acknowledgement;

  public Delivery(String messageId, String kind, Application application, ConnectorCard card) {
    this.messageId = messageId;
    this.kind = kind;
    this.application = application;
    this.card = card;
    this.authorisation =
        application.authorisation() != null
            ? application.authorisation()
            : ConsentGate.cardBasis(card);
    this.canonical = MappingInput.json(application.body());
  }

  /** The delivery state of an exchange the load step has seen. */
  public static Delivery of(Exchange exchange) {
    Delivery delivery = exchange.getProperty(PROPERTY, Delivery.class);
    if (delivery == null) {
      throw new IllegalStateException("no delivery loaded in exchange " + exchange.getExchangeId());
    }
    return delivery;
  }

  public boolean isPayment() {
    return PAYMENT.equals(kind);
  }

  /**
   * What the evidence and the dead letters call this message: {@code delivery} or {@code payment}.
   */
  public String letterKind() {
    return isPayment() ? PAYMENT : "delivery";
  }

  /**
   * Records this attempt in the message log ({@code delivery_attempt} or {@code payment_attempt},
   * outbound): the SHA-256 of the exact bytes sent (the HTTP body; for SOAP the whole envelope),
   * the signature and key, what authorised it, the answer's status and time or the failure, and a
   * SOAP fault's codes.
   */
  public void recordAttempt(Evidence evidence, DeliveryFailure failure) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("attempt", attempt);
    if (order != null) {
      detail.put("paymentId", order.id());
    }
    if (transport != null) {
      detail.put("transport", transport);
    }
    if (call != null) {
      detail.put("httpStatus", call.httpStatus());
      detail.put("millis", call.millis());
      if (call.fault() != null) {
        detail.put("faultCode", call.fault().code());
        if (call.fault().detailCode() != null) {
          detail.put("faultDetailCode", call.fault().detailCode());
        }
      }
    }
    if (failure != null) {
      detail.put("error", failure.getMessage());
    }
    evidence.record(
        entry(isPayment() ? "payment_attempt" : "delivery_attempt", "out")
            .outcome(call != null ? "http_" + call.httpStatus() : failure.code())
            .sha256(wireSha256)
            .body(wire, application.citizenId())
            .signature(signature, signed.kid())
            .agencyReference(isPayment() ? agencyReference : null)
            .detail(detail));
  }

  /**
   * Records the agency's acknowledgement in the message log ({@code ack} or {@code payment_ack},
   * inbound), with the SHA-256 of the exact bytes of its answer.
   *
   * @param outcome {@code accepted} or {@code refused}
   */
  public void recordAcknowledgement(
      Evidence evidence, String outcome, String reference, Object detail) {
    evidence.record(
        entry(isPayment() ? "payment_ack" : "ack", "in")
            .outcome(outcome)
            .sha256(answerHash())
            .body(call.wire(), application.citizenId())
            .agencyReference(reference)
            .detail(detail));
  }

  private Evidence.Entry entry(String recordKind, String direction) {
    return Evidence.entry(recordKind)
        .application(application.id())
        .correlation(messageId)
        .message(messageId)
        .exchange(isPayment() ? PAYMENT_EXCHANGE : DELIVERY_EXCHANGE, direction)
        .connector(card.name())
        .authorisedBy(
            authorisation == null ? null : authorisation.consentRecordId(),
            authorisation == null ? null : authorisation.lawfulBasis());
  }

  /** SHA-256 of the exact bytes the agency answered, for the acknowledgement's evidence. */
  public String answerHash() {
    return call.bodySha256();
  }

  /** The exact bytes about to go on the wire (the HTTP body), hashed for the message log. */
  void sending(byte[] wire) {
    this.wireSha256 = Digests.sha256(wire);
    this.wire = wire;
  }

  /** SHA-256 of the bytes sent, once a send step has sent them. */
  public String wireSha256() {
    return wireSha256;
  }

  /**
   * What authorised sharing the application with the agency: decided at intake, or for an
   * application kept from before, the card's lawful basis when it needs no consent (else null).
   */
  public Authorisation authorisation() {
    return authorisation;
  }

  void signed(SignedMessage message, SigningPolicy policy) {
    this.signed = message;
    this.signature = signatureOf(message, policy);
  }

  /**
   * The message log's {@code signature} of a signed message: the detached JWS itself, or, when the
   * signature travels inside the body, its kind and key ({@code enveloped:<kid>}); null when
   * unsigned.
   */
  static String signatureOf(SignedMessage message, SigningPolicy policy) {
    if (message.detachedSignature() != null) {
      return new String(message.detachedSignature(), StandardCharsets.US_ASCII);
    }
    if (message.kid() == null) {
      return null;
    }
    return (policy == SigningPolicy.XMLDSIG ? "enveloped" : policy.cardName())
        + ":"
        + message.kid();
  }

  void paymentNotice(PaymentOrder order, String agencyReference, MappingInput notice) {
    this.order = order;
    this.agencyReference = agencyReference;
    this.mapping = MappingKey.PAYMENT;
    this.canonical = notice;
  }

  public String messageId() {
    return messageId;
  }

  public String kind() {
    return kind;
  }

  public Application application() {
    return application;
  }

  public ConnectorCard card() {
    return card;
  }

  public int attempt() {
    return attempt;
  }

  void attempt(int attempt) {
    this.attempt = attempt;
  }

  public MappingKey mapping() {
    return mapping;
  }

  public MappingInput canonical() {
    return canonical;
  }

  public PaymentOrder order() {
    return order;
  }

  public String agencyReference() {
    return agencyReference;
  }

  public String transport() {
    return transport;
  }

  void transport(String transport) {
    this.transport = transport;
  }

  /** Whether a signed message was built (so there is an attempt to record). */
  public boolean sent() {
    return signed != null && transport != null;
  }

  public SignedMessage signedMessage() {
    return signed;
  }

  public String signature() {
    return signature;
  }

  public AgencyCall call() {
    return call;
  }

  void call(AgencyCall call) {
    this.call = call;
  }

  public JsonNode acknowledgement() {
    return acknowledgement;
  }

  void acknowledgement(JsonNode acknowledgement) {
    this.acknowledgement = acknowledgement;
  }
}
