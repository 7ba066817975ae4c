package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.sandbox.common.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DldAnimalMovementPermitAgencyIT extends AgencyIntegrationTest {

  static final String ENDPOINT = "/agencies/dld/soap/AnimalMovementPermit";
  static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
  static final String WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
  static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String DLD_NS = "urn:th:go:dld:movement:v1";
  private static final Pattern OPERATION =
      Pattern.compile(
          "<(?:[A-Za-z0-9_]+:)?(SubmitPermitApplication|GetPermitStatus|NotifyPayment)[\\s>/]");

  @BeforeEach
  void cleanAgency() {
    post("/sandbox/v1/agencies/dld/faults", "application/json", "{\"mode\":\"none\"}");
    delete("/sandbox/v1/agencies/dld/receipts");
    hub.reset();
  }

  @Test
  void shouldServeParseableWsdlPointingAtThisEndpointWhenAskedWithWsdlParameter() throws Exception {
    // when
    HttpResponse<String> response = get(ENDPOINT + "?wsdl");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    Document wsdl = xml(response.body());
    Element definitions = wsdl.getDocumentElement();
    assertThat(definitions.getNamespaceURI()).isEqualTo(WSDL_NS);
    assertThat(definitions.getAttribute("targetNamespace")).isEqualTo(DLD_NS);
    assertThat(names(wsdl, WSDL_NS, "operation"))
        .contains("SubmitPermitApplication", "GetPermitStatus");
    Element address = (Element) wsdl.getElementsByTagNameNS(WSDL_SOAP_NS, "address").item(0);
    assertThat(address.getAttribute("location")).isEqualTo(url(ENDPOINT));
    Element binding = (Element) wsdl.getElementsByTagNameNS(WSDL_SOAP_NS, "binding").item(0);
    assertThat(binding.getAttribute("style")).isEqualTo("document");
    assertThat(binding.getAttribute("transport")).isEqualTo("http://schemas.xmlsoap.org/soap/http");
    Element schema =
        (Element) wsdl.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema").item(0);
    assertThat(
            SecureXml.newSchemaFactory()
                .newSchema(new DOMSource(SignedPayloadVerifier.standalone(schema))))
        .isNotNull();
  }

  @Test
  void shouldAcceptWithReferenceNumberWhenSubmitSignedByHub() {
    // given
    String request =
        TestSoap.envelope(TestSoap.sign(TestSoap.submit(TestSoap.newMessageId()), pki.hubRsa()));

    // when
    HttpResponse<String> response = soap(request);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    Element answer = bodyChild(response);
    assertThat(answer.getNamespaceURI()).isEqualTo(DLD_NS);
    assertThat(answer.getLocalName()).isEqualTo("SubmitPermitApplicationResponse");
    assertThat(text(answer, "resultCode")).isEqualTo("0000");
    assertThat(text(answer, "resultMessage")).isEqualTo("รับคำขอเรียบร้อย");
    assertThat(text(answer, "referenceNumber")).matches("DLD-MP-\\d{6}-\\d{6}");
  }

  @Test
  void shouldAcceptWithReferenceNumberWhenSignedWithTheWsSecurityProfile() {
    // given: the wss-x509 profile, its Security header marked mustUnderstand
    String request =
        TestSoap.wssEnvelope(
            TestSoap.submit(TestSoap.newMessageId()),
            pki.hubRsa(),
            java.time.Instant.now(),
            TestSoap.Covers.BODY_AND_TIMESTAMP);

    // when
    HttpResponse<String> response = soap(request);

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(text(bodyChild(response), "referenceNumber")).matches("DLD-MP-\\d{6}-\\d{6}");
  }

  @Test
  void shouldAcceptWhenSignedWithRsaSha512() {
    // given
    String request =
        TestSoap.envelope(
            TestSoap.sign(
                TestSoap.submit(TestSoap.newMessageId()),
                pki.hubRsa(),
                TestSoap.RSA_SHA512,
                TestSoap.SHA512));

    // when
    HttpResponse<String> response = soap(request);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(bodyChild(response), "resultCode")).isEqualTo("0000");
  }

  @Test
  void shouldAcceptWhenPayloadNamespaceIsDeclaredOnEnvelope() {
    // given: a sender that hoisted xmlns:dld to the Envelope; exclusive C14N sees the same payload
    String signed = TestSoap.sign(TestSoap.submit(TestSoap.newMessageId()), pki.hubRsa());
    String request =
        TestSoap.envelope(signed.replaceFirst(" xmlns:dld=\"" + DLD_NS + "\"", ""))
            .replace("<soapenv:Envelope ", "<soapenv:Envelope xmlns:dld=\"" + DLD_NS + "\" ");

    // when
    HttpResponse<String> response = soap(request);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(bodyChild(response), "resultCode")).isEqualTo("0000");
  }

  @Test
  void shouldAnswerFirstResponseAndCountTwoWhenSameMessageIdSubmittedTwice() throws Exception {
    // given
    String messageId = TestSoap.newMessageId();
    String payload = TestSoap.submit(messageId);
    HttpResponse<String> first = soap(TestSoap.envelope(TestSoap.sign(payload, pki.hubRsa())));

    // when
    HttpResponse<String> second = soap(TestSoap.envelope(TestSoap.sign(payload, pki.hubRsa())));

    // then
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    String receipts = get("/sandbox/v1/agencies/dld/receipts").body();
    assertThat(receipts).contains("\"messageId\":\"" + messageId + "\"");
    assertThat(receipts).contains("\"requestRef\":\"APP-" + messageId + "\"");
    assertThat(receipts).contains("\"count\":2");
  }

  @Test
  void shouldFaultSignatureMissingWhenPayloadUnsigned() {
    // when
    HttpResponse<String> response =
        soap(TestSoap.envelope(TestSoap.submit(TestSoap.newMessageId())));

    // then
    assertFault(response, "soap:Client", "SIGNATURE_MISSING");
  }

  @Test
  void shouldFaultAuthorisationMissingWhenEnvelopedSignatureCoversNone() {
    // given: signed by the hub's key, without the ds:Object holding sa:Authorisation
    String signed =
        TestSoap.signWithoutAuthorisation(TestSoap.submit(TestSoap.newMessageId()), pki.hubRsa());

    // when
    HttpResponse<String> response = soap(TestSoap.envelope(signed));

    // then
    assertFault(response, "soap:Client", "AUTHORISATION_MISSING");
  }

  @Test
  void shouldFaultAuthorisationMissingWhenWsSecuritySignatureCoversNone() {
    // given: the wss-x509 profile without the signed sa:Authorisation header entry
    String request =
        TestSoap.wssEnvelope(
            TestSoap.submit(TestSoap.newMessageId()),
            pki.hubRsa(),
            java.time.Instant.now(),
            TestSoap.Covers.BODY_AND_TIMESTAMP,
            false);

    // when
    HttpResponse<String> response = soap(request);

    // then
    assertFault(response, "soap:Client", "AUTHORISATION_MISSING");
  }

  @Test
  void shouldFaultSignatureInvalidWhenPayloadChangedAfterSigning() {
    // given
    String signed = TestSoap.sign(TestSoap.submit(TestSoap.newMessageId()), pki.hubRsa());
    String tampered = signed.replace("<dld:count>12</dld:count>", "<dld:count>120</dld:count>");
    assertThat(tampered).isNotEqualTo(signed);

    // when
    HttpResponse<String> response = soap(TestSoap.envelope(tampered));

    // then
    assertFault(response, "soap:Client", "SIGNATURE_INVALID");
  }

  @Test
  void shouldFaultSignerNotTrustedWhenCertificateKeyNotInHubJwks() {
    // given
    String signed = TestSoap.sign(TestSoap.submit(TestSoap.newMessageId()), pki.strangerRsa());

    // when
    HttpResponse<String> response = soap(TestSoap.envelope(signed));

    // then
    assertFault(response, "soap:Client", "SIGNER_NOT_TRUSTED");
  }

  @Test
  void shouldFaultWithoutFetchingEntityWhenDoctypeDeclaresExternalEntity() {
    // given: an XXE pointing at the fake hub, which records every request it gets
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE soapenv:Envelope [<!ENTITY xxe SYSTEM \""
            + hub.baseUrl()
            + "/xxe\">]>\n"
            + TestSoap.envelope(TestSoap.getStatus("DLD-MP-680101-000001"))
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "")
                .replace("DLD-MP-680101-000001", "&xxe;")
                .strip();

    // when
    HttpResponse<String> response = soap(xxe);

    // then
    assertFault(response, "soap:Client", "XML_DOCTYPE_FORBIDDEN");
    assertThat(hub.received("/xxe")).isEmpty();
  }

  @Test
  void shouldFaultSignatureWrappingWhenSignedPayloadIsWrappedInForgedOne() {
    // given: the attacker nests a genuinely signed request inside a forged, unsigned one
    String genuine = TestSoap.sign(TestSoap.submit(TestSoap.newMessageId()), pki.hubRsa());
    String forged =
        TestSoap.submit(TestSoap.newMessageId(), "3101200456789", LocalDate.now().plusDays(3), 999)
            .replace("</dld:movementDate>", "</dld:movementDate>" + genuine);

    // when
    HttpResponse<String> response = soap(TestSoap.envelope(forged));

    // then
    assertFault(response, "soap:Client", "SIGNATURE_WRAPPING");
  }

  @Test
  void shouldFaultSignatureInvalidWhenGenuineSignatureMovedOntoForgedPayload() {
    // given: the genuine request hidden in the Header, its ds:Signature moved onto a forged body
    String genuine = TestSoap.sign(TestSoap.submit(TestSoap.newMessageId()), pki.hubRsa());
    String signature =
        genuine.substring(
            genuine.indexOf("<ds:Signature"), genuine.indexOf("</ds:Signature>") + 15);
    String forged =
        TestSoap.submit(TestSoap.newMessageId(), "3101200456789", LocalDate.now().plusDays(3), 999)
            .replace(
                "</dld:SubmitPermitApplication>", signature + "</dld:SubmitPermitApplication>");
    String request =
        TestSoap.envelope(forged)
            .replace("<soapenv:Header/>", "<soapenv:Header>" + genuine + "</soapenv:Header>");

    // when
    HttpResponse<String> response = soap(request);

    // then
    assertFault(response, "soap:Client", "SIGNATURE_INVALID");
  }

  @Test
  void shouldReportApprovedWithRemarkWhenControlApiChangedStatus() {
    // given
    String reference = submittedReference();
    HttpResponse<String> control =
        post(
            "/sandbox/v1/agencies/dld/permits/" + reference + "/status",
            "application/json",
            "{\"statusCode\":\"APPROVED\",\"remark\":\"อนุญาตให้เคลื่อนย้ายได้\"}");
    assertThat(control.statusCode()).isEqualTo(200);

    // when
    HttpResponse<String> response =
        soap(TestSoap.envelope(TestSoap.sign(TestSoap.getStatus(reference), pki.hubRsa())));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    Element answer = bodyChild(response);
    assertThat(answer.getLocalName()).isEqualTo("GetPermitStatusResponse");
    assertThat(text(answer, "referenceNumber")).isEqualTo(reference);
    assertThat(text(answer, "statusCode")).isEqualTo("APPROVED");
    assertThat(text(answer, "statusDate"))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+07:00");
    assertThat(text(answer, "remark")).isEqualTo("อนุญาตให้เคลื่อนย้ายได้");
  }

  @Test
  void shouldReportReceivedWhenStatusPolledRightAfterSubmit() {
    // given
    String reference = submittedReference();

    // when
    HttpResponse<String> response =
        soap(TestSoap.envelope(TestSoap.sign(TestSoap.getStatus(reference), pki.hubRsa())));

    // then
    assertThat(text(bodyChild(response), "statusCode")).isEqualTo("RECEIVED");
  }

  @Test
  void shouldFaultReferenceNotFoundWhenPollingUnknownReference() {
    // when
    HttpResponse<String> response =
        soap(
            TestSoap.envelope(
                TestSoap.sign(TestSoap.getStatus("DLD-MP-680101-999999"), pki.hubRsa())));

    // then
    assertFault(response, "soap:Client", "REFERENCE_NOT_FOUND");
  }

  @Test
  void shouldAnswerE101WithoutReferenceWhenCitizenIdCheckDigitInvalid() {
    // given
    String payload =
        TestSoap.submit(TestSoap.newMessageId(), "3101200456788", LocalDate.now().plusDays(7), 5);

    // when
    HttpResponse<String> response = soap(TestSoap.envelope(TestSoap.sign(payload, pki.hubRsa())));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    Element answer = bodyChild(response);
    assertThat(text(answer, "resultCode")).isEqualTo("E101");
    assertThat(answer.getElementsByTagNameNS(DLD_NS, "referenceNumber").getLength()).isZero();
  }

  @Test
  void shouldFaultSchemaInvalidWhenAnimalCountIsZero() {
    // given
    String payload =
        TestSoap.submit(TestSoap.newMessageId(), "3101200456789", LocalDate.now().plusDays(7), 0);

    // when
    HttpResponse<String> response = soap(TestSoap.envelope(TestSoap.sign(payload, pki.hubRsa())));

    // then
    assertFault(response, "soap:Client", "SCHEMA_INVALID");
  }

  @Test
  void shouldAnswer503WhenDown() {
    // given
    setFault("{\"mode\":\"down\"}");

    // when
    HttpResponse<String> response = soap(signedSubmit());

    // then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(get("/sandbox/v1/agencies/dld/receipts").body()).isEqualTo("[]");
  }

  @Test
  void shouldFaultServerWhenError500() {
    // given
    setFault("{\"mode\":\"error_500\"}");

    // when
    HttpResponse<String> response = soap(signedSubmit());

    // then
    assertFault(response, "soap:Server", "INTERNAL_ERROR");
  }

  @Test
  void shouldAnswer200WithNonXmlBodyWhenMalformed() {
    // given
    setFault("{\"mode\":\"malformed\"}");

    // when
    HttpResponse<String> response = soap(signedSubmit());

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> xml(response.body()))
        .isInstanceOf(SecureXml.XmlRefusedException.class);
  }

  @Test
  void shouldHoldAnswerBackWhenSlow() {
    // given
    setFault("{\"mode\":\"slow\",\"delayMillis\":400}");
    String request = signedSubmit();
    long start = System.nanoTime();

    // when
    HttpResponse<String> response = soap(request);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void shouldRefuseWith400WhenDuplicateCallbackAskedOfPolledAgency() {
    // when
    HttpResponse<String> response =
        post(
            "/sandbox/v1/agencies/dld/faults",
            "application/json",
            "{\"mode\":\"duplicate_callback\"}");

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"code\":\"fault_invalid\"");
  }

  // --- SOAPAction, as a JAX-WS endpoint checks it ---

  static Stream<Arguments> wrongSoapActions() {
    String submit = TestSoap.submit(TestSoap.newMessageId());
    String status = TestSoap.getStatus("DLD-MP-0000000");
    String payment = notifyPayment(TestSoap.newMessageId(), "DLD-MP-0000000", "APP-x");
    Stream.Builder<Arguments> cases = Stream.builder();
    for (String[] operation :
        new String[][] {
          {"SubmitPermitApplication", submit, "GetPermitStatus"},
          {"GetPermitStatus", status, "NotifyPayment"},
          {"NotifyPayment", payment, "SubmitPermitApplication"}
        }) {
      cases.add(Arguments.of(operation[0], operation[1], null));
      cases.add(Arguments.of(operation[0], operation[1], ""));
      cases.add(Arguments.of(operation[0], operation[1], "\"\""));
      cases.add(
          Arguments.of(operation[0], operation[1], "\"" + DLD_NS + ":" + operation[2] + "\""));
      cases.add(Arguments.of(operation[0], operation[1], "\"urn:example:" + operation[0] + "\""));
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} with SOAPAction {2}")
  @MethodSource("wrongSoapActions")
  void shouldFaultSoapActionMismatchWhenTheSoapActionIsMissingEmptyOrAnotherOperations(
      String operation, String payload, String soapAction) {
    // given: a request signed by the hub, correct but for its SOAPAction
    String envelope = TestSoap.envelope(TestSoap.sign(payload, pki.hubRsa()));
    // when
    HttpResponse<String> response = soap(envelope, soapAction);
    // then: a client fault before anything is registered
    assertFault(response, "soap:Client", "SOAP_ACTION_MISMATCH");
    assertThat(get("/sandbox/v1/agencies/dld/receipts").body()).isEqualTo("[]");
  }

  @Test
  void shouldAcceptAnUnquotedSoapActionWhenItNamesTheOperation() {
    // given
    String envelope =
        TestSoap.envelope(TestSoap.sign(TestSoap.submit(TestSoap.newMessageId()), pki.hubRsa()));
    // when
    HttpResponse<String> response = soap(envelope, DLD_NS + ":SubmitPermitApplication");
    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  // --- payment notices (NotifyPayment, a paid fee from the hub) ---

  @Test
  void shouldRecordPaymentOnceWhenNotifyPaymentSignedByHubIsSentTwice() throws Exception {
    // given: a registered permit application
    String messageId = TestSoap.newMessageId();
    HttpResponse<String> submitted =
        soap(TestSoap.envelope(TestSoap.sign(TestSoap.submit(messageId), pki.hubRsa())));
    String reference = text(bodyChild(submitted), "referenceNumber");
    String paymentMessage = TestSoap.newMessageId();
    String notice = notifyPayment(paymentMessage, reference, "APP-" + messageId);

    // when
    HttpResponse<String> first = soap(TestSoap.envelope(TestSoap.sign(notice, pki.hubRsa())));
    HttpResponse<String> second = soap(TestSoap.envelope(TestSoap.sign(notice, pki.hubRsa())));

    // then
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    Element answer = bodyChild(first);
    assertThat(answer.getLocalName()).isEqualTo("NotifyPaymentResponse");
    assertThat(text(answer, "referenceNumber")).isEqualTo(reference);
    assertThat(text(answer, "resultCode")).isEqualTo("0000");
    assertThat(second.body()).isEqualTo(first.body());
    var payments =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(get("/sandbox/v1/agencies/dld/payments").body());
    assertThat(payments).hasSize(1);
    assertThat(payments.get(0).path("messageId").asText()).isEqualTo(paymentMessage);
    assertThat(payments.get(0).path("count").asInt()).isEqualTo(2);
  }

  @Test
  void shouldFaultReferenceNotFoundWhenNotifyPaymentNamesAnUnknownReference() {
    String notice =
        notifyPayment(TestSoap.newMessageId(), "DLD-MP-680101-999999", "APP-MSG-unknown");
    assertFault(
        soap(TestSoap.envelope(TestSoap.sign(notice, pki.hubRsa()))),
        "soap:Client",
        "REFERENCE_NOT_FOUND");
  }

  @Test
  void shouldFaultSignatureMissingWhenNotifyPaymentIsUnsigned() {
    String reference = submittedReference();
    String notice = notifyPayment(TestSoap.newMessageId(), reference, "APP-x");
    assertFault(soap(TestSoap.envelope(notice)), "soap:Client", "SIGNATURE_MISSING");
  }

  static String notifyPayment(String messageId, String reference, String applicationId) {
    return "<dld:NotifyPayment xmlns:dld=\"urn:th:go:dld:movement:v1\">"
        + "<dld:messageId>"
        + messageId
        + "</dld:messageId><dld:referenceNumber>"
        + reference
        + "</dld:referenceNumber><dld:applicationId>"
        + applicationId
        + "</dld:applicationId><dld:paymentReference>PO2026112500000001</dld:paymentReference>"
        + "<dld:amount>120.00</dld:amount><dld:paidAt>2026-11-25T14:10:05+07:00</dld:paidAt>"
        + "<dld:transactionId>TXN-1</dld:transactionId></dld:NotifyPayment>";
  }

  // --- helpers ---

  String signedSubmit() {
    return TestSoap.envelope(TestSoap.sign(TestSoap.submit(TestSoap.newMessageId()), pki.hubRsa()));
  }

  String submittedReference() {
    HttpResponse<String> response = soap(signedSubmit());
    assertThat(response.statusCode()).isEqualTo(200);
    return text(bodyChild(response), "referenceNumber");
  }

  /** Posts an envelope with the SOAPAction of the operation whose request element it holds. */
  HttpResponse<String> soap(String envelope) {
    Matcher operation = OPERATION.matcher(envelope);
    return soap(
        envelope, operation.find() ? "\"" + DLD_NS + ":" + operation.group(1) + "\"" : null);
  }

  /** Posts an envelope with this SOAPAction header (none when null). */
  HttpResponse<String> soap(String envelope, String soapAction) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(ENDPOINT)))
            .header("Content-Type", "text/xml; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
    if (soapAction != null) {
      request.header("SOAPAction", soapAction);
    }
    return send(request.build());
  }

  void setFault(String fault) {
    assertThat(post("/sandbox/v1/agencies/dld/faults", "application/json", fault).statusCode())
        .isEqualTo(200);
  }

  static Document xml(String text) {
    return SecureXml.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  static Element bodyChild(HttpResponse<String> response) {
    Element body = (Element) xml(response.body()).getElementsByTagNameNS(SOAP_NS, "Body").item(0);
    for (var n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    throw new AssertionError("empty SOAP Body");
  }

  static String text(Element parent, String localName) {
    NodeList found = parent.getElementsByTagNameNS(DLD_NS, localName);
    assertThat(found.getLength()).as(localName).isEqualTo(1);
    return found.item(0).getTextContent();
  }

  static java.util.List<String> names(Document document, String namespace, String localName) {
    NodeList found = document.getElementsByTagNameNS(namespace, localName);
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < found.getLength(); i++) {
      names.add(((Element) found.item(i)).getAttribute("name"));
    }
    return names;
  }

  static void assertFault(HttpResponse<String> response, String faultCode, String code) {
    assertThat(response.statusCode()).isEqualTo(500);
    Element fault = bodyChild(response);
    assertThat(fault.getNamespaceURI()).isEqualTo(SOAP_NS);
    assertThat(fault.getLocalName()).isEqualTo("Fault");
    assertThat(fault.getElementsByTagName("faultcode").item(0).getTextContent())
        .isEqualTo(faultCode);
    assertThat(fault.getElementsByTagName("faultstring").item(0).getTextContent()).isNotBlank();
    assertThat(text(fault, "code")).isEqualTo(code);
  }
}
