package org.saphan.hub.backoffice;

import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.catalog.common.Zones;
import org.saphan.hub.backoffice.Licences.Licence;

/** The printable rendering of a licence (HTML), carrying its verification URL. */
public class LicenceHtml {

  private final Licences licences;
  private final Catalog catalog;

  public LicenceHtml(Licences licences, Catalog catalog) {
    this.licences = licences;
    this.catalog = catalog;
  }

  public String html(Licence licence) {
    ConnectorCard card = catalog.find(licence.connector()).orElse(null);
    String agencyName =
        card == null
            ? licence.agency()
            : card.agencyNameTh() + card.agencyNameEn().map(en -> " / " + en).orElse("");
    String verify = String.valueOf(licences.urls(licence.id()).get("verifyUrl"));
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(licence.titleTh()))
        .append(" ")
        .append(escape(licence.id()))
        .append("</title>\n<style>")
        .append("body{font-family:'Sarabun','TH Sarabun New',sans-serif;margin:2cm;}")
        .append(".licence{border:3px double #333;padding:1.5cm;}")
        .append("h1{text-align:center;margin:0 0 .2em}h2{text-align:center;font-weight:normal;")
        .append("margin:0 0 1em}dt{font-weight:bold;margin-top:.6em}")
        .append(".verify{margin-top:1.5em;font-size:.9em;word-break:break-all}")
        .append("@media print{.noprint{display:none}}")
        .append("</style>\n</head>\n<body>\n<div class=\"licence\">\n")
        .append("<h1>")
        .append(escape(licence.titleTh()))
        .append("</h1>\n");
    if (licence.titleEn() != null) {
      html.append("<h2>").append(escape(licence.titleEn())).append("</h2>\n");
    }
    html.append("<dl>\n");
    row(html, "เลขที่ / Licence no.", licence.id());
    row(html, "ผู้ได้รับ / Holder", licence.holderName());
    row(html, "เลขประจำตัวประชาชน / Citizen ID", ThaiCitizenId.mask(licence.holderCitizenId()));
    row(html, "หน่วยงานผู้ออก / Issued by", agencyName);
    row(
        html,
        "วันที่ออก / Issued",
        licence.issuedAt().atZone(Zones.BANGKOK).toLocalDate().toString());
    row(
        html,
        "วันหมดอายุ / Expires",
        licence.expiresAt() == null
            ? "ไม่มีกำหนด / none"
            : licence.expiresAt().atZone(Zones.BANGKOK).toLocalDate().toString());
    row(
        html,
        "สถานะ / Status",
        "revoked".equals(licence.status()) ? "เพิกถอน / revoked" : "ใช้ได้ / active");
    html.append("</dl>\n<p class=\"verify\">ตรวจสอบความถูกต้องได้ที่ / Verify at: <a href=\"")
        .append(escape(verify))
        .append("\">")
        .append(escape(verify))
        .append("</a></p>\n<details class=\"noprint\"><summary>Signed credential (JWS)</summary>")
        .append("<pre style=\"white-space:pre-wrap;word-break:break-all\">")
        .append(escape(licence.credential()))
        .append("</pre></details>\n</div>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void row(StringBuilder html, String label, String value) {
    html.append("<dt>")
        .append(escape(label))
        .append("</dt><dd>")
        .append(escape(value == null ? "" : value))
        .append("</dd>\n");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
