package org.saphan.sandbox.epayment;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ETDA e-Tax XML Receipt (ขมธอ. 3-2560, TypeCode {@code T01}) for a paid transaction, before
 * signing. The element order follows ETDA's published samples.
 */
public final class ReceiptXml {

  /** Namespace of the document ({@code rsm}). */
  public static final String RSM = "urn:etda:uncefact:data:standard:Receipt_CrossIndustryInvoice:2";

  /** Namespace of the building blocks ({@code ram}). */
  public static final String RAM =
      "urn:etda:uncefact:data:standard:Receipt_ReusableAggregateBusinessInformationEntity:2";

  /** Root element name. */
  public static final String ROOT = "Receipt_CrossIndustryInvoice";

  /** ETDA document type of a receipt (ใบรับ / ใบเสร็จรับเงิน). */
  public static final String TYPE_CODE = "T01";

  /** Purpose code written on receipts ("other" among ETDA's receipt purpose codes). */
  public static final String PURPOSE_CODE = "RCTC99";

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private ReceiptXml() {}

  /** The receipt document number: {@code RCT} and the transaction id. */
  public static String receiptId(Transaction transaction) {
    return "RCT" + transaction.transactionId();
  }

  /** Builds the unsigned receipt; no whitespace between elements, so signing sees what is sent. */
  public static Document build(
      Transaction transaction, EpaymentProperties.Seller seller, LocalDateTime issuedAt) {
    Document doc = newDocument();
    Element root = doc.createElementNS(RSM, "rsm:" + ROOT);
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rsm", RSM);
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ram", RAM);
    doc.appendChild(root);
    String issued = DATE_TIME.format(issuedAt.truncatedTo(ChronoUnit.SECONDS));
    String paid =
        DATE_TIME.format(transaction.paidAt().toLocalDateTime().truncatedTo(ChronoUnit.SECONDS));
    BigDecimal amount = transaction.amount().setScale(2);
    String total = amount.toPlainString();
    String zero = BigDecimal.ZERO.setScale(2).toPlainString();

    Element context = rsm(root, "ExchangedDocumentContext");
    Element guideline = ram(context, "GuidelineSpecifiedDocumentContextParameter");
    Element guidelineId = ram(guideline, "ID", "ER3-2560");
    guidelineId.setAttribute("schemeAgencyID", "ETDA");
    guidelineId.setAttribute("schemeVersionID", "2.0");

    Element document = rsm(root, "ExchangedDocument");
    ram(document, "ID", receiptId(transaction));
    ram(document, "Name", "ใบเสร็จรับเงิน");
    ram(document, "TypeCode", TYPE_CODE);
    ram(document, "IssueDateTime", issued);
    ram(document, "PurposeCode", PURPOSE_CODE);
    ram(document, "CreationDateTime", issued);
    Element note = ram(document, "IncludedNote");
    ram(note, "Subject", "transactionId");
    ram(note, "Content", transaction.transactionId());

    Element trade = rsm(root, "SupplyChainTradeTransaction");
    Element agreement = ram(trade, "ApplicableHeaderTradeAgreement");
    Element sellerParty = ram(agreement, "SellerTradeParty");
    ram(sellerParty, "Name", seller.name());
    Element sellerTax = ram(ram(sellerParty, "SpecifiedTaxRegistration"), "ID", seller.txid());
    sellerTax.setAttribute("schemeID", "TXID");
    Element sellerAddress = ram(sellerParty, "PostalTradeAddress");
    ram(sellerAddress, "PostcodeCode", seller.postcode());
    ram(sellerAddress, "StreetName", seller.streetName());
    ram(sellerAddress, "CityName", seller.district());
    ram(sellerAddress, "CitySubDivisionName", seller.subdistrict());
    country(sellerAddress);
    ram(sellerAddress, "CountrySubDivisionID", seller.province());
    ram(sellerAddress, "BuildingNumber", seller.buildingNumber());

    Element buyer = ram(agreement, "BuyerTradeParty");
    ram(buyer, "Name", transaction.payer().nameTh());
    Element buyerId =
        ram(ram(buyer, "SpecifiedTaxRegistration"), "ID", transaction.payer().citizenId());
    buyerId.setAttribute("schemeID", "NIDN");
    country(ram(buyer, "PostalTradeAddress"));

    Element order = ram(agreement, "BuyerOrderReferencedDocument");
    ram(order, "IssuerAssignedID", transaction.ref1());
    ram(order, "IssueDateTime", paid);
    ram(order, "ReferenceTypeCode", "ON");

    Element settlement = ram(trade, "ApplicableHeaderTradeSettlement");
    ram(settlement, "InvoiceCurrencyCode", "THB").setAttribute("listID", "ISO 4217 3A");
    tax(settlement, total, zero);
    Element summation = ram(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");
    ram(summation, "LineTotalAmount", total);
    ram(summation, "TaxBasisTotalAmount", total);
    ram(summation, "TaxTotalAmount", zero);
    ram(summation, "GrandTotalAmount", total);

    Element line = ram(trade, "IncludedSupplyChainTradeLineItem");
    ram(ram(line, "AssociatedDocumentLineDocument"), "LineID", "1");
    Element product = ram(line, "SpecifiedTradeProduct");
    ram(product, "ID", transaction.ref1());
    ram(product, "Name", "ค่าธรรมเนียมบริการภาครัฐ");
    ram(
        ram(ram(line, "SpecifiedLineTradeAgreement"), "GrossPriceProductTradePrice"),
        "ChargeAmount",
        total);
    ram(ram(line, "SpecifiedLineTradeDelivery"), "BilledQuantity", "1")
        .setAttribute("unitCode", "C62");
    Element lineSettlement = ram(line, "SpecifiedLineTradeSettlement");
    tax(lineSettlement, total, zero);
    Element lineSummation = ram(lineSettlement, "SpecifiedTradeSettlementLineMonetarySummation");
    ram(lineSummation, "TaxTotalAmount", zero);
    ram(lineSummation, "NetLineTotalAmount", total).setAttribute("currencyID", "THB");
    ram(lineSummation, "NetIncludingTaxesLineTotalAmount", total).setAttribute("currencyID", "THB");
    return doc;
  }

  /** A government fee carries no VAT: VAT at rate 0 on the whole amount. */
  private static void tax(Element parent, String basis, String zero) {
    Element tax = ram(parent, "ApplicableTradeTax");
    ram(tax, "TypeCode", "VAT");
    ram(tax, "CalculatedRate", "0");
    ram(tax, "BasisAmount", basis);
    ram(tax, "CalculatedAmount", zero);
  }

  private static void country(Element address) {
    ram(address, "CountryID", "TH").setAttribute("schemeID", "3166-1 alpha-2");
  }

  private static Element rsm(Element parent, String name) {
    Element e = parent.getOwnerDocument().createElementNS(RSM, "rsm:" + name);
    parent.appendChild(e);
    return e;
  }

  private static Element ram(Element parent, String name) {
    Element e = parent.getOwnerDocument().createElementNS(RAM, "ram:" + name);
    parent.appendChild(e);
    return e;
  }

  private static Element ram(Element parent, String name, String text) {
    Element e = ram(parent, name);
    e.setTextContent(text);
    return e;
  }

  static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no XML parser", e);
    }
  }
}
