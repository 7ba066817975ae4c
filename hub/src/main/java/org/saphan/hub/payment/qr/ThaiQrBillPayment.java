package org.saphan.hub.payment.qr;

import java.math.BigDecimal;
import java.util.Optional;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * A Thai QR bill payment (EMVCo merchant-presented QR, BOT tag 30), validated when built and
 * immutable: {@link #payload()} is the QR text, {@link #botBarcode()} the counter barcode.
 *
 * <p>Point of initiation follows the amount: a QR with an amount is dynamic ({@code 12}, one
 * payment order), one without is static ({@code 11}, the payer types the amount). References are
 * uppercase {@code A-Z0-9} because banks' apps and counter systems key on them that way; the
 * builder refuses rather than silently upper-casing, so what the ledger stores is what the bank
 * reports back.
 */
public final class ThaiQrBillPayment {

  /** Application id of domestic bill payment in tag 30, sub-tag 00. */
  public static final String BILL_PAYMENT_AID = "A000000677010112";

  /** Thai baht, ISO 4217 numeric (tag 53). */
  public static final String CURRENCY_THB = "764";

  /** Country code (tag 58). */
  public static final String COUNTRY_TH = "TH";

  /** The largest amount a bill-payment QR carries (BOT practice: 7 integer digits). */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999.99");

  static final String STATIC = "11";
  static final String DYNAMIC = "12";
  static final int REFERENCE_MAX = 20;
  static final int TERMINAL_LABEL_MAX = 25;

  private final String billerId;
  private final String ref1;
  private final String ref2;
  private final String ref3;
  private final BigDecimal amount;
  private final String payload;

  private ThaiQrBillPayment(Builder builder) {
    this.billerId = checkBillerId(builder.billerId);
    this.ref1 = checkReference("ref1", builder.ref1, REFERENCE_MAX, true);
    this.ref2 = checkReference("ref2", builder.ref2, REFERENCE_MAX, false);
    this.ref3 = checkReference("ref3 (terminal label)", builder.ref3, TERMINAL_LABEL_MAX, false);
    this.amount = builder.amount == null ? null : checkAmount(builder.amount);
    this.payload = render();
  }

  /** A builder; {@code billerId} and {@code ref1} are required, the rest optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** The 15-digit biller id: the agency's 13-digit tax id and a 2-digit suffix. */
  public String billerId() {
    return billerId;
  }

  /** Reference 1 (tag 30.02), the key the bank reports back in the settlement file. */
  public String ref1() {
    return ref1;
  }

  /** Reference 2 (tag 30.03), if any. */
  public Optional<String> ref2() {
    return Optional.ofNullable(ref2);
  }

  /** "Ref3": the terminal label (tag 62.07), if any. */
  public Optional<String> ref3() {
    return Optional.ofNullable(ref3);
  }

  /** The amount in baht with 2 decimals, if the QR carries one. */
  public Optional<BigDecimal> amount() {
    return Optional.ofNullable(amount);
  }

  /** True for a dynamic QR (point of initiation 12), which is exactly when it has an amount. */
  public boolean dynamic() {
    return amount != null;
  }

  /** The QR text, CRC included. */
  public String payload() {
    return payload;
  }

  /**
   * The BOT 1-D counter barcode text: {@code |billerId CR ref1 CR ref2 CR satang}, with an empty
   * ref2 when there is none and {@code 0} when there is no amount. It carries no checksum.
   */
  public String botBarcode() {
    String satang = amount == null ? "0" : amount.movePointRight(2).toBigIntegerExact().toString();
    return "|" + billerId + "\r" + ref1 + "\r" + (ref2 == null ? "" : ref2) + "\r" + satang;
  }

  private String render() {
    StringBuilder merchant = new StringBuilder();
    Tlv.append(merchant, "00", BILL_PAYMENT_AID);
    Tlv.append(merchant, "01", billerId);
    Tlv.append(merchant, "02", ref1);
    if (ref2 != null) {
      Tlv.append(merchant, "03", ref2);
    }
    StringBuilder out = new StringBuilder(128);
    Tlv.append(out, "00", "01");
    Tlv.append(out, "01", dynamic() ? DYNAMIC : STATIC);
    Tlv.append(out, "30", merchant.toString());
    Tlv.append(out, "53", CURRENCY_THB);
    if (amount != null) {
      Tlv.append(out, "54", amount.toPlainString());
    }
    Tlv.append(out, "58", COUNTRY_TH);
    if (ref3 != null) {
      Tlv.append(out, "62", Tlv.append(new StringBuilder(), "07", ref3).toString());
    }
    out.append("6304");
    return out.append(Crc16CcittFalse.hex(out.toString())).toString();
  }

  static String checkBillerId(String billerId) {
    if (billerId == null || billerId.isEmpty()) {
      throw SaphanException.validation(ErrorCode.BILLER_ID_INVALID, "biller id is required");
    }
    if (billerId.length() != 15) {
      throw SaphanException.validation(
          ErrorCode.BILLER_ID_INVALID,
          "biller id must be 15 digits (13-digit tax id + 2-digit suffix), got "
              + billerId.length()
              + " characters");
    }
    for (int i = 0; i < billerId.length(); i++) {
      char c = billerId.charAt(i);
      if (c < '0' || c > '9') {
        throw SaphanException.validation(
            ErrorCode.BILLER_ID_INVALID,
            "biller id must be 15 digits (13-digit tax id + 2-digit suffix), got a non-digit at"
                + " position "
                + (i + 1));
      }
    }
    int expected = taxIdCheckDigit(billerId);
    if (billerId.charAt(12) - '0' != expected) {
      throw SaphanException.validation(
          ErrorCode.BILLER_ID_INVALID,
          "biller id does not start with a valid tax id: its check digit (13th digit) should be "
              + expected);
    }
    return billerId;
  }

  /** Check digit of a Thai 13-digit tax id from its first 12 digits (weights 13..2, mod 11). */
  static int taxIdCheckDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (digits.charAt(i) - '0') * (13 - i);
    }
    return (11 - sum % 11) % 10;
  }

  private static String checkReference(String name, String value, int max, boolean required) {
    if (value == null) {
      if (required) {
        throw SaphanException.validation(
            ErrorCode.PAYMENT_REFERENCE_INVALID, name + " is required");
      }
      return null;
    }
    if (value.isEmpty() || value.length() > max) {
      throw SaphanException.validation(
          ErrorCode.PAYMENT_REFERENCE_INVALID,
          name + " must be 1 to " + max + " characters, got " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        // The character is shown only when printable ASCII: references can carry personal data.
        String shown = c >= 0x20 && c < 0x7F ? "'" + c + "'" : "a character";
        throw SaphanException.validation(
            ErrorCode.PAYMENT_REFERENCE_INVALID,
            name + " may contain only A-Z and 0-9, got " + shown + " at position " + (i + 1));
      }
    }
    return value;
  }

  private static BigDecimal checkAmount(BigDecimal amount) {
    if (amount.stripTrailingZeros().scale() > 2) {
      throw SaphanException.validation(
          ErrorCode.PAYMENT_AMOUNT_INVALID,
          "amount must have at most 2 decimals, got " + amount.toPlainString());
    }
    BigDecimal scaled = amount.setScale(2);
    if (scaled.signum() <= 0) {
      throw SaphanException.validation(
          ErrorCode.PAYMENT_AMOUNT_INVALID,
          "amount must be greater than 0, got " + scaled.toPlainString());
    }
    if (scaled.compareTo(MAX_AMOUNT) > 0) {
      throw SaphanException.validation(
          ErrorCode.PAYMENT_AMOUNT_INVALID,
          "amount must not exceed "
              + MAX_AMOUNT.toPlainString()
              + ", got "
              + scaled.toPlainString());
    }
    return scaled;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ThaiQrBillPayment that && payload.equals(that.payload);
  }

  @Override
  public int hashCode() {
    return payload.hashCode();
  }

  /** Biller, kind and CRC only: references can carry personal data and stay out of logs. */
  @Override
  public String toString() {
    return "ThaiQrBillPayment[billerId="
        + billerId
        + ", "
        + (dynamic() ? "dynamic" : "static")
        + ", crc="
        + payload.substring(payload.length() - 4)
        + "]";
  }

  /** Collects the fields; {@link #build()} validates them all. */
  public static final class Builder {
    private String billerId;
    private String ref1;
    private String ref2;
    private String ref3;
    private BigDecimal amount;

    private Builder() {}

    /** 15 digits: 13-digit tax id (check digit verified) + 2-digit suffix. */
    public Builder billerId(String billerId) {
      this.billerId = billerId;
      return this;
    }

    /** 1-20 characters, A-Z and 0-9. */
    public Builder ref1(String ref1) {
      this.ref1 = ref1;
      return this;
    }

    /** Optional (null for none); 1-20 characters, A-Z and 0-9. */
    public Builder ref2(String ref2) {
      this.ref2 = ref2;
      return this;
    }

    /** Optional (null for none) terminal label, tag 62.07; 1-25 characters, A-Z and 0-9. */
    public Builder ref3(String ref3) {
      this.ref3 = ref3;
      return this;
    }

    /** Optional (null for a static QR); baht, above 0, at most 9,999,999.99, 2 decimals. */
    public Builder amount(BigDecimal amount) {
      this.amount = amount;
      return this;
    }

    /** Validates and builds; refuses with a {@link SaphanException} naming the first bad field. */
    public ThaiQrBillPayment build() {
      return new ThaiQrBillPayment(this);
    }
  }
}
