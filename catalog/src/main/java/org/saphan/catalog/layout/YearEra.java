package org.saphan.catalog.layout;

/**
 * The era a file writes its years in: Christian (CE) or Buddhist (BE = CE + 543). Which one a bank
 * uses is not public, so a layout declares it and the reader refuses implausible years.
 */
public enum YearEra {
  CE(0),
  BE(543);

  /** Earliest plausible Christian-era year in a settlement file. */
  static final int MIN_CE_YEAR = 1900;

  /** Latest plausible Christian-era year in a settlement file. */
  static final int MAX_CE_YEAR = 2199;

  private final int offset;

  YearEra(int offset) {
    this.offset = offset;
  }

  /** The Christian-era year of a year written in this era. */
  public int toCe(int year) {
    return year - offset;
  }

  /** True when a year written in this era maps into the plausible range. */
  public boolean plausible(int writtenYear) {
    int ce = toCe(writtenYear);
    return ce >= MIN_CE_YEAR && ce <= MAX_CE_YEAR;
  }

  /** The plausible range of written years, for messages: {@code 2443-2742} for BE. */
  public String plausibleRange() {
    return (MIN_CE_YEAR + offset) + "-" + (MAX_CE_YEAR + offset);
  }
}
