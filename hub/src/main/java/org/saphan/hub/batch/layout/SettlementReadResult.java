package org.saphan.hub.batch.layout;

import java.util.List;

/**
 * A whole settlement file read into memory by {@link SettlementFileReader#readAll}: the good
 * records, every bad line and file-level problem, and the number of lines.
 *
 * @param header the good header, or null
 * @param trailer the good trailer, or null
 */
public record SettlementReadResult(
    SettlementHeader header,
    List<SettlementDetail> details,
    SettlementTrailer trailer,
    List<BadLine> badLines,
    long lineCount) {

  public SettlementReadResult {
    details = List.copyOf(details);
    badLines = List.copyOf(badLines);
  }

  /** True when every line was good and the file's shape and totals agree. */
  public boolean clean() {
    return badLines.isEmpty();
  }
}
