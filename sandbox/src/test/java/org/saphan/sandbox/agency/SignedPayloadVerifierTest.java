package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.common.FakeHub;
import org.saphan.sandbox.common.HubAuthorisation;
import org.saphan.sandbox.common.SecureXml;
import org.saphan.sandbox.common.SignatureRejectedException;
import org.saphan.sandbox.common.SignatureRejectedException.Reason;
import org.saphan.sandbox.common.TestPki;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SignedPayloadVerifierTest {

  static TestPki pki;
  static FakeHub hub;
  static SignedPayloadVerifier verifier;

  @BeforeAll
  static void startHub() {
    pki = TestPki.shared();
    hub = FakeHub.start(pki.hubJwks());
    verifier = new SignedPayloadVerifier(hub.trust(Clock.systemUTC()), Clock.systemUTC());
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void shouldReturnSignedElementAsOwnDocumentWhenSignatureValid() {
    // given
    Element payload = element(TestSoap.sign(TestSoap.submit("MSG-1"), pki.hubRsa()));

    // when
    Document verified = verifier.verify(payload);

    // then
    assertThat(verified.getDocumentElement().getLocalName()).isEqualTo("SubmitPermitApplication");
    assertThat(verified.getDocumentElement()).isNotSameAs(payload);
  }

  @Test
  void shouldRefuseAsUnknownKeyWhenTheJwksLabelsTheHubsRsaKeyOnlyForPs256() {
    // given: a hub JWKS as before issue 12, RSA key labelled PS256 while it signs RSA-SHA256
    try (FakeHub oldHub = FakeHub.start(TestPki.jwks(List.of(pki.hubEc(), pki.hubRsa())))) {
      SignedPayloadVerifier filteringByAlg =
          new SignedPayloadVerifier(oldHub.trust(Clock.systemUTC()), Clock.systemUTC());
      Element payload = element(TestSoap.sign(TestSoap.submit("MSG-ALG"), pki.hubRsa()));
      // when / then
      assertThatThrownBy(() -> filteringByAlg.verify(payload))
          .isInstanceOf(SignatureRejectedException.class)
          .extracting(e -> ((SignatureRejectedException) e).reason())
          .isEqualTo(Reason.UNKNOWN_KEY);
    }
  }

  @Test
  void shouldRefuseAlgorithmWhenSignedWithRsaSha1() {
    // given
    Element payload =
        element(
            TestSoap.sign(
                TestSoap.submit("MSG-2"),
                pki.hubRsa(),
                XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1,
                TestSoap.SHA256));

    // when / then
    assertRefused(payload, Reason.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void shouldRefuseAsWrappingWhenReferencePointsAtAnId() throws Exception {
    // given: a reference to one element by Id instead of the whole request
    Document document = SecureXml.parse(TestSoap.submit("MSG-3").getBytes(StandardCharsets.UTF_8));
    Element root = document.getDocumentElement();
    Element applicant =
        (Element) root.getElementsByTagNameNS(SoapMessages.DLD_NS, "applicant").item(0);
    applicant.setAttribute("Id", "a1");
    applicant.setIdAttribute("Id", true);
    XMLSignature signature = new XMLSignature(document, "", TestSoap.RSA_SHA256, TestSoap.EXC_C14N);
    root.appendChild(signature.getElement());
    Transforms transforms = new Transforms(document);
    transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
    signature.addDocument("#a1", transforms, TestSoap.SHA256);
    signature.addKeyInfo(pki.hubRsa().certificate());
    signature.sign(pki.hubRsa().privateKey());

    // when / then
    assertRefused(root, Reason.WRAPPING);
  }

  @Test
  void shouldReturnTheAuthorisationWhenASecondReferenceCoversItsDsObject() {
    // given: the hub's enveloped profile with its authorisation
    Element payload = element(TestSoap.sign(TestSoap.submit("MSG-7"), pki.hubRsa()));

    // when
    SignedPayloadVerifier.Verified verified = verifier.verifySigned(payload);

    // then
    assertThat(HubAuthorisation.ofXml(verified.authorisation()))
        .isEqualTo(new HubAuthorisation("public_task", null));
  }

  @Test
  void shouldRefuseAsInvalidWhenTheAuthorisationChangedAfterSigning() {
    // given
    String signed = TestSoap.sign(TestSoap.submit("MSG-8"), pki.hubRsa());
    String changed = signed.replace(">public_task<", ">vital_interest<");
    assertThat(changed).isNotEqualTo(signed);

    // when / then
    assertRefused(element(changed), Reason.BAD_SIGNATURE);
  }

  @Test
  void shouldRefuseAsAuthorisationMissingWhenTheSignatureCoversNone() {
    // given
    Element payload =
        element(TestSoap.signWithoutAuthorisation(TestSoap.submit("MSG-9"), pki.hubRsa()));

    // when
    SignedPayloadVerifier.Verified verified = verifier.verifySigned(payload);

    // then
    assertThatThrownBy(() -> HubAuthorisation.ofXml(verified.authorisation()))
        .isInstanceOfSatisfying(
            SignatureRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.AUTHORISATION_MISSING));
  }

  @Test
  void shouldRefuseAsWrappingWhenTwoSignaturesPresent() {
    // given: a signed request carrying another signed request inside it
    String inner = TestSoap.sign(TestSoap.submit("MSG-4"), pki.hubRsa());
    String outer =
        TestSoap.sign(
            TestSoap.submit("MSG-5").replace("</dld:movementDate>", "</dld:movementDate>" + inner),
            pki.hubRsa());

    // when / then
    assertRefused(element(outer), Reason.WRAPPING);
  }

  @Test
  void shouldRefuseAsExpiredWhenHubCertificateOutOfValidity() {
    // given
    Element payload = element(TestSoap.sign(TestSoap.submit("MSG-6"), pki.expiredHubRsa()));

    // when / then
    assertRefused(payload, Reason.EXPIRED);
  }

  private static Element element(String xml) {
    return SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
  }

  private static void assertRefused(Element payload, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(payload))
        .isInstanceOfSatisfying(
            SignatureRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
