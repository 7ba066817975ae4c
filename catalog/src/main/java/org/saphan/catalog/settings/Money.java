package org.saphan.catalog.settings;

import java.math.BigDecimal;

/**
 * An amount of money ({@code $defs/money}).
 *
 * @param amount the amount, exactly as written (two decimals at most)
 * @param currency the ISO 4217 currency code
 */
public record Money(BigDecimal amount, String currency) {}
