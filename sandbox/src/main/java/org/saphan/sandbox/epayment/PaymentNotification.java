package org.saphan.sandbox.epayment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body the gateway posts to the hub's {@code /payment/v1/notifications}; fields in contract
 * order, absent values written as {@code null}.
 *
 * @param notificationId unique per notification; a duplicate repeats it
 * @param transactionId the gateway's transaction id
 * @param billerId 15-digit biller id
 * @param ref1 reference 1
 * @param ref2 reference 2 or null
 * @param amount amount with 2 decimals, e.g. {@code 505.00}
 * @param currency always {@code THB}
 * @param status PAID, PENDING, FAILED or REFUNDED
 * @param eventAt when the status was reached (ISO-8601 with offset)
 * @param paidAt when it was paid, or null when not paid
 * @param payerBank BOT 3-digit code of the payer's bank
 * @param bankRef the payer bank's reference
 * @param receiptUrl where the e-Receipt is, or null when there is none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PaymentNotification(
    String notificationId,
    String transactionId,
    String billerId,
    String ref1,
    String ref2,
    String amount,
    String currency,
    String status,
    String eventAt,
    String paidAt,
    String payerBank,
    String bankRef,
    String receiptUrl) {}
