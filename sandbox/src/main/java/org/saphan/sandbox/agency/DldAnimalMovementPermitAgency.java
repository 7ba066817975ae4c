package org.saphan.sandbox.agency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.saphan.sandbox.ThaiCitizenId;
import org.saphan.sandbox.agency.SoapMessages.FaultCode;
import org.saphan.sandbox.common.HubAuthorisation;
import org.saphan.sandbox.common.SecureXml;
import org.saphan.sandbox.common.SecureXml.XmlRefusedException;
import org.saphan.sandbox.common.SignatureRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The DLD animal movement permit system (model 3, SOAP 1.1): takes the hub's signed requests,
 * registers each message id once, and answers status polls. Requests are parsed by {@link
 * SecureXml} (no DTD), authenticated by {@link SignedPayloadVerifier} (either signing profile),
 * then validated against the schema inside the WSDL, in that order.
 */
public class DldAnimalMovementPermitAgency {

  /** Agency code in control URLs and logs. */
  public static final String AGENCY = "dld";

  /** The WSDL on the class path (the same file as mappings/dld-animal-movement-permit/). */
  public static final String WSDL_RESOURCE = "/agencies/dld/AnimalMovementPermit.wsdl";

  /** The endpoint address written in the WSDL file; the served copy names the real one. */
  public static final String WSDL_ADDRESS =
      "http://localhost:8090/agencies/dld/soap/AnimalMovementPermit";

  static final String ACCEPTED = "0000";
  static final String INVALID_CITIZEN_ID = "E101";
  static final String MOVEMENT_DATE_PAST = "E102";

  private static final Logger log = LoggerFactory.getLogger(DldAnimalMovementPermitAgency.class);

  /**
   * A SOAP answer, kept so a repeated message id gets the same bytes.
   *
   * @param status HTTP status (200, or 500 for a Fault)
   * @param body the envelope
   * @param referenceNumber the permit it created, or null
   */
  public record SoapAnswer(int status, byte[] body, String referenceNumber) {}

  /** A refusal that becomes a SOAP Fault. */
  static final class SoapFaultException extends RuntimeException {
    private final FaultCode faultCode;
    private final String code;

    SoapFaultException(FaultCode faultCode, String code, String message) {
      super(message);
      this.faultCode = faultCode;
      this.code = code;
    }

    SoapAnswer answer() {
      return new SoapAnswer(500, SoapMessages.fault(faultCode, code, getMessage()), null);
    }
  }

  private final DldProperties properties;
  private final SignedPayloadVerifier verifier;
  private final Clock clock;
  private final FaultSwitch faults =
      new FaultSwitch(
          AGENCY,
          EnumSet.complementOf(
              EnumSet.of(
                  FaultMode.DUPLICATE_CALLBACK, FaultMode.BAD_REQUEST, FaultMode.UNPROCESSABLE)));
  private final Map<String, DldPermit> permits = new ConcurrentHashMap<>();
  private final ReceiptBook<SoapAnswer> receipts;
  private final ReceiptBook<SoapAnswer> payments;
  private final AtomicLong sequence = new AtomicLong();
  private final byte[] wsdl;
  private final SoapActions actions;
  private final Schema schema;

