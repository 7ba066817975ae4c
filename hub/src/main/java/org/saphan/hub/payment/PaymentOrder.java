package org.saphan.hub.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment order: what one application owes, as a Thai QR bill payment the citizen pays and the
 * bank later settles.
 *
 * @param id the public id, {@code PAY-yyyyMMdd-XXXXXXXX}
 * @param applicationId the application the fee is for
 * @param connector the application's connector card
 * @param model 3 or 4
 * @param agency the agency code
 * @param citizenId the applicant (personal data: never logged)
 * @param billerId the agency's 15-digit biller id (the card's {@code payment.billerId})
 * @param ref1 the order reference, uppercase A-Z0-9, at most 20 characters, unique
 * @param ref2 the application id's short form, or null
 * @param amount baht, scale 2
 * @param amountSource agency, officer or card_default
 * @param status the state machine's state
 * @param qrPayload the EMVCo QR text
 * @param botBarcode the BOT counter barcode text
 * @param messageId the id of the paid-order message forwarded to the agency (model 3)
 * @param lastEventAt when the last applied gateway event happened at the gateway
 * @param transactionId the gateway's transaction, once reported
 * @param bankRef the payer bank's reference, once reported
 * @param payerBank the payer bank's 3-digit code, once reported
 * @param receiptUrl where the gateway serves the e-Receipt, once reported
 */
public record PaymentOrder(
    String id,
    String applicationId,
    String connector,
    int model,
    String agency,
    String citizenId,
    String billerId,
    String ref1,
    String ref2,
    BigDecimal amount,
    String currency,
    String amountSource,
    PaymentStatus status,
    String qrPayload,
    String botBarcode,
    UUID messageId,
    Instant createdAt,
    Instant expiresAt,
    Instant updatedAt,
    Instant lastEventAt,
    Instant paidAt,
    String transactionId,
    String bankRef,
    String payerBank,
    String receiptUrl) {

  /** Whether the order no longer waits for a payment. */
  public boolean finished() {
    return status.finished();
  }

  /** Ids and status only: references and the citizen id stay out of logs. */
  @Override
  public String toString() {
    return "PaymentOrder[" + id + ", application=" + applicationId + ", status=" + status + "]";
  }
}
