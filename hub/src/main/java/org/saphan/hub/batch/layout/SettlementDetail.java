package org.saphan.hub.batch.layout;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One payment (D record) of a bank bill-payment settlement file. Text fields are trimmed; a blank
 * optional text field is {@code ""}. {@link #customerName()} is personal data: {@link #toString()}
 * leaves it out.
 *
 * @param amount baht, scale 2
 */
public record SettlementDetail(
    long lineNumber,
    long seq,
    String bankCode,
    String companyAccount,
    LocalDate paymentDate,
    LocalTime time,
    String customerName,
    String ref1,
    String ref2,
    String ref3,
    String branch,
    String teller,
    Kind kind,
    String transactionCode,
    String chequeNo,
    BigDecimal amount,
    String chequeBankCode,
    String billerId,
    String payerBankCode,
    String newChequeNo)
    implements SettlementLine {

  /** Kind of transaction: {@code C} credit (a payment received), {@code D} debit. */
  public enum Kind {
    CREDIT,
    DEBIT;

    static Kind of(String code) {
      return switch (code) {
        case "C" -> CREDIT;
        case "D" -> DEBIT;
        default -> throw new IllegalArgumentException("kind " + code);
      };
    }
  }

  /** Every field but the payer's name (personal data) and the references (may identify one). */
  @Override
  public String toString() {
    return "SettlementDetail[line="
        + lineNumber
        + ", seq="
        + seq
        + ", bankCode="
        + bankCode
        + ", paymentDate="
        + paymentDate
        + ", time="
        + time
        + ", kind="
        + kind
        + ", amount="
        + amount
        + ", billerId="
        + billerId
        + "]";
  }
}
