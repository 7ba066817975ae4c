package org.saphan.hub.batch.layout;

/**
 * What {@link SettlementFileReader} yields for a bank settlement file: a good record or a bad line,
 * each with its 1-based line number.
 */
public sealed interface SettlementLine
    permits SettlementHeader, SettlementDetail, SettlementTrailer, BadLine {

  /** 1-based line number in the file (0 for a problem of an empty file). */
  long lineNumber();
}
