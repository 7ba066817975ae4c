package org.saphan.hub.batch.layout;

import java.time.LocalDate;

/** The header record (H) of a bank bill-payment settlement file. */
public record SettlementHeader(
    long lineNumber,
    long seq,
    String bankCode,
    String companyAccount,
    String companyName,
    LocalDate effectiveDate,
    String serviceCode)
    implements SettlementLine {}