  public DldAnimalMovementPermitAgency(
      DldProperties properties, SignedPayloadVerifier verifier, Clock clock) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.receipts =
        new ReceiptBook<>(
            properties.maxReceipts(),
            evicted -> {
              String reference = evicted.answer().referenceNumber();
              if (reference != null) {
                permits.remove(reference);
              }
            });
    this.payments = new ReceiptBook<>(properties.maxReceipts(), evicted -> {});
    this.wsdl = readWsdl();
    this.schema = schemaOf(wsdl);
    this.actions = SoapActions.of(wsdl);
  }

  public FaultSwitch faults() {
    return faults;
  }

  /** The WSDL with its endpoint address set to {@code location}. */
  public byte[] wsdl(String location) {
    String text = new String(wsdl, StandardCharsets.UTF_8);
    return text.replace(WSDL_ADDRESS, SoapMessages.escape(location))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Handles one SOAP request (after the fault switch let it through).
   *
   * @param soapAction the {@code SOAPAction} HTTP header, or null when absent
   */
  public SoapAnswer handle(byte[] body, String soapAction) {
    try {
      Element request = authenticatedRequest(body, soapAction);
      return switch (request.getLocalName()) {
        case "SubmitPermitApplication" -> submit(request, body);
        case "GetPermitStatus" -> status(request);
        case "NotifyPayment" -> notifyPayment(request, body);
        default -> throw unknownOperation();
      };
    } catch (SoapFaultException e) {
      log.warn("dld request refused: {} ({})", e.code, e.getMessage());
      return e.answer();
    }
  }

  public Optional<DldPermit> permit(String referenceNumber) {
    return Optional.ofNullable(permits.get(referenceNumber));
  }

  /**
   * Sets a permit's status (control API).
   *
   * @throws IllegalArgumentException for an unknown reference number
   */
  public DldPermit changeStatus(String referenceNumber, DldPermitStatus status, String remark) {
    DldPermit permit = permits.get(referenceNumber);
    if (permit == null) {
      throw new IllegalArgumentException("unknown referenceNumber");
    }
    permit.state(new DldPermit.State(status, clock.instant(), remark));
    log.info("dld permit {} set to {}", referenceNumber, status);
    return permit;
  }

  public List<Receipt<SoapAnswer>> receipts() {
    return receipts.all();
  }

  /** The payment notices received, oldest first. */
  public List<Receipt<SoapAnswer>> payments() {
    return payments.all();
  }

  /** Forgets every receipt and permit (control API, tests). */
  public void clear() {
    receipts.clear();
    payments.clear();
    permits.clear();
  }

  /** Parse, check the envelope, verify the signature, validate: the element to process. */
  private Element authenticatedRequest(byte[] body, String soapAction) {
    if (body == null || body.length == 0) {
      throw client("XML_MALFORMED", "empty request");
    }
    if (body.length > properties.maxRequestBytes()) {
      throw client("REQUEST_TOO_LARGE", "request larger than " + properties.maxRequestBytes());
    }
    Document envelope;
    try {
      envelope = SecureXml.parse(body);
    } catch (XmlRefusedException e) {
      throw e.refusal() == SecureXml.Refusal.DOCTYPE
          ? client("XML_DOCTYPE_FORBIDDEN", "DOCTYPE declarations are not accepted")
          : client("XML_MALFORMED", e.getMessage());
    }
    Element root = envelope.getDocumentElement();
    if (SoapMessages.SOAP12_NS.equals(root.getNamespaceURI())) {
      throw new SoapFaultException(
          FaultCode.VERSION_MISMATCH, "VERSION_MISMATCH", "only SOAP 1.1 is supported");
    }
    if (!is(root, SoapMessages.SOAP_NS, "Envelope")) {
      throw client("ENVELOPE_INVALID", "not a SOAP 1.1 Envelope");
    }
    Element soapBody = null;
    for (Element child : elements(root)) {
      if (is(child, SoapMessages.SOAP_NS, "Header")) {
        checkHeaders(child);
      } else if (is(child, SoapMessages.SOAP_NS, "Body") && soapBody == null) {
        soapBody = child;
      } else {
        throw client("ENVELOPE_INVALID", "unexpected element in the Envelope");
      }
    }
    if (soapBody == null) {
      throw client("ENVELOPE_INVALID", "the Envelope has no Body");
    }
    List<Element> payloads = elements(soapBody);
    if (payloads.size() != 1) {
      throw client("BODY_INVALID", "the Body must hold exactly one request element");
    }
    // Like a JAX-WS endpoint: the operation is chosen, and the SOAPAction checked, before anything
    // else (the signature) is looked at.
    Element payload = payloads.get(0);
    if (!SoapMessages.DLD_NS.equals(payload.getNamespaceURI())
        || actions.of(payload.getLocalName()).isEmpty()) {
      throw unknownOperation();
    }
    actions
        .mismatch(soapAction, payload.getLocalName())
        .ifPresent(
            reason -> {
              throw client("SOAP_ACTION_MISMATCH", reason);
            });
    Document verified;
    try {
      SignedPayloadVerifier.Verified signed = verifier.verifySigned(payloads.get(0));
      verified = signed.payload();
      if (!payload.getLocalName().equals("GetPermitStatus")) {
        // An application or a payment notice shares a citizen's data: the signature must also
        // cover on what authority (the consent record or the lawful basis). A status query not.
        HubAuthorisation.ofXml(signed.authorisation());
      }
    } catch (SignatureRejectedException e) {
      throw client(SignedPayloadVerifier.faultCode(e.reason()), e.getMessage());
    }
    Element request = verified.getDocumentElement();
    if (!SoapMessages.DLD_NS.equals(request.getNamespaceURI())) {
      throw unknownOperation();
    }
    if (!request.getLocalName().equals("SubmitPermitApplication")
        && !request.getLocalName().equals("GetPermitStatus")
        && !request.getLocalName().equals("NotifyPayment")) {
      throw unknownOperation();
    }
    validate(verified);
    return request;
  }

  private SoapAnswer submit(Element request, byte[] body) {
    String messageId = text(request, "messageId");
    Instant now = clock.instant();
    ReceiptBook.Arrival<SoapAnswer> arrival =
        receipts.arrive(messageId, now, body, id -> register(id, request, now));
    Receipt<SoapAnswer> receipt = arrival.receipt();
    log.info(
        "dld receipt {} applicationId={} count={} referenceNumber={}",
        messageId,
        receipt.requestRef(),
        receipt.count(),
        receipt.answer().referenceNumber());
    return receipt.answer();
  }

  private Receipt<SoapAnswer> register(String messageId, Element request, Instant now) {
    String applicationId = text(request, "applicationId");
    Element applicant = child(request, "applicant");
    String citizenId = text(applicant, "citizenId");
    if (!ThaiCitizenId.isValid(citizenId)) {
      log.info(
          "dld refused {} applicationId={} citizen={}: {}",
          messageId,
          applicationId,
          ThaiCitizenId.mask(citizenId),
          INVALID_CITIZEN_ID);
      return refusal(
          messageId, applicationId, now, INVALID_CITIZEN_ID, "เลขประจำตัวประชาชนไม่ถูกต้อง");
    }
    LocalDate movementDate;
    try {
      // xs:date may carry a time zone (2025-04-02+07:00); the calendar date is what counts.
      movementDate = LocalDate.parse(text(request, "movementDate").substring(0, 10));
    } catch (DateTimeException | IndexOutOfBoundsException e) {
      throw client("SCHEMA_INVALID", "movementDate is not a date");
    }
    var thai = BuddhistEra.inBangkok(now);
    if (movementDate.isBefore(thai.toLocalDate())) {
      return refusal(
          messageId,
          applicationId,
          now,
          MOVEMENT_DATE_PAST,
          "วันที่เคลื่อนย้ายต้องไม่เป็นวันที่ผ่านมาแล้ว");
    }
    String reference =
        "DLD-MP-"
            + BuddhistEra.shortDate(thai)
            + "-"
            + String.format("%06d", sequence.incrementAndGet() % 1_000_000);
    permits.put(reference, new DldPermit(reference, applicationId, messageId, now));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("referenceNumber", reference);
    fields.put("resultCode", ACCEPTED);
    fields.put("resultMessage", "รับคำขอเรียบร้อย");
    return new Receipt<>(
        messageId,
        applicationId,
        now,
        new SoapAnswer(
            200, SoapMessages.response("SubmitPermitApplicationResponse", fields), reference));
  }

  private static Receipt<SoapAnswer> refusal(
      String messageId, String applicationId, Instant now, String code, String message) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("resultCode", code);
    fields.put("resultMessage", message);
    return new Receipt<>(
        messageId,
        applicationId,
        now,
        new SoapAnswer(
            200, SoapMessages.response("SubmitPermitApplicationResponse", fields), null));
  }

  /**
   * A paid fee: recorded once per messageId (a repeat gets the first answer), for a known permit
   * application of the same applicationId; an unknown reference is a client fault.
   */
  private SoapAnswer notifyPayment(Element request, byte[] body) {
    String messageId = text(request, "messageId");
    String reference = text(request, "referenceNumber");
    DldPermit permit = permits.get(reference);
    if (permit == null || !permit.applicationId().equals(text(request, "applicationId"))) {
      throw client("REFERENCE_NOT_FOUND", "no permit application with this referenceNumber");
    }
    Instant now = clock.instant();
    Receipt<SoapAnswer> receipt =
        payments
            .arrive(
                messageId,
                now,
                body,
                id -> {
                  Map<String, String> fields = new LinkedHashMap<>();
                  fields.put("referenceNumber", reference);
                  fields.put("resultCode", ACCEPTED);
                  fields.put("resultMessage", "บันทึกการชำระค่าธรรมเนียมแล้ว");
                  return new Receipt<>(
                      id,
                      permit.applicationId(),
                      now,
                      new SoapAnswer(
                          200, SoapMessages.response("NotifyPaymentResponse", fields), reference));
                })
            .receipt();
    log.info(
        "dld payment {} referenceNumber={} amount={} count={}",
        messageId,
        reference,
        text(request, "amount"),
        receipt.count());
    return receipt.answer();
  }

  private SoapAnswer status(Element request) {
    String reference = text(request, "referenceNumber");
    DldPermit permit = permits.get(reference);
    if (permit == null) {
      throw client("REFERENCE_NOT_FOUND", "no permit application with this referenceNumber");
    }
    DldPermit.State state = permit.state();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("referenceNumber", reference);
    fields.put("statusCode", state.status().name());
    fields.put("statusDate", BuddhistEra.iso(BuddhistEra.inBangkok(state.at())));
    fields.put("remark", state.remark());
    return new SoapAnswer(200, SoapMessages.response("GetPermitStatusResponse", fields), null);
  }

  private void validate(Document request) {
    Validator validator = schema.newValidator();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.validate(new DOMSource(request));
    } catch (SAXParseException e) {
      throw client("SCHEMA_INVALID", withoutValues(e.getMessage()));
    } catch (SAXException | IOException e) {
      throw client("SCHEMA_INVALID", "the request does not match the schema");
    }
  }

  /** Validator messages quote the offending value; the sender has it, logs must not. */
  private static String withoutValues(String message) {
    return message == null
        ? "the request does not match the schema"
        : message.replaceAll("([Vv]alue) '[^']*'", "$1 '…'");
  }

  /**
   * Only the WS-Security header and the hub's authorisation are understood (and checked with the
   * signature).
   */
  private static void checkHeaders(Element header) {
    for (Element entry : elements(header)) {
      if (is(entry, WsSecurityVerifier.WSSE_NS, "Security")
          || is(entry, HubAuthorisation.XML_NS, "Authorisation")) {
        continue;
      }
      String mustUnderstand = entry.getAttributeNS(SoapMessages.SOAP_NS, "mustUnderstand");
      if ("1".equals(mustUnderstand) || "true".equals(mustUnderstand)) {
        throw new SoapFaultException(
            FaultCode.MUST_UNDERSTAND,
            "MUST_UNDERSTAND",
            "header {" + entry.getNamespaceURI() + "}" + entry.getLocalName() + " not understood");
      }
    }
  }

  private static SoapFaultException client(String code, String message) {
    return new SoapFaultException(FaultCode.CLIENT, code, message);
  }

  private static SoapFaultException unknownOperation() {
    return client("UNKNOWN_OPERATION", "the request element is not an operation of this service");
  }

  private static boolean is(Element element, String namespace, String localName) {
    return namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
  }

  private static List<Element> elements(Element parent) {
    List<Element> found = new java.util.ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        found.add(e);
      } else if (n.getNodeType() == Node.TEXT_NODE && !n.getNodeValue().isBlank()) {
        throw client("ENVELOPE_INVALID", "unexpected text in " + parent.getLocalName());
      }
    }
    return found;
  }

  private static Element child(Element parent, String localName) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e
          && SoapMessages.DLD_NS.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    throw client("SCHEMA_INVALID", localName + " is missing");
  }

  private static String text(Element parent, String localName) {
    return child(parent, localName).getTextContent().trim();
  }

  private static byte[] readWsdl() {
    try (InputStream in = DldAnimalMovementPermitAgency.class.getResourceAsStream(WSDL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class path resource " + WSDL_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + WSDL_RESOURCE, e);
    }
  }

  /** Compiles the xs:schema inside the WSDL (a standalone copy, with its namespace context). */
  static Schema schemaOf(byte[] wsdl) {
    Document definitions = SecureXml.parse(wsdl);
    NodeList schemas =
        definitions.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema");
    if (schemas.getLength() != 1) {
      throw new IllegalStateException("the WSDL must hold exactly one xs:schema");
    }
    Document schema = SignedPayloadVerifier.standalone((Element) schemas.item(0));
    try {
      return SecureXml.newSchemaFactory().newSchema(new DOMSource(schema));
    } catch (SAXException e) {
      throw new IllegalStateException("the schema in the WSDL does not compile", e);
    }
  }
}
