package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.hub.security.XmlDsigTest.assertCode;
import static org.saphan.hub.security.XmlDsigTest.text;
import static org.saphan.hub.security.XmlDsigTest.utf8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.security.keys.ReloadingKeyRing;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The WS-Security X.509 token profile: the envelope's structure, ids and references, independent
 * verification with xmlsec1, and the payload kept byte for byte in the Body.
 */
class WssX509SignerTest {

  private static final String SOAP = SoapEnvelope.SOAP_NS;
  private static final String DS = Algorithms.XML_DSIG_NS;
  private static final String WSSE = Algorithms.WSSE_NS;
  private static final String WSU = Algorithms.WSU_NS;

  /** A mapped DLD request as the XSLT writes it: declaration, prefixes, a Thai name. */
  private static final String PAYLOAD =
      "<dld:SubmitPermitApplication xmlns:dld=\"urn:th:go:dld:movement:v1\">"
          + "<dld:messageId>msg-0001</dld:messageId>"
          + "<dld:applicant><dld:citizenId>3101200456789</dld:citizenId>"
          + "<dld:name>สมชาย ใจดี</dld:name></dld:applicant>"
          + "<dld:animal species='cattle'><dld:count>12</dld:count><dld:note/></dld:animal>"
          + "</dld:SubmitPermitApplication>";

  private final TestPki pki = TestPki.get();
  private final Signing signing =
      new Signing(
          new ReloadingKeyRing(() -> pki.hub, null),
          new KeyRegistry(null, "test-node", TestPki.CLOCK, Duration.ZERO),
          (issuer, jti, expiresAt) -> {},
          (Supplier<String>) () -> "https://hub.test",
          TestPki.CLOCK);

  @TempDir Path dir;

  @Test
  void shouldVerifyWithXmlsec1ByBodyAndTimestampIdsWhenSignedWithRsaSha256() throws Exception {
    // given
    ExternalTools.require("xmlsec1");
    byte[] envelope = sign("RSA-SHA256").body();
    // when
    ExternalTools.Result result = xmlsec1Verify(envelope, KeyFamily.RSA_3072);
    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("OK");
  }

  @Test
  void shouldSignTheAuthorisationHeaderWhenSigningWithOne() throws Exception {
    // given
    ExternalTools.require("xmlsec1");
    String envelope =
        text(
            signing
                .signer(SigningPolicy.WSS_X509, "RSA-SHA256")
                .sign(utf8(PAYLOAD), Authorisation.basis("public_task"))
                .body());
    // when
    ExternalTools.Result genuine = xmlsec1Verify(utf8(envelope), KeyFamily.RSA_3072);
    ExternalTools.Result changed =
        xmlsec1Verify(
            utf8(envelope.replace(">public_task<", ">vital_interest<")), KeyFamily.RSA_3072);
    // then: a header entry of its own, beside wsse:Security, covered by a third Reference
    assertThat(genuine.exitCode()).as(genuine.output()).isZero();
    assertThat(changed.exitCode()).as(changed.output()).isNotZero();
    Document document = XmlDocuments.parse(utf8(envelope));
    Element header = SoapEnvelope.child(document.getDocumentElement(), SOAP, "Header");
    Element authorisation = SoapEnvelope.child(header, Authorisation.XML_NS, "Authorisation");
    assertThat(authorisation).isNotNull();
    assertThat(document.getElementsByTagNameNS(DS, "Reference").getLength()).isEqualTo(3);
    assertThat(envelope).contains("URI=\"#" + authorisation.getAttributeNS(WSU, "Id") + "\"");
  }

  @Test
  void shouldVerifyWithXmlsec1WhenSignedWithEcdsaSha256() throws Exception {
    // given
    ExternalTools.require("xmlsec1");
    SignedMessage signed = sign("ECDSA-SHA256");
    // when
    ExternalTools.Result result = xmlsec1Verify(signed.body(), KeyFamily.EC_P256);
    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(signed.algorithm()).isEqualTo(Algorithms.XML_ECDSA_SHA256);
    assertThat(signed.kid()).isEqualTo(pki.hub.current(KeyFamily.EC_P256).kid());
  }

  @Test
  void shouldFailXmlsec1VerificationWhenTheBodyIsTampered() throws Exception {
    // given
    ExternalTools.require("xmlsec1");
    String envelope = text(sign("RSA-SHA256").body());
    byte[] tampered = utf8(envelope.replace("<dld:count>12", "<dld:count>99"));
    // when
    ExternalTools.Result result = xmlsec1Verify(tampered, KeyFamily.RSA_3072);
    // then
    assertThat(result.exitCode()).as(result.output()).isNotZero();
  }

