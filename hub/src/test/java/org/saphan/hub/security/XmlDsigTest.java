package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Enveloped XML-DSig: independent verification, tampering, hostile XML and signature wrapping. */
class XmlDsigTest {

  private static final String PAYLOAD =
      "<SubmitPermitApplication xmlns=\"urn:th:go:dld:movement:v1\">"
          + "<messageId>msg-0001</messageId>"
          + "<applicant><citizenId>3101200456789</citizenId><name>สมชาย ใจดี</name></applicant>"
          + "<animal><species>cattle</species><count>12</count></animal>"
          + "</SubmitPermitApplication>";

  private final TestPki pki = TestPki.get();
  private final XmlDsigVerifier verifier = new XmlDsigVerifier(TestPki.CLOCK);
  private final VerificationRules hubTrust =
      VerificationRules.of(SigningPolicy.XMLDSIG, "hub", Trust.authorities(pki.ca.certificate()));

  @TempDir Path dir;

  @Test
  void shouldVerifyWithXmlsec1WhenTheHubSignsWithRsaSha256() throws Exception {
    // given
    ExternalTools.require("xmlsec1");
    byte[] signed = new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body();
    Path file = Files.write(dir.resolve("signed.xml"), signed);
    Path ca = dir.resolve("ca.pem");
    Pki.writePem(ca, List.of(pki.ca.certificate()));
    // when
    ExternalTools.Result result =
        ExternalTools.run(
            dir, "xmlsec1", "--verify", "--trusted-pem", ca.toString(), file.toString());
    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("OK");
  }

