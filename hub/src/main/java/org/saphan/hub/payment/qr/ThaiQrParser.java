package org.saphan.hub.payment.qr;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Reads a Thai QR bill-payment payload (EMVCo TLV, tag 30): checks its structure and CRC, and
 * refuses with {@link ErrorCode#QR_PAYLOAD_INVALID} and a message that says what is wrong.
 *
 * <p>It reports the biller id as written, so old 13-character samples still parse; {@link
 * ParsedThaiQr#toBillPayment()} applies the strict rules. Payloads are limited to printable ASCII
 * (a bill-payment QR carries no alternate-language template) and 512 characters (EMVCo's maximum).
 */
public final class ThaiQrParser {

  /** EMVCo's maximum payload length. */
  public static final int MAX_PAYLOAD_LENGTH = 512;

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern HEX4 = Pattern.compile("[0-9A-Fa-f]{4}");
  private static final Pattern AMOUNT = Pattern.compile("[0-9]+(\\.[0-9]{1,2})?");

  private ThaiQrParser() {}

  /** Parses and checks a payload; never returns null. */
  public static ParsedThaiQr parse(String payload) {
    if (payload == null || payload.isEmpty()) {
      throw refuse("payload is empty");
    }
    if (payload.length() > MAX_PAYLOAD_LENGTH) {
      throw refuse("payload is longer than " + MAX_PAYLOAD_LENGTH + " characters");
    }
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw refuse("payload has a non-printable or non-ASCII character at index " + i);
      }
    }
    Map<String, String> tags = objects(payload, "");
    String first = tags.keySet().iterator().next();
    if (!first.equals("00")) {
      throw refuse("payload must start with tag 00 (payload format indicator)");
    }
    if (!tags.get("00").equals("01")) {
      throw refuse("payload format indicator (tag 00) must be 01, got " + tags.get("00"));
    }
    String crc = checkCrc(payload, tags);

    String pointOfInitiation = tags.get("01");
    if (pointOfInitiation != null
        && !pointOfInitiation.equals(ThaiQrBillPayment.STATIC)
        && !pointOfInitiation.equals(ThaiQrBillPayment.DYNAMIC)) {
      throw refuse("point of initiation (tag 01) must be 11 or 12, got " + pointOfInitiation);
    }
    String billPayment = tags.get("30");
    if (billPayment == null) {
      throw refuse(
          tags.containsKey("29")
              ? "not a bill payment: tag 30 is missing (tag 29, a PromptPay credit transfer, is"
                  + " present)"
              : "not a bill payment: tag 30 is missing");
    }
    Map<String, String> merchant = objects(billPayment, "tag 30: ");
    String aid = merchant.get("00");
    if (aid == null) {
      throw refuse("tag 30.00 (AID) is missing");
    }
    if (!aid.equals(ThaiQrBillPayment.BILL_PAYMENT_AID)) {
      throw refuse(
          "tag 30.00 (AID) must be " + ThaiQrBillPayment.BILL_PAYMENT_AID + ", got " + aid);
    }
    String billerId = merchant.get("01");
    if (billerId == null) {
      throw refuse("tag 30.01 (biller id) is missing");
    }
    if (!DIGITS.matcher(billerId).matches()) {
      throw refuse("tag 30.01 (biller id) must be digits");
    }
    String ref1 = merchant.get("02");
    if (ref1 == null) {
      throw refuse("tag 30.02 (ref1) is missing");
    }
    String ref2 = merchant.get("03");

    String currency = tags.get("53");
    if (currency == null) {
      throw refuse("currency (tag 53) is missing");
    }
    if (!currency.equals(ThaiQrBillPayment.CURRENCY_THB)) {
      throw refuse("currency (tag 53) must be 764 (THB), got " + currency);
    }
    BigDecimal amount = null;
    String rawAmount = tags.get("54");
    if (rawAmount != null) {
      if (!AMOUNT.matcher(rawAmount).matches()) {
        throw refuse("amount (tag 54) must be digits with up to 2 decimals, got " + rawAmount);
      }
      amount = new BigDecimal(rawAmount);
    }
    String country = tags.get("58");
    if (country == null) {
      throw refuse("country (tag 58) is missing");
    }
    if (!country.equals(ThaiQrBillPayment.COUNTRY_TH)) {
      throw refuse("country (tag 58) must be TH, got " + country);
    }
    String ref3 = null;
    String additional = tags.get("62");
    if (additional != null) {
      ref3 = objects(additional, "tag 62: ").get("07");
    }
    return new ParsedThaiQr(pointOfInitiation, billerId, ref1, ref2, ref3, amount, crc, tags);
  }

  private static String checkCrc(String payload, Map<String, String> tags) {
    String crc = tags.get("63");
    if (crc == null) {
      throw refuse("CRC (tag 63) is missing");
    }
    String last = null;
    for (String id : tags.keySet()) {
      last = id;
    }
    if (!"63".equals(last)) {
      throw refuse("CRC (tag 63) must be the last data object");
    }
    if (!HEX4.matcher(crc).matches()) {
      throw refuse("CRC (tag 63) must be 4 hex digits, got " + crc.length() + " characters");
    }
    String computed = Crc16CcittFalse.hex(payload.substring(0, payload.length() - 4));
    if (!computed.equalsIgnoreCase(crc)) {
      throw refuse("CRC mismatch: payload says " + crc + ", computed " + computed);
    }
    return crc;
  }

  /** Splits a TLV string into id to value, in order; refuses truncation and repeated ids. */
  private static Map<String, String> objects(String text, String context) {
    Map<String, String> objects = new LinkedHashMap<>();
    int i = 0;
    while (i < text.length()) {
      if (text.length() - i < 4) {
        throw refuse(
            context
                + "truncated data object at index "
                + i
                + ": need a 2-digit id and a 2-digit length");
      }
      String id = text.substring(i, i + 2);
      if (!isTwoDigits(id)) {
        throw refuse(context + "data object id at index " + i + " must be 2 digits");
      }
      String lengthText = text.substring(i + 2, i + 4);
      if (!isTwoDigits(lengthText)) {
        throw refuse(context + "length of tag " + id + " at index " + i + " must be 2 digits");
      }
      int length = Integer.parseInt(lengthText);
      int start = i + 4;
      if (start + length > text.length()) {
        throw refuse(
            String.format(
                Locale.ROOT,
                "%stag %s at index %d declares length %d but only %d characters remain",
                context,
                id,
                i,
                length,
                text.length() - start));
      }
      if (objects.putIfAbsent(id, text.substring(start, start + length)) != null) {
        throw refuse(context + "tag " + id + " appears more than once");
      }
      i = start + length;
    }
    if (objects.isEmpty()) {
      throw refuse(context + "no data objects");
    }
    return objects;
  }

  private static boolean isTwoDigits(String s) {
    return s.charAt(0) >= '0' && s.charAt(0) <= '9' && s.charAt(1) >= '0' && s.charAt(1) <= '9';
  }

  private static SaphanException refuse(String detail) {
    return SaphanException.validation(ErrorCode.QR_PAYLOAD_INVALID, detail);
  }
}
