package org.saphan.hub.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

class ReceiptVerifierTest {

  static TestReceipts.Pki2 trusted;
  static TestReceipts.Pki2 stranger;
  static ReceiptVerifier verifier;

  @BeforeAll
  static void keys() {
    trusted = TestReceipts.pki("Trusted");
    stranger = TestReceipts.pki("Stranger");
    verifier = new ReceiptVerifier(List.of(trusted.ca().certificate()), Clock.systemUTC());
  }

  static byte[] signed(String total) {
    return TestReceipts.sign(
        TestReceipts.receipt("RCTEP001", "EP2026112400001", "PO2026112400001", total),
        trusted.key());
  }

  @Test
  void shouldReadTheReceiptWhenSignatureChainAndOrderAgree() {
    // given
    byte[] xml = signed("505.00");
    // when
    VerifiedReceipt receipt = verifier.verify(xml, TestReceipts.order("PO2026112400001", "505.00"));
    // then
    assertThat(receipt.documentId()).isEqualTo("RCTEP001");
    assertThat(receipt.grandTotal()).isEqualByComparingTo("505.00");
    assertThat(receipt.transactionId()).isEqualTo("EP2026112400001");
    assertThat(receipt.signerSubject()).contains("Trusted e-Payment");
    assertThat(receipt.buyerName()).isEqualTo("นายสมชาย ใจดี");
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenOneByteIsFlipped() {
    // given: one digit of the signed total changed after signing (505.00 -> 605.00)
    String text = new String(signed("505.00"), StandardCharsets.UTF_8);
    byte[] tampered =
        text.replace(">505.00</ram:GrandTotalAmount>", ">605.00</ram:GrandTotalAmount>")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(tampered).isNotEqualTo(text.getBytes(StandardCharsets.UTF_8));
    // then
    assertCode(() -> verifier.verify(tampered), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseWithSignatureInvalidWhenAByteOfTheSignatureValueIsFlipped() {
    // given
    byte[] xml = signed("505.00");
    String text = new String(xml, StandardCharsets.UTF_8);
    int value = text.indexOf("SignatureValue");
    int at = text.indexOf('>', value) + 5;
    byte[] flipped = xml.clone();
    flipped[at] = (byte) (flipped[at] == 'A' ? 'B' : 'A');
    // then
    assertCode(() -> verifier.verify(flipped), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseWithReceiptAmountMismatchWhenTheSignedTotalIsNotTheOrders() {
    // given: a correctly signed receipt of 506.00 for an order of 505.00
    byte[] xml = signed("506.00");
    // then
    assertCode(
        () -> verifier.verify(xml, TestReceipts.order("PO2026112400001", "505.00")),
        ErrorCode.RECEIPT_AMOUNT_MISMATCH);
  }

  @Test
  void shouldRefuseWithReceiptReferenceMismatchWhenTheReceiptIsForAnotherOrder() {
    byte[] xml = signed("505.00");
    assertCode(
        () -> verifier.verify(xml, TestReceipts.order("PO2026112400002", "505.00")),
        ErrorCode.RECEIPT_REFERENCE_MISMATCH);
  }

  @Test
  void shouldRefuseWithCertificateUntrustedWhenTheSignerChainsToAnotherCa() {
    // given: well signed, but by a key another CA issued
    byte[] xml =
        TestReceipts.sign(
            TestReceipts.receipt("RCTEP001", "EP2026112400001", "PO2026112400001", "505.00"),
            stranger.key());
    // then
    assertCode(() -> verifier.verify(xml), ErrorCode.CERTIFICATE_UNTRUSTED);
  }

  @Test
  void shouldRefuseWithSignatureMissingWhenTheReceiptIsNotSigned() {
    byte[] xml =
        org.saphan.hub.security.XmlDocuments.serialize(
            TestReceipts.receipt("RCTEP001", "EP1", "PO2026112400001", "505.00"));
    assertCode(() -> verifier.verify(xml), ErrorCode.SIGNATURE_MISSING);
  }

  @Test
  void shouldRefuseWithXmlForbiddenConstructWhenTheReceiptDeclaresADoctype() {
    byte[] xml =
        ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<r>&x;</r>")
            .getBytes(StandardCharsets.UTF_8);
    assertCode(() -> verifier.verify(xml), ErrorCode.XML_FORBIDDEN_CONSTRUCT);
  }

  @Test
  void shouldRefuseWithReceiptMalformedWhenTheRootIsNotAReceipt() {
    byte[] xml = "<invoice xmlns=\"urn:x\"/>".getBytes(StandardCharsets.UTF_8);
    assertCode(() -> verifier.verify(xml), ErrorCode.RECEIPT_MALFORMED);
  }

  static void assertCode(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOf(SaphanException.class)
        .satisfies(e -> assertThat(((SaphanException) e).code()).isEqualTo(code));
  }
}
