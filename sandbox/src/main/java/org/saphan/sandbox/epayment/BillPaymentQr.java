package org.saphan.sandbox.epayment;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A Thai QR bill payment (EMVCo tag 30, domestic AID {@value #AID}): what the citizen's bank app
 * reads from the hub's payment order.
 *
 * @param billerId 15 digits: the biller's 13-digit tax id and a 2-digit suffix
 * @param ref1 reference 1 (1 to 20 characters), the hub's order reference
 * @param ref2 reference 2 (1 to 20 characters) or null
 * @param amount the amount in baht (tag 54) or null for a static QR without one
 */
public record BillPaymentQr(String billerId, String ref1, String ref2, BigDecimal amount) {

  /** Application id of domestic bill payment in tag 30, sub-tag 00. */
  public static final String AID = "A000000677010112";

  /** ISO 4217 numeric code of the baht (tag 53). */
  public static final String THB_NUMERIC = "764";

  /** Country code (tag 58). */
  public static final String COUNTRY = "TH";

  /** Longest reference 1 or 2. */
  public static final int MAX_REF_LENGTH = 20;

  /**
   * The bill payment of a parsed payload.
   *
   * @throws QrException when the payload is not a domestic Thai bill payment the gateway accepts
   */
  public static BillPaymentQr of(EmvQr qr) {
    if (!"01".equals(qr.tag("00").orElse(null))) {
      throw new QrException("qr_payload_format", "tag 00 (payload format indicator) must be 01");
    }
    Map<String, String> bill = qr.template("30");
    if (bill.isEmpty()) {
      throw new QrException("qr_not_bill_payment", "the QR has no tag 30 (bill payment)");
    }
    if (!AID.equals(bill.get("00"))) {
      throw new QrException(
          "qr_aid_unsupported", "tag 30 sub-tag 00 must be the domestic bill payment AID " + AID);
    }
    String billerId = bill.get("01");
    if (!isBillerId(billerId)) {
      throw new QrException("qr_biller_id_invalid", "tag 30 sub-tag 01 must be 15 digits");
    }
    String ref1 = bill.get("02");
    if (!isReference(ref1)) {
      throw new QrException(
          "qr_ref1_invalid", "tag 30 sub-tag 02 (ref1) must be 1 to 20 characters");
    }
    String ref2 = bill.get("03");
    if (ref2 != null && !isReference(ref2)) {
      throw new QrException(
          "qr_ref2_invalid", "tag 30 sub-tag 03 (ref2) must be 1 to 20 characters");
    }
    if (!THB_NUMERIC.equals(qr.tag("53").orElse(null))) {
      throw new QrException("qr_currency_unsupported", "tag 53 (currency) must be 764 (THB)");
    }
    if (!COUNTRY.equals(qr.tag("58").orElse(null))) {
      throw new QrException("qr_country_unsupported", "tag 58 (country) must be TH");
    }
    BigDecimal amount = qr.tag("54").map(BillPaymentQr::amount).orElse(null);
    return new BillPaymentQr(billerId, ref1, ref2, amount);
  }

  /** Parses and checks a payload in one go. */
  public static BillPaymentQr parse(String payload) {
    return of(EmvQr.parse(payload));
  }

  /**
   * The payload of this bill payment: dynamic (point of initiation 12) with an amount, static (11)
   * without, CRC appended.
   */
  public String toPayload() {
    StringBuilder bill = new StringBuilder();
    bill.append(EmvQr.dataObject("00", AID))
        .append(EmvQr.dataObject("01", billerId))
        .append(EmvQr.dataObject("02", ref1));
    if (ref2 != null) {
      bill.append(EmvQr.dataObject("03", ref2));
    }
    StringBuilder payload = new StringBuilder();
    payload
        .append(EmvQr.dataObject("00", "01"))
        .append(EmvQr.dataObject("01", amount == null ? "11" : "12"))
        .append(EmvQr.dataObject("30", bill.toString()))
        .append(EmvQr.dataObject("53", THB_NUMERIC));
    if (amount != null) {
      payload.append(EmvQr.dataObject("54", amount.setScale(2).toPlainString()));
    }
    payload.append(EmvQr.dataObject("58", COUNTRY)).append(EmvQr.CRC_TAG).append("04");
    return payload + Crc16.hex(payload.toString());
  }

  /** The reference 2, if any. */
  public Optional<String> reference2() {
    return Optional.ofNullable(ref2);
  }

  static boolean isBillerId(String value) {
    return value != null && value.matches("[0-9]{15}");
  }

  static boolean isReference(String value) {
    return value != null
        && !value.isEmpty()
        && value.length() <= MAX_REF_LENGTH
        && value.chars().allMatch(c -> c > 0x20 && c < 0x7F);
  }

  private static BigDecimal amount(String value) {
    if (!value.matches("[0-9]{1,10}(\\.[0-9]{1,2})?")) {
      throw new QrException("qr_amount_invalid", "tag 54 (amount) must be a decimal number");
    }
    BigDecimal amount = new BigDecimal(value).setScale(2);
    if (amount.signum() <= 0) {
      throw new QrException("qr_amount_invalid", "tag 54 (amount) must be more than zero");
    }
    return amount;
  }
}
