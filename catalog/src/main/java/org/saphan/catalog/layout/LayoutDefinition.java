package org.saphan.catalog.layout;

import java.nio.charset.Charset;
import java.util.List;

/**
 * A fixed-width file layout as {@code batch/layouts/*.yaml} defines it: record length, single-byte
 * encoding, year era, where the record-type code sits, and the record types. {@link LayoutReader}
 * builds it only from a layout without problems; the hub's codec reads and writes files with it.
 */
public record LayoutDefinition(
    String name,
    String description,
    int recordLength,
    Charset encoding,
    YearEra yearEra,
    int recordTypeStart,
    int recordTypeLength,
    List<RecordDefinition> records) {

  public LayoutDefinition {
    records = List.copyOf(records);
  }

  /** This layout with another year era, e.g. for a bank known to write Buddhist-era years. */
  public LayoutDefinition withYearEra(YearEra era) {
    return new LayoutDefinition(
        name, description, recordLength, encoding, era, recordTypeStart, recordTypeLength, records);
  }
}
