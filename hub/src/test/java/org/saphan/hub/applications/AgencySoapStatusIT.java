package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.security.XmlDocuments;
import org.w3c.dom.Document;

/**
 * The hub's SOAP status service for SOAP agencies: DLD reports a status change of its permit
 * application as a signed StatusReport (its own GetPermitStatusResponse inside, mapped by the
 * card's status.xsl); hostile, replayed and other agencies' reports are refused with a SOAP fault
 * carrying the exact code, and nothing is stored.
 */
class AgencySoapStatusIT extends Model3TestSupport {

  private static final String PATH = "/agency/soap/v1/status";
  private static Delivered shared;

  record Delivered(String id, String reference, int timelineSize) {}

  @Test
  void shouldRecordAnApprovalReportedOverSoapOnceAndAnswerADuplicateForTheSameMessageId()
      throws Exception {
    // given: a permit application DLD has received
    Delivered app = deliveredPermit();
    String messageId = UUID.randomUUID().toString();
    AgencySigner dld = AgencySigner.party("agency-soap");

    // when: DLD reports the approval
    byte[] sent = envelope(dld.signXml(report(app, messageId, "APPROVED", Instant.now())));
    HttpResponse<String> first = post(sent);

    // then
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    Document answer = XmlDocuments.parse(first.body());
    assertThat(text(answer, "Status")).isEqualTo("approved");
    assertThat(text(answer, "Recorded")).isEqualTo("true");
    JsonNode approved = awaitStatus(app.id(), "approved");
    assertThat(approved.path("timeline").findValuesAsText("status"))
        .containsSubsequence("submitted", "delivered", "received", "approved");
    JsonNode evidence =
        JSON.readTree(get("/ops/v1/evidence?applicationId=" + app.id(), "operator").body());
    assertThat(evidence.toString()).contains("status_soap").contains(messageId);
    // and its record holds the SHA-256 of the exact envelope received, the signature inside it
    JsonNode logged = null;
    for (JsonNode item : evidence) {
      if (item.path("kind").asText().equals("status_soap")) {
        logged = item;
      }
    }
    assertThat(logged).isNotNull();
    assertThat(logged.path("exchange").asText()).isEqualTo("status_report");
    assertThat(logged.path("direction").asText()).isEqualTo("in");
    assertThat(logged.path("payloadSha256").asText()).isEqualTo(Digests.sha256(sent));
    assertThat(logged.path("signature").asText())
        .isEqualTo("xmldsig:" + logged.path("signatureKid").asText());

    // when: DLD sends the same status message again in a new report (its retry)
    HttpResponse<String> again =
        post(
            envelope(dld.signXml(report(app, messageId, "APPROVED", Instant.now().plusMillis(5)))));

    // then: answered as a duplicate, recorded once
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(text(XmlDocuments.parse(again.body()), "Duplicate")).isEqualTo("true");
    assertThat(
            JSON.readTree(get("/api/v1/applications/" + app.id(), "citizen-somchai").body())
                .path("timeline")
                .findValuesAsText("status"))
        .filteredOn("approved"::equals)
        .hasSize(1);
  }

  @Test
  void shouldFaultWithStatusTransitionRefusedWhenAReportMovesARejectionBack() throws Exception {
    // given: DLD reported the rejection of a permit application
    Delivered app = deliveredPermit();
    AgencySigner dld = AgencySigner.party("agency-soap");
    HttpResponse<String> rejected =
        post(
            envelope(
                dld.signXml(report(app, UUID.randomUUID().toString(), "REJECTED", Instant.now()))));
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
    int timeline =
        JSON.readTree(get("/api/v1/applications/" + app.id(), "citizen-somchai").body())
            .path("timeline")
            .size();
    // when: a later report says "in review"
    HttpResponse<String> review =
        post(
            envelope(
                dld.signXml(
                    report(
                        app,
                        UUID.randomUUID().toString(),
                        "IN_REVIEW",
                        Instant.now().plusMillis(5)))));
    // then: a client fault with the code; the timeline keeps the rejection
    assertFault(review, "Client", "status_transition_refused");
    JsonNode view =
        JSON.readTree(get("/api/v1/applications/" + app.id(), "citizen-somchai").body());
    assertThat(view.path("status").asText()).isEqualTo("rejected");
    assertThat(view.path("timeline").size()).isEqualTo(timeline);
  }

