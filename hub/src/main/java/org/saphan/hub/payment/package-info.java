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
 * <h2>Forwarding a paid order: outbox kind {@code payment}</h2>
 *
 * In the transaction that marks an order paid, {@link org.saphan.hub.payment.PaymentNotifications}
 * records {@code paid} on the application's timeline (so the portal is told) and enqueues one
 * outbox row on the connector's own queue ({@code saphan.deliver.<connector>} for model 3, {@code
 * saphan.backoffice.<connector>} for model 4) with {@code kind = "payment"} and {@code message_id =
 * payment_order.message_id} (stable for the order: the agency deduplicates on it). Model 3: the
 * delivery route maps the canonical payment notice with the card's {@code api.mappings.payment},
 * signs it and sends it to {@code api.paymentEndpoint} (REST) or {@code api.endpoint} (SOAP), with
 * the retries, circuit, pause switch and dead letters of deliveries. Model 4: the back-office route
 * settles the case's fee step ({@code CaseFees.onApplicationPaid}).
 */
package org.saphan.hub.payment;
