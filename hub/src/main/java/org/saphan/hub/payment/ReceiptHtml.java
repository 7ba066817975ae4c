package org.saphan.hub.payment;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * A human-readable rendering of a verified e-Receipt, Thai and English labels, for the citizen's
 * browser. The signed XML stays the legal document; this page says so.
 */
public final class ReceiptHtml {

  private ReceiptHtml() {}

  /** The page of a verified receipt of an order. */
  public static String render(PaymentOrder order, PaymentReceipts.Stored stored) {
    VerifiedReceipt r = ReceiptVerifier.readStored(stored.xml());
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"UTF-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>ใบเสร็จรับเงิน / Receipt ")
        .append(escape(r.documentId()))
        .append("</title><style>")
        .append("body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}")
        .append("table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4em;")
        .append("border-bottom:1px solid #ddd}th{width:40%}.total td{font-weight:bold}")
        .append(".ok{color:#176117}</style></head><body>")
        .append("<h1>ใบเสร็จรับเงิน <small>/ Receipt</small></h1><table>");
    row(html, "เลขที่ใบเสร็จ", "Receipt no.", r.documentId());
    row(html, "วันที่ออก", "Issued", r.issuedAt());
    row(html, "ผู้รับเงิน", "Received by", r.sellerName());
    row(html, "เลขประจำตัวผู้เสียภาษี", "Tax ID", r.sellerTaxId());
    row(html, "ผู้ชำระเงิน", "Paid by", r.buyerName());
    row(html, "เลขที่คำขอ", "Application", order.applicationId());
    row(html, "เลขอ้างอิงการชำระ (Ref. 1)", "Payment reference (Ref. 1)", r.orderReference());
    row(html, "รหัสรายการ", "Transaction", r.transactionId());
    html.append(
            "<tr class=\"total\"><th>จำนวนเงินรวมทั้งสิ้น<br><small>Grand total</small></th><td>")
        .append(escape(baht(r.grandTotal())))
        .append(" บาท (THB)</td></tr></table>")
        .append("<p class=\"ok\">✔ ลายมือชื่ออิเล็กทรอนิกส์ตรวจสอบแล้ว (XAdES-BES, RSA-SHA512)")
        .append(" / Electronic signature verified</p><p><small>ผู้ลงนาม / Signed by: ")
        .append(escape(stored.signerSubject()))
        .append("<br>SHA-256: ")
        .append(escape(stored.sha256()))
        .append("<br>เอกสารฉบับนี้แสดงจากใบเสร็จอิเล็กทรอนิกส์ (XML) ซึ่งเป็นต้นฉบับ")
        .append(" / This page renders the signed electronic receipt (XML), which is the original.")
        .append("</small></p></body></html>\n");
    return html.toString();
  }

  private static void row(StringBuilder html, String th, String en, String value) {
    html.append("<tr><th>")
        .append(th)
        .append("<br><small>")
        .append(en)
        .append("</small></th><td>")
        .append(escape(value == null ? "-" : value))
        .append("</td></tr>");
  }

  private static String baht(BigDecimal amount) {
    NumberFormat format = NumberFormat.getNumberInstance(Locale.ROOT);
    format.setMinimumFractionDigits(2);
    format.setMaximumFractionDigits(2);
    format.setGroupingUsed(true);
    return format.format(amount);
  }

  /** HTML-escapes text (receipt fields are data from another party). */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
