package org.saphan.hub.batch.layout;

import java.math.BigDecimal;

/** The trailer record (T) of a bank bill-payment settlement file: the totals of its details. */
public record SettlementTrailer(
    long lineNumber,
    long seq,
    String bankCode,
    String companyAccount,
    BigDecimal totalDebitAmount,
    long debitCount,
    BigDecimal totalCreditAmount,
    long creditCount)
    implements SettlementLine {}
