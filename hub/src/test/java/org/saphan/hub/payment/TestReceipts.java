package org.saphan.hub.payment;

import java.math.BigDecimal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.signature.XMLSignature;
import org.saphan.catalog.common.SecureXml;
import org.saphan.hub.security.CertificateAuthority;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SigningKey;
import org.saphan.hub.security.XmlDocuments;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import xades4j.algorithms.EnvelopedSignatureTransform;
import xades4j.production.BasicSignatureOptions;
import xades4j.production.DataObjectReference;
import xades4j.production.SignatureAlgorithms;
import xades4j.production.SignedDataObjects;
import xades4j.production.SigningCertificateMode;
import xades4j.production.XadesBesSigningProfile;
import xades4j.providers.KeyingDataProvider;

/**
 * Test material for e-Receipts, made at test time: a CA and an issuing key (never committed), and
 * an ETDA receipt (T01) built from the standard's structure and signed XAdES-BES enveloped,
 * RSA-SHA512, chain in KeyInfo: the way ETDA's reference signer does it.
 */
final class TestReceipts {

  static final String RSM = ReceiptVerifier.RSM;
  static final String RAM = ReceiptVerifier.RAM;

  private TestReceipts() {}

  /** A CA and a key it issued (RSA-3072). */
  record Pki2(CertificateAuthority ca, SigningKey key) {}

  static Pki2 pki(String name) {
    Instant now = Instant.now();
    CertificateAuthority ca =
        Pki.createRootCa(
            name + " Root CA",
            KeyFamily.RSA_3072,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)));
    SigningKey key =
        Pki.issueSigningKey(
            ca,
            KeyFamily.RSA_3072,
            name + " e-Payment",
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)));
    return new Pki2(ca, key);
  }

  /** An unsigned receipt of {@code ref1} for {@code total}. */
  static Document receipt(String documentId, String transactionId, String ref1, String total) {
    Document doc = SecureXml.newDocumentBuilder().newDocument();
    Element root = doc.createElementNS(RSM, "rsm:Receipt_CrossIndustryInvoice");
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rsm", RSM);
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ram", RAM);
    doc.appendChild(root);
    Element context = add(root, RSM, "rsm:ExchangedDocumentContext", null);
    Element guideline = add(context, RAM, "ram:GuidelineSpecifiedDocumentContextParameter", null);
    Element id = add(guideline, RAM, "ram:ID", "ER3-2560");
    id.setAttribute("schemeAgencyID", "ETDA");
    id.setAttribute("schemeVersionID", "2.0");
    Element exchanged = add(root, RSM, "rsm:ExchangedDocument", null);
    add(exchanged, RAM, "ram:ID", documentId);
    add(exchanged, RAM, "ram:Name", "ใบเสร็จรับเงิน");
    add(exchanged, RAM, "ram:TypeCode", "T01");
    add(exchanged, RAM, "ram:IssueDateTime", "2026-11-24T10:15:00");
    add(exchanged, RAM, "ram:PurposeCode", "RCTC99");
    add(exchanged, RAM, "ram:CreationDateTime", "2026-11-24T10:15:00");
    Element note = add(exchanged, RAM, "ram:IncludedNote", null);
    add(note, RAM, "ram:Subject", "transactionId");
    add(note, RAM, "ram:Content", transactionId);
    Element trade = add(root, RSM, "rsm:SupplyChainTradeTransaction", null);
    Element agreement = add(trade, RAM, "ram:ApplicableHeaderTradeAgreement", null);
    Element seller = add(agreement, RAM, "ram:SellerTradeParty", null);
    add(seller, RAM, "ram:Name", "ระบบรับชำระเงินกลางภาครัฐ (ทดสอบ)");
    Element tax =
        add(
            add(seller, RAM, "ram:SpecifiedTaxRegistration", null),
            RAM,
            "ram:ID",
            "099400098765000000");
    tax.setAttribute("schemeID", "TXID");
    Element buyer = add(agreement, RAM, "ram:BuyerTradeParty", null);
    add(buyer, RAM, "ram:Name", "นายสมชาย ใจดี");
    Element order = add(agreement, RAM, "ram:BuyerOrderReferencedDocument", null);
    add(order, RAM, "ram:IssuerAssignedID", ref1);
    Element settlement = add(trade, RAM, "ram:ApplicableHeaderTradeSettlement", null);
    add(settlement, RAM, "ram:InvoiceCurrencyCode", "THB");
    Element sum = add(settlement, RAM, "ram:SpecifiedTradeSettlementHeaderMonetarySummation", null);
    add(sum, RAM, "ram:LineTotalAmount", total);
    add(sum, RAM, "ram:TaxBasisTotalAmount", total);
    add(sum, RAM, "ram:TaxTotalAmount", "0.00");
    add(sum, RAM, "ram:GrandTotalAmount", total);
    return doc;
  }

  /** Signs XAdES-BES enveloped, RSA-SHA512, SHA-512 digests, full chain in KeyInfo. */
  static byte[] sign(Document doc, SigningKey key) {
    try {
      KeyingDataProvider keying =
          new KeyingDataProvider() {
            @Override
            public List<X509Certificate> getSigningCertificateChain() {
              return key.chain();
            }

            @Override
            public PrivateKey getSigningKey(X509Certificate signingCert) {
              return key.privateKey();
            }
          };
      var signer =
          new XadesBesSigningProfile(keying)
              .withSignatureAlgorithms(
                  new SignatureAlgorithms()
                      .withSignatureAlgorithm("RSA", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512)
                      .withDigestAlgorithmForDataObjectReferences(
                          MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA512)
                      .withDigestAlgorithmForReferenceProperties(
                          MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA512))
              .withBasicSignatureOptions(
                  new BasicSignatureOptions()
                      .includeSigningCertificate(SigningCertificateMode.FULL_CHAIN))
              .newSigner();
      signer.sign(
          new SignedDataObjects(
              new DataObjectReference("").withTransform(new EnvelopedSignatureTransform())),
          doc.getDocumentElement());
      return XmlDocuments.serialize(doc);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static PaymentOrder order(String ref1, String amount) {
    Instant now = Instant.now();
    return new PaymentOrder(
        "PAY-20261124-TEST0001",
        "APP-20261124-TEST0001",
        "dsd-competency-certificate",
        4,
        "dsd",
        "1101700000010",
        "099400000002201",
        ref1,
        null,
        new BigDecimal(amount),
        "THB",
        "card_default",
        PaymentStatus.PAID,
        "qr",
        "barcode",
        java.util.UUID.randomUUID(),
        now,
        now,
        now,
        now,
        now,
        "EP2026112400001",
        null,
        null,
        null);
  }

  private static Element add(Element parent, String ns, String name, String text) {
    Element e = parent.getOwnerDocument().createElementNS(ns, name);
    if (text != null) {
      e.setTextContent(text);
    }
    parent.appendChild(e);
    return e;
  }
}
