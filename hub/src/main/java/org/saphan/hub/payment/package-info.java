/**
 * e-Payment: payment orders (Thai QR bill payment, BOT counter barcode, expiry), the gateway's
 * signed notifications, and the e-Receipts the central e-Payment component issues.
 *
 * <h2>Payment order state machine</h2>
 *
 * {@code created → pending → paid | expired | failed}, then {@code paid → refunded}; a PAID for an
 * expired or failed order is applied (the payer's bank took the money). {@code finished} is true
 * once no payment is awaited. See {@link org.saphan.hub.payment.PaymentStatus}.
 *
 * <h2>Forwarding a paid order to the agency (model 3): outbox kind {@code payment}</h2>
 *
 * In the transaction that marks an order paid, {@link org.saphan.hub.payment.PaymentNotifications}
 * records {@code paid} on the application's timeline (so the portal is told) and, for a model-3
 * application, enqueues one outbox row:
 *
 * <pre>
 * application_id = the application id
 * connector      = the application's connector
 * destination    = "saphan.payment." + connector   (NOT the delivery queue saphan.deliver.*:
 *                                                    today's delivery step would re-send the
 *                                                    application itself)
 * message_id     = payment_order.message_id (a UUID, stable for the order: the agency dedupes on it)
 * kind           = "payment"
 * </pre>
 *
 * The relay publishes {@code {"applicationId","messageId","connector","kind":"payment"}}. The
 * consumer loads the order with {@code select * from payment_order where message_id = ?} and sends
 * the agency (mapped, signed like any delivery) the canonical payment notice: {@code
 * {applicationId, agencyReference, paymentId, billerId, ref1, ref2, amount "505.00", currency
 * "THB", paidAt, transactionId, bankRef, payerBank, receiptUrl "/api/v1/payments/{id}/receipt"}}.
 * Model 4 needs nothing more: the back office reads {@code paid} on the timeline.
 */
package org.saphan.hub.payment;