  @Test
  void shouldRefuseWithReplayDetectedWhenTheSameSignedReportComesAgain() throws Exception {
    Delivered app = deliveredPermit();
    byte[] envelope =
        envelope(
            AgencySigner.party("agency-soap")
                .signXml(report(app, UUID.randomUUID().toString(), "IN_REVIEW", Instant.now())));
    assertThat(post(envelope).statusCode()).isEqualTo(200);
    assertFault(post(envelope), "Client", "replay_detected");
  }

  @Test
  void shouldRefuseWithXmlForbiddenConstructWhenTheEnvelopeDeclaresAnExternalEntity()
      throws Exception {
    Delivered app = shared();
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + new String(
                    envelope(
                        AgencySigner.party("agency-soap")
                            .signXml(
                                report(
                                    app,
                                    UUID.randomUUID().toString(),
                                    "IN_REVIEW",
                                    Instant.now()))),
                    StandardCharsets.UTF_8)
                .replace("ทดสอบ", "&xxe;");
    HttpResponse<String> response = post(xxe.getBytes(StandardCharsets.UTF_8));
    assertFault(response, "Client", "xml_forbidden_construct");
    assertThat(response.body()).doesNotContain("root:");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithSignatureMissingWhenTheReportIsUnsigned() throws Exception {
    Delivered app = shared();
    String unsigned = report(app, UUID.randomUUID().toString(), "APPROVED", Instant.now());
    assertFault(
        post(envelope(unsigned.getBytes(StandardCharsets.UTF_8))), "Client", "signature_missing");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenTheSignedReportIsTampered() throws Exception {
    Delivered app = shared();
    String signed =
        new String(
            AgencySigner.party("agency-soap")
                .signXml(report(app, UUID.randomUUID().toString(), "REJECTED", Instant.now())),
            StandardCharsets.UTF_8);
    byte[] tampered = signed.replace("REJECTED", "APPROVED").getBytes(StandardCharsets.UTF_8);
    assertFault(post(envelope(tampered)), "Client", "signature_invalid");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithForbiddenWhenAnotherAgencySignsTheReport() throws Exception {
    Delivered app = shared();
    byte[] byDcy =
        AgencySigner.party("agency-rest")
            .signXml(report(app, UUID.randomUUID().toString(), "APPROVED", Instant.now()));
    assertFault(post(envelope(byDcy)), "Client", "forbidden");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithStatusUnknownWhenTheCodeIsNotInTheCardsTable() throws Exception {
    Delivered app = shared();
    byte[] signed =
        AgencySigner.party("agency-soap")
            .signXml(report(app, UUID.randomUUID().toString(), "ON_HOLD", Instant.now()));
    assertFault(post(envelope(signed)), "Client", "status_unknown");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithClockSkewWhenTheReportWasSignedLongAgo() throws Exception {
    Delivered app = shared();
    byte[] stale =
        AgencySigner.party("agency-soap")
            .signXml(
                report(
                    app,
                    UUID.randomUUID().toString(),
                    "APPROVED",
                    Instant.now().minusSeconds(30 * 60)));
    assertFault(post(envelope(stale)), "Client", "clock_skew");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithApplicationNotFoundWhenTheIdIsUnknown() throws Exception {
    Delivered unknown = new Delivered("APP-19990101-999999", "DLD-MP-0", 0);
    byte[] signed =
        AgencySigner.party("agency-soap")
            .signXml(report(unknown, UUID.randomUUID().toString(), "APPROVED", Instant.now()));
    assertFault(post(envelope(signed)), "Client", "application_not_found");
  }

  @Test
  void shouldRefuseWithValidationFailedWhenTheBodyHoldsTwoReports() throws Exception {
    Delivered app = shared();
    AgencySigner dld = AgencySigner.party("agency-soap");
    String one = stripDeclaration(dld.signXml(report(app, "m-1", "APPROVED", Instant.now())));
    String two = stripDeclaration(dld.signXml(report(app, "m-2", "REJECTED", Instant.now())));
    String envelope =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + one
            + two
            + "</soap:Body></soap:Envelope>";
    assertFault(post(envelope.getBytes(StandardCharsets.UTF_8)), "Client", "validation_failed");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithValidationFailedWhenAHeaderMustBeUnderstood() throws Exception {
    Delivered app = shared();
    String signed =
        stripDeclaration(
            AgencySigner.party("agency-soap")
                .signXml(report(app, UUID.randomUUID().toString(), "APPROVED", Instant.now())));
    String envelope =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>"
            + "<wsse:Security xmlns:wsse=\"urn:x\" soap:mustUnderstand=\"1\"/></soap:Header>"
            + "<soap:Body>"
            + signed
            + "</soap:Body></soap:Envelope>";
    assertFault(post(envelope.getBytes(StandardCharsets.UTF_8)), "Client", "validation_failed");
    assertTimelineUnchanged(app);
  }

  @Test
  void shouldRefuseWithPayloadTooLargeOrUnsupportedMediaTypeBeforeReadingTheBody()
      throws Exception {
    byte[] huge =
        ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><x>"
                + "x".repeat(2 * 1024 * 1024)
                + "</x></soap:Body></soap:Envelope>")
            .getBytes(StandardCharsets.UTF_8);
    assertProblem(post(huge), 413, "payload_too_large");
    assertProblem(
        send(
            HttpRequest.newBuilder(uri(PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))),
        415,
        "unsupported_media_type");
    assertFault(post("not xml at all".getBytes(StandardCharsets.UTF_8)), "Client", "xml_malformed");
  }

  @Test
  void shouldPublishTheWsdlWithThisHubsAddress() throws Exception {
    HttpResponse<String> wsdl = get(PATH + "?wsdl");
    assertThat(wsdl.statusCode()).isEqualTo(200);
    Document document = XmlDocuments.parse(wsdl.body());
    String location =
        ((org.w3c.dom.Element)
                document
                    .getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/soap/", "address")
                    .item(0))
            .getAttribute("location");
    assertThat(location).isEqualTo(uri(PATH).toString());
  }

  // --- helpers ---

  private Delivered shared() throws Exception {
    if (shared == null) {
      shared = deliveredPermit();
    }
    return shared;
  }

  private Delivered deliveredPermit() throws Exception {
    HttpResponse<String> accepted =
        apply("citizen-somchai", UUID.randomUUID().toString(), Model3SoapIT.dldBody());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = JSON.readTree(accepted.body()).path("applicationId").asText();
    JsonNode received = awaitStatus(id, "received");
    return new Delivered(
        id, received.path("agencyReference").asText(), received.path("timeline").size());
  }

  /** A StatusReport with DLD's own GetPermitStatusResponse inside (its prefix declared above). */
  private static String report(Delivered app, String messageId, String code, Instant sentAt) {
    return "<sst:StatusReport xmlns:sst=\"urn:saphan:agency-status:1\""
        + " xmlns:dld=\"urn:th:go:dld:movement:v1\">"
        + "<sst:ApplicationId>"
        + app.id()
        + "</sst:ApplicationId><sst:MessageId>"
        + messageId
        + "</sst:MessageId><sst:SentAt>"
        + OffsetDateTime.ofInstant(sentAt, ZoneOffset.ofHours(7))
        + "</sst:SentAt><sst:Status><dld:GetPermitStatusResponse>"
        + "<dld:referenceNumber>"
        + app.reference()
        + "</dld:referenceNumber><dld:statusCode>"
        + code
        + "</dld:statusCode><dld:statusDate>"
        + OffsetDateTime.now(ZoneOffset.ofHours(7))
        + "</dld:statusDate><dld:remark>ทดสอบ</dld:remark>"
        + "</dld:GetPermitStatusResponse></sst:Status></sst:StatusReport>";
  }

  private static byte[] envelope(byte[] signedReport) {
    return ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Body>"
            + stripDeclaration(signedReport)
            + "</soap:Body></soap:Envelope>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String stripDeclaration(byte[] xml) {
    return new String(xml, StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");
  }

  private HttpResponse<String> post(byte[] envelope) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(PATH))
            .header("Content-Type", "text/xml; charset=UTF-8")
            .header("SOAPAction", "\"urn:saphan:agency-status:1:ReportStatus\"")
            .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)));
  }

  private static void assertFault(HttpResponse<String> response, String faultCode, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    Document fault = XmlDocuments.parse(response.body());
    assertThat(fault.getElementsByTagName("faultcode").item(0).getTextContent())
        .isEqualTo("soap:" + faultCode);
    assertThat(text(fault, "Code")).as(response.body()).isEqualTo(code);
    // The same error catalog entry a problem+json's type names.
    assertThat(text(fault, "Type")).as(response.body()).isEqualTo("/errors/" + code);
  }

  private static String text(Document document, String localName) {
    return document
        .getElementsByTagNameNS("urn:saphan:agency-status:1", localName)
        .item(0)
        .getTextContent();
  }

  private void assertTimelineUnchanged(Delivered app) throws Exception {
    JsonNode timeline =
        JSON.readTree(get("/api/v1/applications/" + app.id(), "citizen-somchai").body())
            .path("timeline");
    assertThat(timeline.size()).as(timeline.toString()).isEqualTo(app.timelineSize());
  }
}
