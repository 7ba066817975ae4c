package org.saphan.hub.payment;

import java.io.IOException;
import java.math.BigDecimal;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.XmlDocuments;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import xades4j.XAdES4jException;
import xades4j.providers.CertificateValidationException;
import xades4j.providers.impl.PKIXCertificateValidationProvider;
import xades4j.verification.RawDataObjectDesc;
import xades4j.verification.SignatureSpecificVerificationOptions;
import xades4j.verification.XAdESForm;
import xades4j.verification.XAdESVerificationResult;
import xades4j.verification.XadesVerificationProfile;
import xades4j.verification.XadesVerifier;

/**
 * Verifies an ETDA e-Tax receipt (ขมธอ. 3-2560, type T01) the way ETDA's profile signs it:
 * XAdES-BES, enveloped (one reference {@code URI=""} with the enveloped-signature transform, over
 * the whole document), RSA-SHA512 with SHA-512 digests, the signer's certificate chaining (PKIX) to
 * a trusted CA. Only then does it read the receipt's facts, and check them against the order.
 *
 * <p>Refusals carry exact codes: {@code xml_malformed} / {@code xml_forbidden_construct} (not safe
 * XML), {@code receipt_malformed} (not a receipt), {@code signature_missing}, {@code
 * signature_wrapping} (the signature is not the root's enveloped one), {@code
 * algorithm_not_allowed}, {@code certificate_untrusted}, {@code signature_invalid}, {@code
 * receipt_reference_mismatch}, {@code receipt_amount_mismatch}.
 */
public final class ReceiptVerifier {

  /** Namespace of the receipt document ({@code rsm}). */
  public static final String RSM = "urn:etda:uncefact:data:standard:Receipt_CrossIndustryInvoice:2";

  /** Namespace of its building blocks ({@code ram}). */
  public static final String RAM =
      "urn:etda:uncefact:data:standard:Receipt_ReusableAggregateBusinessInformationEntity:2";

  /** Root element of a receipt. */
  public static final String ROOT = "Receipt_CrossIndustryInvoice";

  /** ETDA document type of a receipt (ใบรับ / ใบเสร็จรับเงิน). */
  public static final String TYPE_CODE = "T01";

  /** Signature method of e-Tax documents. */
  public static final String RSA_SHA512 = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512;

  /** Digest of e-Tax references. */
  public static final String SHA512 =
      org.apache.xml.security.algorithms.MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA512;

  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

  private final XadesVerifier verifier;
  private final Clock clock;

