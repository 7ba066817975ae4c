package org.saphan.sandbox.epayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.xml.security.utils.Constants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import xades4j.verification.XAdESVerificationResult;

class ReceiptSigningTest {

  @TempDir static Path dir;

  private static TestKeys keys;
  private static Receipts receipts;

  private static final Payer SOMCHAI =
      new Payer("citizen-somchai", "3101200456789", "นายสมชาย ใจดี", "Somchai Jaidee", "014");

  @BeforeAll
  static void createKeys() {
    keys = TestKeys.shared();
    EpaymentKeys epaymentKeys = new EpaymentKeys(keys.dir(), TestKeys.PASSWORD.toCharArray());
    receipts = new Receipts(epaymentKeys, defaultSeller(), Clock.systemUTC());
  }

  @Test
  void shouldVerifyWithXades4jWhenReceiptIsSignedWithTheEpaymentKey() throws Exception {
    // given
    byte[] xml = receipts.issue(transaction("505.00"), EpaymentFaults.Faults.NONE);

    // when
    XAdESVerificationResult result = ReceiptVerification.xades4j(xml, keys.trustStore());

    // then
    assertThat(result.getSignatureForm().name()).isEqualTo("BES");
    assertThat(result.getSignatureAlgorithmUri()).isEqualTo(ReceiptSigner.SIGNATURE_ALGORITHM);
    assertThat(result.getValidationCertificate()).isEqualTo(keys.epayment());
    assertThat(result.getValidationData().getCerts()).contains(keys.ca());
  }

  @Test
  void shouldUseSha512EnvelopedReferenceAndFullChainWhenSigning() throws Exception {
    // given
    byte[] xml = receipts.issue(transaction("505.00"), EpaymentFaults.Faults.NONE);

    // when
    Document doc = ReceiptVerification.parse(xml);

    // then
    Element root = doc.getDocumentElement();
    Element signature = (Element) root.getLastChild();
    assertThat(signature.getNamespaceURI()).isEqualTo(Constants.SignatureSpecNS);
    assertThat(signature.getLocalName()).isEqualTo("Signature");
    Element reference =
        (Element) signature.getElementsByTagNameNS(Constants.SignatureSpecNS, "Reference").item(0);
    assertThat(reference.getAttribute("URI")).isEmpty();
    assertThat(
            ((Element)
                    reference
                        .getElementsByTagNameNS(Constants.SignatureSpecNS, "Transform")
                        .item(0))
                .getAttribute("Algorithm"))
        .isEqualTo("http://www.w3.org/2000/09/xmldsig#enveloped-signature");
    for (int i = 0;
        i < signature.getElementsByTagNameNS(Constants.SignatureSpecNS, "DigestMethod").getLength();
        i++) {
      assertThat(
              ((Element)
                      signature
                          .getElementsByTagNameNS(Constants.SignatureSpecNS, "DigestMethod")
                          .item(i))
                  .getAttribute("Algorithm"))
          .isEqualTo("http://www.w3.org/2001/04/xmlenc#sha512");
    }
    assertThat(
            signature
                .getElementsByTagNameNS(Constants.SignatureSpecNS, "X509Certificate")
                .getLength())
        .isEqualTo(2);
  }

  @Test
  void shouldCarryTypeT01AndTotalsWhenReceiptIsIssued() throws Exception {
    // given
    byte[] xml = receipts.issue(transaction("505.00"), EpaymentFaults.Faults.NONE);

    // when
    Document doc = ReceiptVerification.parse(xml);

    // then
    Element root = doc.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(ReceiptXml.RSM);
    assertThat(root.getLocalName()).isEqualTo("Receipt_CrossIndustryInvoice");
    assertThat(ReceiptVerification.ram(doc, "TypeCode")).isEqualTo("T01");
    assertThat(ReceiptVerification.ram(doc, "ID")).isEqualTo("ER3-2560");
    assertThat(ReceiptVerification.ram(doc, "InvoiceCurrencyCode")).isEqualTo("THB");
    assertThat(ReceiptVerification.ram(doc, "LineTotalAmount")).isEqualTo("505.00");
    assertThat(ReceiptVerification.ram(doc, "TaxBasisTotalAmount")).isEqualTo("505.00");
    assertThat(ReceiptVerification.ram(doc, "TaxTotalAmount")).isEqualTo("0.00");
    assertThat(ReceiptVerification.ram(doc, "GrandTotalAmount")).isEqualTo("505.00");
  }

  @Test
  void shouldFailVerificationWhenAmountWasTamperedAfterSigning() throws Exception {
    // given
    EpaymentFaults.Faults tamper =
        new EpaymentFaults.Faults(false, 0, false, false, false, true, false);
    byte[] xml = receipts.issue(transaction("505.00"), tamper);

    // when / then
    assertThat(ReceiptVerification.ram(ReceiptVerification.parse(xml), "GrandTotalAmount"))
        .isEqualTo("605.00");
    assertThatThrownBy(() -> ReceiptVerification.xades4j(xml, keys.trustStore()))
        .isInstanceOf(xades4j.verification.ReferenceValueException.class);
  }

  @Test
  void shouldFailCertificateValidationWhenSignedWithUntrustedKey() throws Exception {
    // given
    EpaymentFaults.Faults untrusted =
        new EpaymentFaults.Faults(false, 0, false, false, false, false, true);
    byte[] xml = receipts.issue(transaction("505.00"), untrusted);

    // when / then
    assertThatThrownBy(() -> ReceiptVerification.xades4j(xml, keys.trustStore()))
        .isInstanceOf(xades4j.providers.CannotBuildCertificationPathException.class);
  }

  @Test
  void shouldVerifyWithXmlsec1WhenReceiptIsSigned() throws Exception {
    // given
    ReceiptVerification.assumeXmlsec1();
    byte[] xml = receipts.issue(transaction("505.00"), EpaymentFaults.Faults.NONE);

    // when
    ReceiptVerification.Result result =
        ReceiptVerification.xmlsec1(xml, keys.dir().resolve("public/sandbox-ca.pem"), dir);

    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("OK");
  }

  @Test
  void shouldFailXmlsec1VerificationWhenAmountWasTampered() throws Exception {
    // given
    ReceiptVerification.assumeXmlsec1();
    EpaymentFaults.Faults tamper =
        new EpaymentFaults.Faults(false, 0, false, false, false, true, false);
    byte[] xml = receipts.issue(transaction("505.00"), tamper);

    // when
    ReceiptVerification.Result result =
        ReceiptVerification.xmlsec1(xml, keys.dir().resolve("public/sandbox-ca.pem"), dir);

    // then
    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("FAIL");
  }

  private static Transaction transaction(String amount) {
    return new Transaction(
        "EP20261125000001",
        "01420261125000001",
        "099400098765001",
        "SPH2026112500001",
        null,
        new BigDecimal(amount),
        SOMCHAI,
        OffsetDateTime.of(2026, 11, 25, 14, 10, 0, 0, ZoneOffset.ofHours(7)));
  }

  private static EpaymentProperties.Seller defaultSeller() {
    MockEnvironment environment = new MockEnvironment();
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("sandbox.epayment", Bindable.of(EpaymentProperties.class))
        .seller();
  }
}