  @Test
  void shouldPutTheSecurityHeaderWithTokenTimestampAndSignatureWhenSigning() {
    // when
    SignedMessage signed = sign("RSA-SHA256");
    // then
    assertThat(signed.policy()).isEqualTo(SigningPolicy.WSS_X509);
    assertThat(signed.isDetached()).isFalse();
    Element envelope = XmlDocuments.parse(signed.body()).getDocumentElement();
    assertThat(SoapEnvelope.isEnvelope(envelope)).isTrue();
    Element security = child(child(envelope, SOAP, "Header"), WSSE, "Security");
    assertThat(security.getAttributeNS(SOAP, "mustUnderstand")).isEqualTo("1");
    assertThat(elements(security))
        .extracting(Element::getLocalName)
        .containsExactly("Timestamp", "BinarySecurityToken", "Signature");
    Element token = child(security, WSSE, "BinarySecurityToken");
    assertThat(token.getAttribute("ValueType")).isEqualTo(Algorithms.WSS_X509V3);
    assertThat(token.getAttribute("EncodingType")).isEqualTo(Algorithms.WSS_BASE64_BINARY);
    assertThat(Base64.getDecoder().decode(token.getTextContent()))
        .isEqualTo(encoded(pki.hub.current(KeyFamily.RSA_3072)));
    assertThat(signed.kid()).isEqualTo(pki.hub.current(KeyFamily.RSA_3072).kid());
  }

  @Test
  void shouldStampCreatedFromTheClockAndExpiresFiveMinutesLaterWhenSigning() {
    // when
    Element envelope = XmlDocuments.parse(sign("RSA-SHA256").body()).getDocumentElement();
    // then
    Element timestamp =
        child(child(child(envelope, SOAP, "Header"), WSSE, "Security"), WSU, "Timestamp");
    assertThat(child(timestamp, WSU, "Created").getTextContent())
        .isEqualTo(TestPki.NOW.toString().replace("Z", ".000Z"));
    assertThat(child(timestamp, WSU, "Expires").getTextContent())
        .isEqualTo(TestPki.NOW.plus(Duration.ofMinutes(5)).toString().replace("Z", ".000Z"));
  }

  @Test
  void shouldReferenceBodyAndTimestampByWsuIdAndTheTokenFromKeyInfoWhenSigning() {
    // when
    Element envelope = XmlDocuments.parse(sign("RSA-SHA256").body()).getDocumentElement();
    // then
    Element security = child(child(envelope, SOAP, "Header"), WSSE, "Security");
    String bodyId = child(envelope, SOAP, "Body").getAttributeNS(WSU, "Id");
    String timestampId = child(security, WSU, "Timestamp").getAttributeNS(WSU, "Id");
    String tokenId = child(security, WSSE, "BinarySecurityToken").getAttributeNS(WSU, "Id");
    assertThat(List.of(bodyId, timestampId, tokenId)).doesNotContain("").doesNotHaveDuplicates();
    Element signature = child(security, DS, "Signature");
    Element signedInfo = child(signature, DS, "SignedInfo");
    assertThat(child(signedInfo, DS, "CanonicalizationMethod").getAttribute("Algorithm"))
        .isEqualTo(Algorithms.XML_EXC_C14N);
    assertThat(child(signedInfo, DS, "SignatureMethod").getAttribute("Algorithm"))
        .isEqualTo(Algorithms.XML_RSA_SHA256);
    List<Element> references =
        elements(signedInfo).stream().filter(e -> e.getLocalName().equals("Reference")).toList();
    assertThat(references)
        .extracting(r -> r.getAttribute("URI"))
        .containsExactly("#" + bodyId, "#" + timestampId);
    for (Element reference : references) {
      assertThat(
              child(child(reference, DS, "Transforms"), DS, "Transform").getAttribute("Algorithm"))
          .isEqualTo(Algorithms.XML_EXC_C14N);
      assertThat(child(reference, DS, "DigestMethod").getAttribute("Algorithm"))
          .isEqualTo(Algorithms.XML_SHA256);
    }
    Element tokenReference =
        child(
            child(child(signature, DS, "KeyInfo"), WSSE, "SecurityTokenReference"),
            WSSE,
            "Reference");
    assertThat(tokenReference.getAttribute("URI")).isEqualTo("#" + tokenId);
    assertThat(tokenReference.getAttribute("ValueType")).isEqualTo(Algorithms.WSS_X509V3);
  }