  @Test
  void shouldCoverTheAuthorisationInADsObjectWhenSigningWithOne() throws Exception {
    // given
    ExternalTools.require("xmlsec1");
    UUID grant = UUID.randomUUID();
    String signed =
        text(new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD), Authorisation.consent(grant)).body());
    Path ca = dir.resolve("ca.pem");
    Pki.writePem(ca, List.of(pki.ca.certificate()));
    Path file = Files.writeString(dir.resolve("authorised.xml"), signed);
    Path tampered =
        Files.writeString(
            dir.resolve("tampered.xml"),
            signed.replace(">consent</sa:LawfulBasis>", ">public_task</sa:LawfulBasis>"));
    // when
    ExternalTools.Result genuine =
        ExternalTools.run(
            dir, "xmlsec1", "--verify", "--trusted-pem", ca.toString(), file.toString());
    ExternalTools.Result changed =
        ExternalTools.run(
            dir, "xmlsec1", "--verify", "--trusted-pem", ca.toString(), tampered.toString());
    // then: the request element is untouched, the ds:Object named by a second Reference
    assertThat(genuine.exitCode()).as(genuine.output()).isZero();
    assertThat(changed.exitCode()).as(changed.output()).isNotZero();
    assertThat(signed)
        .contains("<ds:Object Id=\"" + XmlDsigSigner.AUTHORISATION_ID_PREFIX)
        .contains("<sa:ConsentRecordId>" + grant + "</sa:ConsentRecordId>")
        .contains("URI=\"#" + XmlDsigSigner.AUTHORISATION_ID_PREFIX);
  }

  @Test
  void shouldVerifyWithXmlsec1WhenTheHubSignsWithRsaSha512() throws Exception {
    // given
    ExternalTools.require("xmlsec1");
    byte[] signed =
        new XmlDsigSigner(pki.hub, KeyFamily.RSA_3072, Algorithms.XML_RSA_SHA512)
            .sign(utf8(PAYLOAD))
            .body();
    Path file = Files.write(dir.resolve("signed512.xml"), signed);
    Path ca = dir.resolve("ca.pem");
    Pki.writePem(ca, List.of(pki.ca.certificate()));
    // when
    ExternalTools.Result result =
        ExternalTools.run(
            dir, "xmlsec1", "--verify", "--trusted-pem", ca.toString(), file.toString());
    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(new String(signed, StandardCharsets.UTF_8))
        .contains(Algorithms.XML_RSA_SHA512)
        .contains("URI=\"\"")
        .contains(Algorithms.XML_EXC_C14N);
  }

  @Test
  void shouldFailXmlsec1VerificationWhenTheSignedDocumentIsTampered() throws Exception {
    // given
    ExternalTools.require("xmlsec1");
    String signed = text(new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body());
    Path file =
        Files.writeString(dir.resolve("tampered.xml"), signed.replace("<count>12", "<count>99"));
    Path ca = dir.resolve("ca.pem");
    Pki.writePem(ca, List.of(pki.ca.certificate()));
    // when
    ExternalTools.Result result =
        ExternalTools.run(
            dir, "xmlsec1", "--verify", "--trusted-pem", ca.toString(), file.toString());
    // then
    assertThat(result.exitCode()).isNotZero();
  }

  @Test
  void shouldReturnTheSignedDocumentWhenVerified() {
    // given
    byte[] signed = new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body();
    // when
    VerifiedXml verified = verifier.verifyDocument(signed, hubTrust);
    // then
    assertThat(verified.document().getDocumentElement().getLocalName())
        .isEqualTo("SubmitPermitApplication");
    assertThat(verified.signature().kid()).isEqualTo(pki.hub.current(KeyFamily.RSA_3072).kid());
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenAValueIsTampered() {
    // given
    String signed = text(new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body());
    byte[] tampered = utf8(signed.replace("<count>12", "<count>99"));
    // then
    assertCode(() -> verifier.verifyDocument(tampered, hubTrust), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseWithCertificateUntrustedWhenSignedByAStrangerKey() {
    // given
    byte[] signed = new XmlDsigSigner(TestPki.ringOf(pki.strangerRsa)).sign(utf8(PAYLOAD)).body();
    // then
    assertCode(() -> verifier.verifyDocument(signed, hubTrust), ErrorCode.CERTIFICATE_UNTRUSTED);
  }

  @Test
  void shouldRefuseWithCertificateExpiredWhenTheSignerCertificateExpired() {
    // given
    byte[] signed = new XmlDsigSigner(TestPki.ringOf(pki.expiredRsa)).sign(utf8(PAYLOAD)).body();
    // then
    assertCode(() -> verifier.verifyDocument(signed, hubTrust), ErrorCode.CERTIFICATE_EXPIRED);
  }

  @Test
  void shouldRefuseWithCertificateNotYetValidWhenTheSignerCertificateStartsLater() {
    // given
    byte[] signed =
        new XmlDsigSigner(TestPki.ringOf(pki.notYetValidRsa)).sign(utf8(PAYLOAD)).body();
    // then
    assertCode(
        () -> verifier.verifyDocument(signed, hubTrust), ErrorCode.CERTIFICATE_NOT_YET_VALID);
  }

  @Test
  void shouldRefuseWithSignatureMissingWhenTheDocumentIsUnsigned() {
    assertCode(() -> verifier.verifyDocument(utf8(PAYLOAD), hubTrust), ErrorCode.SIGNATURE_MISSING);
  }

  @Test
  void shouldRefuseWithXmlForbiddenConstructWhenSignedXmlCarriesAnExternalEntity() {
    // given: an XXE payload; the signature cannot even be parsed, let alone the entity resolved
    String signed = text(new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body());
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + signed.replaceFirst("<\\?xml[^>]*\\?>", "").replace("cattle", "&xxe;");
    // then
    assertCode(
        () -> verifier.verifyDocument(utf8(xxe), hubTrust), ErrorCode.XML_FORBIDDEN_CONSTRUCT);
  }

  @Test
  void shouldRefuseWithXmlForbiddenConstructWhenSignedXmlCarriesBillionLaughs() {
    // given
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    String signed = text(new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body());
    String bomb = dtd + signed.replaceFirst("<\\?xml[^>]*\\?>", "").replace("cattle", "&lol9;");
    // then
    assertCode(
        () -> verifier.verifyDocument(utf8(bomb), hubTrust), ErrorCode.XML_FORBIDDEN_CONSTRUCT);
  }

  @Test
  void shouldRefuseWithXmlMalformedWhenTheDocumentIsNotWellFormed() {
    assertCode(
        () -> verifier.verifyDocument(utf8("<a><b></a>"), hubTrust), ErrorCode.XML_MALFORMED);
  }

  @Test
  void shouldRefuseWithSignatureWrappingWhenTheSignedElementIsMovedUnderANewRoot() {
    // given: the attacker wraps the signed document in a new root carrying its own content
    Document signed = XmlDocuments.parse(new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body());
    Document wrapped = XmlDocuments.parse(utf8("<Wrapper><evil>approve</evil></Wrapper>"));
    Element moved = (Element) wrapped.importNode(signed.getDocumentElement(), true);
    wrapped.getDocumentElement().appendChild(moved);
    // then
    assertCode(
        () -> verifier.verifyDocument(XmlDocuments.serialize(wrapped), hubTrust),
        ErrorCode.SIGNATURE_WRAPPING);
  }

  @Test
  void shouldRefuseWithSignatureWrappingWhenTheSignatureIsDuplicated() {
    // given: a second copy of the signature, e.g. to make a processor pick the wrong one
    Document signed = XmlDocuments.parse(new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body());
    Element signature =
        (Element) signed.getElementsByTagNameNS(Algorithms.XML_DSIG_NS, "Signature").item(0);
    signed.getDocumentElement().appendChild(signature.cloneNode(true));
    // then
    assertCode(
        () -> verifier.verifyDocument(XmlDocuments.serialize(signed), hubTrust),
        ErrorCode.SIGNATURE_WRAPPING);
  }

  @Test
  void shouldRefuseWithSignatureWrappingWhenTheSignatureMovesIntoAChildElement() {
    // given: the signature is hidden inside a child so that it covers only that child's context
    Document signed = XmlDocuments.parse(new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body());
    Element signature =
        (Element) signed.getElementsByTagNameNS(Algorithms.XML_DSIG_NS, "Signature").item(0);
    Element animal =
        (Element) signed.getElementsByTagNameNS("urn:th:go:dld:movement:v1", "animal").item(0);
    animal.appendChild(signature);
    // then
    assertCode(
        () -> verifier.verifyDocument(XmlDocuments.serialize(signed), hubTrust),
        ErrorCode.SIGNATURE_WRAPPING);
  }

  @Test
  void shouldRefuseWithAlgorithmNotAllowedWhenThePartyAcceptsOnlyRsaSha512() {
    // given
    byte[] signed = new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body();
    VerificationRules strict =
        hubTrust.withAllowedAlgorithms(java.util.Set.of(Algorithms.XML_RSA_SHA512));
    // then
    assertCode(() -> verifier.verifyDocument(signed, strict), ErrorCode.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldRefuseWithCertificateExpiredWhenVerifiedAfterTheCertificateEnds() {
    // given
    byte[] signed = new XmlDsigSigner(pki.hub).sign(utf8(PAYLOAD)).body();
    XmlDsigVerifier later = new XmlDsigVerifier(TestPki.clockAt(Duration.ofDays(400)));
    // then
    assertCode(() -> later.verifyDocument(signed, hubTrust), ErrorCode.CERTIFICATE_EXPIRED);
  }

  static void assertCode(Runnable action, ErrorCode code) {
    assertThatThrownBy(action::run)
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(code);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
