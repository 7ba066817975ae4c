package org.saphan.sandbox.eservice;

import org.springframework.web.util.HtmlUtils;

/** The HTML the sandbox e-services show; Thai, like the agencies' own sites. */
final class EservicePages {

  private EservicePages() {}

  static final String E_LEARNING =
      """
      <!DOCTYPE html>
      <html lang="th">
      <head><meta charset="utf-8"><title>DLT e-Learning (sandbox)</title></head>
      <body>
        <h1>อบรมออนไลน์ ต่ออายุใบอนุญาตขับรถ</h1>
        <p>กรมการขนส่งทางบก (จำลอง) - DLT e-Learning for driving licence renewal (sandbox).</p>
        <p>บทเรียนนี้เป็นหน้าจำลองสำหรับทดสอบการเชื่อมโยงจาก Citizen Portal</p>
      </body>
      </html>
      """;

  static final String LED_BANKRUPTCY_CHECK =
      """
      <!DOCTYPE html>
      <html lang="th">
      <head><meta charset="utf-8"><title>LED bankruptcy check (sandbox)</title></head>
      <body>
        <h1>ตรวจสอบบุคคลล้มละลาย</h1>
        <p>กรมบังคับคดี (จำลอง) - Legal Execution Department bankruptcy status check (sandbox).</p>
        <form method="get"><label>เลขประจำตัวประชาชน <input name="citizenId"></label></form>
      </body>
      </html>
      """;

  static final String DOWN =
      """
      <!DOCTYPE html>
      <html lang="th">
      <head><meta charset="utf-8"><title>DLT e-Learning (sandbox)</title></head>
      <body><h1>ระบบปิดปรับปรุงชั่วคราว</h1><p>Service temporarily unavailable.</p></body>
      </html>
      """;

  static String loggedIn(String name) {
    return """
        <!DOCTYPE html>
        <html lang="th">
        <head><meta charset="utf-8"><title>DLT e-service (sandbox)</title></head>
        <body>
          <h1>ต่ออายุใบอนุญาตขับรถ</h1>
          <p>logged in as <strong>%s</strong></p>
        </body>
        </html>
        """
        .formatted(HtmlUtils.htmlEscape(name));
  }
}
