package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.saphan.hub.security.XmlDocuments;

/** SOAP requests carry their WSDL operation's soapAction and the signed payload byte for byte. */
class SoapTransportTest {

  private static final String DLD = "urn:th:go:dld:movement:v1";

  private static Path home() {
    String home = System.getProperty("saphan.home");
    return Path.of(home == null || home.isBlank() ? ".." : home).toAbsolutePath().normalize();
  }

  @Test
  void shouldTakeEachOperationsSoapActionWhenReadingTheDldWsdl() throws Exception {
    // given
    byte[] wsdl =
        Files.readAllBytes(
            home().resolve("mappings/dld-animal-movement-permit/AnimalMovementPermit.wsdl"));

    // when
    Map<QName, String> actions = SoapTransport.actionsByInputElement(XmlDocuments.parse(wsdl));

    // then: delivery, payment notice and status poll each have their own
    assertThat(actions)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new QName(DLD, "SubmitPermitApplication"),
                DLD + ":SubmitPermitApplication",
                new QName(DLD, "NotifyPayment"),
                DLD + ":NotifyPayment",
                new QName(DLD, "GetPermitStatus"),
                DLD + ":GetPermitStatus"));
  }

  @Test
  void shouldKeepThePayloadBytesWhenWrappingItInTheEnvelope() {
    // given: a signed payload with its XML declaration
    String element =
        "<p:GetPermitStatus xmlns:p=\""
            + DLD
            + "\">\n  <p:referenceNumber>x</p:referenceNumber>"
            + "</p:GetPermitStatus>";
    byte[] payload =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element).getBytes(StandardCharsets.UTF_8);

    // when
    String envelope = new String(SoapTransport.envelope(payload), StandardCharsets.UTF_8);

    // then
    assertThat(envelope)
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope"
                + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + element
                + "</soap:Body></soap:Envelope>");
  }

  @Test
  void shouldSendAnEnvelopeUnchangedWhenTheSigningProfileSignedTheWholeMessage() {
    // given: a WS-Security envelope as the wss-x509 signer writes it
    byte[] signed =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope"
                + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header/>"
                + "<soap:Body><p:GetPermitStatus xmlns:p=\""
                + DLD
                + "\"/></soap:Body></soap:Envelope>")
            .getBytes(StandardCharsets.UTF_8);

    // when
    byte[] envelope = SoapTransport.envelope(signed);

    // then
    assertThat(envelope).isEqualTo(signed);
  }

  @Test
  void shouldLookTheOperationUpByTheBodysRequestElementWhenThePayloadIsAnEnvelope() {
    // given
    byte[] signed =
        ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Header><x:Security xmlns:x=\"urn:x\"/></soap:Header><soap:Body>"
                + "<p:NotifyPayment xmlns:p=\""
                + DLD
                + "\"/></soap:Body></soap:Envelope>")
            .getBytes(StandardCharsets.UTF_8);

    // when
    QName element = SoapTransport.rootElement(signed);

    // then
    assertThat(element).isEqualTo(new QName(DLD, "NotifyPayment"));
  }

  @Test
  void shouldFailAsMappingFailedWhenTheEnvelopesBodyIsEmpty() {
    // given
    byte[] signed =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>"
            .getBytes(StandardCharsets.UTF_8);

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SoapTransport.rootElement(signed))
        .isInstanceOfSatisfying(
            DeliveryFailure.class, e -> assertThat(e.code()).isEqualTo("mapping_failed"));
  }
}