  /** A verifier trusting signers that chain to these CA certificates. */
  public ReceiptVerifier(List<X509Certificate> trustedCas, Clock clock) {
    this.clock = clock;
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      int i = 0;
      for (X509Certificate ca : trustedCas) {
        anchors.setCertificateEntry("ca-" + i++, ca);
      }
      PKIXCertificateValidationProvider validation =
          PKIXCertificateValidationProvider.builder(anchors).checkRevocation(false).build();
      this.verifier =
          new XadesVerificationProfile(validation).withSecureValidation(true).newVerifier();
    } catch (GeneralSecurityException | IOException | XAdES4jException e) {
      throw new IllegalStateException("cannot set up e-Receipt verification", e);
    }
  }

  /** Verifies a receipt and checks it is this order's: ref1 and grand total. */
  public VerifiedReceipt verify(byte[] xml, PaymentOrder order) {
    VerifiedReceipt receipt = verify(xml);
    if (!order.ref1().equals(receipt.orderReference())) {
      throw SaphanException.business(
          ErrorCode.RECEIPT_REFERENCE_MISMATCH,
          "e-Receipt " + receipt.documentId() + " is not for payment " + order.id(),
          Map.of("documentId", receipt.documentId(), "paymentId", order.id()));
    }
    if (!PaymentLedger.sameAmount(order.amount(), receipt.grandTotal())) {
      throw SaphanException.business(
          ErrorCode.RECEIPT_AMOUNT_MISMATCH,
          "e-Receipt "
              + receipt.documentId()
              + " totals "
              + receipt.grandTotal().toPlainString()
              + ", payment "
              + order.id()
              + " is for "
              + order.amount().toPlainString(),
          Map.of(
              "documentId", receipt.documentId(),
              "receiptTotal", receipt.grandTotal().toPlainString(),
              "orderAmount", order.amount().toPlainString()));
    }
    return receipt;
  }

  /** Verifies a receipt's signature, chain and structure, and reads its facts. */
  public VerifiedReceipt verify(byte[] xml) {
    Document document = XmlDocuments.parse(xml);
    Element root = document.getDocumentElement();
    if (!RSM.equals(root.getNamespaceURI()) || !ROOT.equals(root.getLocalName())) {
      throw malformed("the root is not rsm:" + ROOT);
    }
    Element signature = signature(document, root);
    XAdESVerificationResult result;
    try {
      result =
          verifier.verify(
              signature,
              new SignatureSpecificVerificationOptions()
                  .setDefaultVerificationDate(Date.from(clock.instant())));
    } catch (CertificateValidationException e) {
      throw SaphanException.business(
          ErrorCode.CERTIFICATE_UNTRUSTED,
          "the e-Receipt signer does not chain to a trusted CA: " + e.getMessage(),
          Map.of());
    } catch (XAdES4jException e) {
      throw SaphanException.business(
          ErrorCode.SIGNATURE_INVALID,
          "the e-Receipt signature does not verify: " + e.getMessage(),
          Map.of());
    }
    if (result.getSignatureForm().compareTo(XAdESForm.BES) < 0) {
      throw SaphanException.business(
          ErrorCode.SIGNATURE_INVALID, "the e-Receipt signature is not XAdES-BES", Map.of());
    }
    if (!RSA_SHA512.equals(result.getSignatureAlgorithmUri())) {
      throw SaphanException.business(
          ErrorCode.ALGORITHM_NOT_ALLOWED,
          "e-Receipts are signed RSA-SHA512, not " + result.getSignatureAlgorithmUri(),
          Map.of());
    }
    requireEnvelopedWholeDocument(result);
    return facts(root, result.getValidationCertificate());
  }

  /**
   * Reads the facts of a receipt that was verified when it arrived (for rendering a stored one); it
   * does not verify again, so call it only on what {@link #verify} accepted.
   */
  public static VerifiedReceipt readStored(byte[] xml) {
    Element root = XmlDocuments.parse(xml).getDocumentElement();
    return facts(root, null);
  }

  /** The one ds:Signature, which must be a child of the root (enveloped). */
  private static Element signature(Document document, Element root) {
    NodeList signatures = document.getElementsByTagNameNS(DS, "Signature");
    if (signatures.getLength() == 0) {
      throw SaphanException.business(
          ErrorCode.SIGNATURE_MISSING, "the e-Receipt is not signed", Map.of());
    }
    if (signatures.getLength() > 1 || signatures.item(0).getParentNode() != root) {
      throw SaphanException.business(
          ErrorCode.SIGNATURE_WRAPPING,
          "the e-Receipt must carry exactly one signature, enveloped in its root",
          Map.of());
    }
    return (Element) signatures.item(0);
  }

  /**
   * The signed data objects must be exactly the whole document ({@code URI=""}, enveloped-signature
   * transform), digested with SHA-512: a signature over anything less would let the rest change.
   */
  private static void requireEnvelopedWholeDocument(XAdESVerificationResult result) {
    List<String> problems = new ArrayList<>();
    boolean whole = false;
    for (RawDataObjectDesc object : result.getSignedDataObjects()) {
      Reference reference = object.getReference();
      if (!"".equals(reference.getURI())) {
        problems.add("a signed reference is not the whole document");
        continue;
      }
      try {
        Transforms transforms = reference.getTransforms();
        boolean enveloped = false;
        for (int i = 0; transforms != null && i < transforms.getLength(); i++) {
          enveloped |= Transforms.TRANSFORM_ENVELOPED_SIGNATURE.equals(transforms.item(i).getURI());
        }
        if (!enveloped) {
          problems.add("the whole-document reference lacks the enveloped-signature transform");
        }
        String digest = reference.getMessageDigestAlgorithm().getAlgorithmURI();
        if (!SHA512.equals(digest)) {
          problems.add("the whole-document reference is digested with " + digest);
        }
      } catch (org.apache.xml.security.exceptions.XMLSecurityException e) {
        problems.add("the whole-document reference is unreadable");
      }
      whole = true;
    }
    if (!whole) {
      problems.add("no reference covers the whole document");
    }
    if (!problems.isEmpty()) {
      throw SaphanException.business(
          ErrorCode.SIGNATURE_INVALID,
          "the e-Receipt is not signed the ETDA way: " + String.join("; ", problems),
          Map.of());
    }
  }

  private static VerifiedReceipt facts(Element root, X509Certificate signer) {
    Element exchanged = child(root, RSM, "ExchangedDocument");
    String typeCode = text(child(exchanged, RAM, "TypeCode"));
    if (!TYPE_CODE.equals(typeCode)) {
      throw malformed("the document type is " + typeCode + ", not " + TYPE_CODE + " (receipt)");
    }
    String documentId = text(child(exchanged, RAM, "ID"));
    String issuedAt = text(child(exchanged, RAM, "IssueDateTime"));
    String transactionId = null;
    for (Element note : children(exchanged, RAM, "IncludedNote")) {
      if ("transactionId".equals(text(first(note, RAM, "Subject")))) {
        transactionId = text(first(note, RAM, "Content"));
      }
    }
    Element trade = child(root, RSM, "SupplyChainTradeTransaction");
    Element agreement = child(trade, RAM, "ApplicableHeaderTradeAgreement");
    Element seller = child(agreement, RAM, "SellerTradeParty");
    Element buyer = child(agreement, RAM, "BuyerTradeParty");
    Element order = child(agreement, RAM, "BuyerOrderReferencedDocument");
    Element settlement = child(trade, RAM, "ApplicableHeaderTradeSettlement");
    String currency = text(child(settlement, RAM, "InvoiceCurrencyCode"));
    if (!"THB".equals(currency)) {
      throw malformed("the receipt's currency is " + currency + ", not THB");
    }
    Element summation = child(settlement, RAM, "SpecifiedTradeSettlementHeaderMonetarySummation");
    BigDecimal total;
    try {
      total = new BigDecimal(text(child(summation, RAM, "GrandTotalAmount")));
    } catch (NumberFormatException e) {
      throw malformed("GrandTotalAmount is not a number");
    }
    Element sellerTax = first(child(seller, RAM, "SpecifiedTaxRegistration"), RAM, "ID");
    return new VerifiedReceipt(
        documentId,
        issuedAt,
        text(child(order, RAM, "IssuerAssignedID")),
        transactionId,
        total,
        text(child(seller, RAM, "Name")),
        sellerTax == null ? null : text(sellerTax),
        text(first(buyer, RAM, "Name")),
        signer);
  }

  private static Element child(Element parent, String ns, String name) {
    Element found = first(parent, ns, name);
    if (found == null) {
      throw malformed("missing " + parent.getLocalName() + "/" + name);
    }
    return found;
  }

  private static Element first(Element parent, String ns, String name) {
    List<Element> all = children(parent, ns, name);
    return all.isEmpty() ? null : all.get(0);
  }

  private static List<Element> children(Element parent, String ns, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element element) {
    return element == null ? null : element.getTextContent().trim();
  }

  private static SaphanException malformed(String message) {
    return SaphanException.business(ErrorCode.RECEIPT_MALFORMED, message, Map.of());
  }
}
