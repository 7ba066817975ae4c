package org.saphan.hub.batch.reconciliation;

import org.saphan.hub.batch.layout.BadLine;

/**
 * A settlement line that did not become a good record, or a problem of the whole file: thrown by
 * the reader so that the load step skips it (up to the skip limit) and records it with its line
 * number. Never silently dropped.
 */
public class BadSettlementLineException extends RuntimeException {

  private final transient BadLine badLine;

  public BadSettlementLineException(BadLine badLine) {
    super("line " + badLine.lineNumber() + ": " + badLine.problem() + ": " + badLine.reason());
    this.badLine = badLine;
  }

  /** The bad line, with its number, problem and reason (no personal data). */
  public BadLine badLine() {
    return badLine;
  }
}
