package org.saphan.catalog.settings;

/**
 * The card's {@code payment} block: the fee collected through e-Payment.
 *
 * @param defaultFee the fee when the agency does not state one
 * @param billerId the 15-digit biller id of the agency's account
 */
public record PaymentSettings(Money defaultFee, String billerId) {}
