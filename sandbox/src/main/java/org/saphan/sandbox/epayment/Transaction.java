package org.saphan.sandbox.epayment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A payment the gateway took.
 *
 * @param transactionId the gateway's id, e.g. {@code EP20261125000001}
 * @param bankRef the payer bank's reference
 * @param billerId 15-digit biller id
 * @param ref1 reference 1 (the hub's order reference)
 * @param ref2 reference 2 or null
 * @param amount the amount actually paid, baht with 2 decimals
 * @param payer who paid
 * @param paidAt when, Bangkok time
 */
public record Transaction(
    String transactionId,
    String bankRef,
    String billerId,
    String ref1,
    String ref2,
    BigDecimal amount,
    Payer payer,
    OffsetDateTime paidAt) {

  /** The amount as written on the wire: {@code 505.00}. */
  public String amountText() {
    return amount.setScale(2).toPlainString();
  }
}
