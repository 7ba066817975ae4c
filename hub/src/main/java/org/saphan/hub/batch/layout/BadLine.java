package org.saphan.hub.batch.layout;

/**
 * A line of a settlement file that did not become a good record, or a problem of the file as a
 * whole found at a line ({@link Problem#fileLevel()}). The reason is precise and carries no
 * personal data (the line's text is never included).
 *
 * @param recordType the record-type code read from the line, {@code "?"} when unreadable, {@code
 *     ""} for an empty line or an empty file
 */
public record BadLine(long lineNumber, String recordType, Problem problem, String reason)
    implements SettlementLine {

  /** What is wrong; line-level problems mean the line yielded no good record. */
  public enum Problem {
    /** The line is not exactly the record length in bytes. */
    BAD_LENGTH(false),
    /** A byte is not valid in the layout's encoding. */
    UNDECODABLE(false),
    /** The record-type code is not in the layout. */
    UNKNOWN_RECORD_TYPE(false),
    /** One or more fields do not parse (bad amount, date, missing required field...). */
    BAD_FIELD(false),
    /** A second header. */
    DUPLICATE_HEADER(false),
    /** A header after other records. */
    HEADER_NOT_FIRST(false),
    /** A second trailer. */
    DUPLICATE_TRAILER(false),
    /** A detail or header after the trailer. */
    RECORD_AFTER_TRAILER(false),
    /** File-level: no valid header before the first record (or the file is empty). */
    MISSING_HEADER(true),
    /** File-level: the file ends without a valid trailer. */
    MISSING_TRAILER(true),
    /** File-level: the trailer's counts, totals or account disagree with what was read. */
    TRAILER_MISMATCH(true);

    private final boolean fileLevel;

    Problem(boolean fileLevel) {
      this.fileLevel = fileLevel;
    }

    /**
     * True for a problem of the file as a whole, reported at the line where it was found; that line
     * may also be a good record (a well-formed trailer whose totals do not match) or a bad one.
     */
    public boolean fileLevel() {
      return fileLevel;
    }
  }
}