  @Test
  void shouldCheckWithSantuarioByTheTokensKeyWhenIdsAreRegistered() throws Exception {
    // given
    Document envelope = XmlDocuments.parse(sign("RSA-SHA512").body());
    Element root = envelope.getDocumentElement();
    Element security = child(child(root, SOAP, "Header"), WSSE, "Security");
    child(root, SOAP, "Body").setIdAttributeNS(WSU, "Id", true);
    child(security, WSU, "Timestamp").setIdAttributeNS(WSU, "Id", true);
    // when
    XMLSignature signature = new XMLSignature(child(security, DS, "Signature"), "", true);
    // then
    assertThat(signature.getSignedInfo().getSignatureMethodURI())
        .isEqualTo(Algorithms.XML_RSA_SHA512);
    assertThat(
            signature.checkSignatureValue(
                pki.hub.current(KeyFamily.RSA_3072).certificate().getPublicKey()))
        .isTrue();
  }

  @Test
  void shouldKeepThePayloadBytesInTheBodyWhenSigning() {
    // given: the payload as a mapping writes it, with its declaration
    byte[] payload = utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + PAYLOAD);
    // when
    String envelope =
        text(signing.signer(SigningPolicy.WSS_X509, "RSA-SHA256").sign(payload).body());
    // then: the element exactly as given (single quotes, empty element and all)
    assertThat(envelope).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope ");
    assertThat(envelope.substring(envelope.indexOf("<soap:Body")))
        .matches(
            "<soap:Body wsu:Id=\"id-[0-9a-f-]{36}\">\\Q"
                + PAYLOAD
                + "</soap:Body></soap:Envelope>\\E");
  }

  @Test
  void shouldRefuseWithXmlForbiddenConstructWhenThePayloadAlreadyIsAnEnvelope() {
    // given
    byte[] envelope = SoapEnvelope.wrap(utf8(PAYLOAD));
    // then
    assertCode(
        () -> signing.signer(SigningPolicy.WSS_X509, "RSA-SHA256").sign(envelope),
        ErrorCode.XML_FORBIDDEN_CONSTRUCT);
  }

  @Test
  void shouldRefuseWithXmlMalformedWhenThePayloadIsNotXml() {
    assertCode(
        () -> signing.signer(SigningPolicy.WSS_X509, "RSA-SHA256").sign(utf8("{\"json\":true}")),
        ErrorCode.XML_MALFORMED);
  }

  @Test
  void shouldRefuseWithAlgorithmNotAllowedWhenAskedToVerifyWssX509Inbound() {
    assertCode(() -> signing.verifier(SigningPolicy.WSS_X509), ErrorCode.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldReadAndWriteWssX509WhenTheCardNamesThePolicy() {
    assertThat(SigningPolicy.fromCardName("wss-x509")).isEqualTo(SigningPolicy.WSS_X509);
    assertThat(SigningPolicy.WSS_X509.cardName()).isEqualTo("wss-x509");
    assertThat(SigningPolicy.XMLDSIG.cardName()).isEqualTo("xmldsig");
  }

  private SignedMessage sign(String algorithm) {
    return signing.signer(SigningPolicy.WSS_X509, algorithm).sign(utf8(PAYLOAD));
  }

  /** xmlsec1 with the hub's certificate as the key and wsu:Id as the Body's and Timestamp's id. */
  private ExternalTools.Result xmlsec1Verify(byte[] envelope, KeyFamily family) throws Exception {
    Path file = Files.write(dir.resolve("envelope.xml"), envelope);
    Path certificate = dir.resolve("hub.pem");
    Pki.writePem(certificate, List.of(pki.hub.current(family).certificate()));
    return ExternalTools.run(
        dir,
        "xmlsec1",
        "--verify",
        "--pubkey-cert-pem",
        certificate.toString(),
        "--id-attr:Id",
        SOAP + ":Body",
        "--id-attr:Id",
        WSU + ":Timestamp",
        "--id-attr:Id",
        Authorisation.XML_NS + ":Authorisation",
        file.toString());
  }

  private static byte[] encoded(SigningKey key) {
    try {
      return key.certificate().getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Element child(Element parent, String namespace, String localName) {
    Element found = SoapEnvelope.child(parent, namespace, localName);
    assertThat(found).as("%s in %s", localName, parent.getLocalName()).isNotNull();
    return found;
  }

  private static List<Element> elements(Element parent) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        found.add(e);
      }
    }
    return found;
  }
}
