package org.saphan.hub.payment.qr;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The fields of a Thai QR bill payment as read from a payload by {@link ThaiQrParser}: what the
 * payload says, checked for structure and CRC but not against the builder's business rules.
 *
 * @param pointOfInitiation tag 01: {@code 11} static, {@code 12} dynamic, null when absent
 * @param billerId tag 30.01 as written (digits; 15 by the standard, 13 in some old samples)
 * @param ref1 tag 30.02
 * @param ref2 tag 30.03, null when absent
 * @param ref3 tag 62.07 (terminal label), null when absent
 * @param amount tag 54 in baht, null when absent
 * @param crc tag 63, 4 hex digits as written
 * @param tags every top-level data object, id to raw value, in payload order
 */
public record ParsedThaiQr(
    String pointOfInitiation,
    String billerId,
    String ref1,
    String ref2,
    String ref3,
    BigDecimal amount,
    String crc,
    Map<String, String> tags) {

  public ParsedThaiQr {
    tags = Map.copyOf(tags);
  }

  /** True when the payload says it is dynamic (point of initiation 12). */
  public boolean dynamic() {
    return ThaiQrBillPayment.DYNAMIC.equals(pointOfInitiation);
  }

  /**
   * Re-validates the fields under the builder's rules (15-digit biller id with a valid tax id,
   * uppercase references, amount range) and returns the bill payment they describe. Its payload
   * equals the parsed one when the parsed QR followed those rules.
   */
  public ThaiQrBillPayment toBillPayment() {
    return ThaiQrBillPayment.builder()
        .billerId(billerId)
        .ref1(ref1)
        .ref2(ref2)
        .ref3(ref3)
        .amount(amount)
        .build();
  }

  /** Biller, kind and CRC only: references can carry personal data and stay out of logs. */
  @Override
  public String toString() {
    return "ParsedThaiQr[billerId="
        + billerId
        + ", pointOfInitiation="
        + pointOfInitiation
        + ", crc="
        + crc
        + "]";
  }
}
