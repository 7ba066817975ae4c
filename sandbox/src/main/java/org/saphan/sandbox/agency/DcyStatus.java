package org.saphan.sandbox.agency;

import java.util.Arrays;
import java.util.Optional;

/** DCY application status codes, as sent in status callbacks. */
public enum DcyStatus {
  RECEIVED("10", "รับคำขอแล้ว"),
  IN_REVIEW("20", "อยู่ระหว่างพิจารณา"),
  CORRECTION_REQUESTED("30", "ขอให้แก้ไขหรือส่งเอกสารเพิ่มเติม"),
  APPROVED("40", "อนุมัติ"),
  REJECTED("50", "ไม่อนุมัติ"),
  COMPLETED("60", "ดำเนินการเสร็จสิ้น");

  private final String code;
  private final String description;

  DcyStatus(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The two-digit wire code. */
  public String code() {
    return code;
  }

  /** DCY's Thai description ({@code statusDesc}). */
  public String description() {
    return description;
  }

  public static Optional<DcyStatus> byCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }
}
