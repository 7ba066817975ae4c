package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.MovableClock;
import org.saphan.sandbox.agency.TestSoap.Covers;
import org.saphan.sandbox.common.FakeHub;
import org.saphan.sandbox.common.HubTrust;
import org.saphan.sandbox.common.SecureXml;
import org.saphan.sandbox.common.TestPki;
import org.w3c.dom.Document;

/**
 * DLD as a strict WS-Security endpoint: a request signed with the X.509 token profile is accepted;
 * a stale, tampered, partly signed, replayed or strange one gets a {@code soap:Client} fault with
 * its code. The agency's clock is moved, never waited for.
 */
class WsSecurityVerifierTest {

  static final String SUBMIT = "\"urn:th:go:dld:movement:v1:SubmitPermitApplication\"";

  static TestPki pki;
  static FakeHub hub;
  static MovableClock clock;
  static DldAnimalMovementPermitAgency agency;

  @BeforeAll
  static void startHubAndAgency() {
    pki = TestPki.shared();
    hub = FakeHub.start(pki.hubJwks());
    clock = new MovableClock(Instant.now());
    HubTrust trust = hub.trust(clock);
    agency =
        new DldAnimalMovementPermitAgency(
            new DldProperties(100, 262144), new SignedPayloadVerifier(trust, clock), clock);
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @BeforeEach
  void now() {
    clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    agency.clear();
  }

  @Test
  void shouldRegisterThePermitWhenTheHubSignedBodyAndTimestamp() {
    // given
    String request = signed(Covers.BODY_AND_TIMESTAMP);
    // when
    DldAnimalMovementPermitAgency.SoapAnswer answer = agency.handle(utf8(request), SUBMIT);
    // then
    assertThat(answer.status()).as(text(answer.body())).isEqualTo(200);
    assertThat(answer.referenceNumber()).startsWith("DLD-MP-");
  }

  @Test
  void shouldRegisterThePermitWhenSignedWithTheHubsEcKey() {
    // given
    String request =
        TestSoap.wssEnvelope(submit(), pki.hubEc(), clock.instant(), Covers.BODY_AND_TIMESTAMP);
    // when
    DldAnimalMovementPermitAgency.SoapAnswer answer = agency.handle(utf8(request), SUBMIT);
    // then
    assertThat(answer.status()).as(text(answer.body())).isEqualTo(200);
  }

  @Test
  void shouldFaultTimestampStaleWhenTheTimestampExpiredBeforeTheRequestArrived() {
    // given: signed now, arriving six minutes later
    String request = signed(Covers.BODY_AND_TIMESTAMP);
    clock.advance(Duration.ofMinutes(6));
    // then
    assertFault(request, "TIMESTAMP_STALE");
  }

  @Test
  void shouldFaultTimestampStaleWhenTheTimestampIsCreatedInTheFuture() {
    // given: the sender's clock runs two minutes ahead
    String request =
        TestSoap.wssEnvelope(
            submit(),
            pki.hubRsa(),
            clock.instant().plus(Duration.ofMinutes(2)),
            Covers.BODY_AND_TIMESTAMP);
    // then
    assertFault(request, "TIMESTAMP_STALE");
  }

  @Test
  void shouldFaultSignatureInvalidWhenTheBodyIsChangedAfterSigning() {
    // given
    String request = signed(Covers.BODY_AND_TIMESTAMP);
    String tampered = request.replace("<dld:count>12</dld:count>", "<dld:count>120</dld:count>");
    assertThat(tampered).isNotEqualTo(request);
    // then
    assertFault(tampered, "SIGNATURE_INVALID");
  }

  @Test
  void shouldFaultBodyNotSignedWhenTheSignatureCoversOnlyTheTimestamp() {
    assertFault(signed(Covers.TIMESTAMP_ONLY), "BODY_NOT_SIGNED");
  }

  @Test
  void shouldFaultTimestampNotSignedWhenTheSignatureCoversOnlyTheBody() {
    assertFault(signed(Covers.BODY_ONLY), "TIMESTAMP_NOT_SIGNED");
  }

  @Test
  void shouldFaultSignatureReplayedWhenTheSameSignedMessageArrivesTwice() {
    // given
    String request = signed(Covers.BODY_AND_TIMESTAMP);
    assertThat(agency.handle(utf8(request), SUBMIT).status()).isEqualTo(200);
    // then
    assertFault(request, "SIGNATURE_REPLAYED");
  }

  @Test
  void shouldFaultSignerNotTrustedWhenTheTokenIsNotAHubCertificate() {
    // given
    String request =
        TestSoap.wssEnvelope(
            submit(), pki.strangerRsa(), clock.instant(), Covers.BODY_AND_TIMESTAMP);
    // then
    assertFault(request, "SIGNER_NOT_TRUSTED");
  }

  @Test
  void shouldFaultSignatureWrappingWhenAnotherElementCarriesTheBodysId() {
    // given: a copy of the signed Body planted in the Header, under the same wsu:Id
    String request = signed(Covers.BODY_AND_TIMESTAMP);
    String body = request.substring(request.indexOf("<soap:Body"), request.indexOf("</soap:Body>"));
    String copy = body.replace("<soap:Body", "<x:Copy xmlns:x=\"urn:x\"") + "</x:Copy>";
    String wrapped = request.replace("</wsse:Security>", "</wsse:Security>" + copy);
    // then
    assertFault(wrapped, "SIGNATURE_WRAPPING");
  }

  @Test
  void shouldFaultMustUnderstandWhenAnotherHeaderMustBeUnderstood() {
    // given: the WS-Security header is understood, a WS-Addressing one is not
    String request =
        signed(Covers.BODY_AND_TIMESTAMP)
            .replace(
                "<soap:Header>",
                "<soap:Header><wsa:Action xmlns:wsa=\"http://www.w3.org/2005/08/addressing\""
                    + " soap:mustUnderstand=\"1\">x</wsa:Action>");
    // when
    DldAnimalMovementPermitAgency.SoapAnswer answer = agency.handle(utf8(request), SUBMIT);
    // then
    assertThat(text(answer.body())).contains("<faultcode>soap:MustUnderstand</faultcode>");
  }

  private String signed(Covers covers) {
    return TestSoap.wssEnvelope(submit(), pki.hubRsa(), clock.instant(), covers);
  }

  private static String submit() {
    return TestSoap.submit(TestSoap.newMessageId());
  }

  private void assertFault(String request, String code) {
    DldAnimalMovementPermitAgency.SoapAnswer answer = agency.handle(utf8(request), SUBMIT);
    assertThat(answer.status()).isEqualTo(500);
    Document fault = SecureXml.parse(answer.body());
    assertThat(fault.getElementsByTagName("faultcode").item(0).getTextContent())
        .isEqualTo("soap:Client");
    assertThat(fault.getElementsByTagNameNS(SoapMessages.DLD_NS, "code").item(0).getTextContent())
        .as(text(answer.body()))
        .isEqualTo(code);
    assertThat(agency.receipts()).noneMatch(r -> r.count() > 1);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
