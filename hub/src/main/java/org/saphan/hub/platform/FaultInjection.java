package org.saphan.hub.platform;

/**
 * Where a crash or failure can be injected, for recovery tests only. Production wires {@link
 * #NONE}, which does nothing; only test code supplies an implementation that fails or halts the
 * process at a point (no deployment property turns one on).
 */
public interface FaultInjection {

  /** The points production code announces. */
  enum Point {
    /** Delivery: the agency answered; nothing of the answer is recorded yet. */
    DELIVERY_AFTER_SEND,
    /** Delivery: the acknowledgement is written, the statuses not yet (same transaction). */
    DELIVERY_BETWEEN_ACK_AND_STATUS,
    /** Payment reconciliation's load step; progress is the count of detail lines staged. */
    RECONCILIATION_LOAD,
    /** Payment reconciliation's match step, after classification, before it commits. */
    RECONCILIATION_MATCH,
    /** Batch export: the file stored and its rows written, before their transaction commits. */
    BATCH_EXPORT_RECORD,
    /** Batch export upload; progress is the count of artefacts uploaded (data file first). */
    BATCH_EXPORT_UPLOAD,
    /** Result import: a chunk of lines and their statuses written, before its commit. */
    BATCH_IMPORT_APPLY
  }

  /** Production's: no fault anywhere. */
  FaultInjection NONE = (point, progress) -> {};

  /**
   * Announces that execution reached {@code point}; a test implementation may throw or halt here.
   *
   * @param progress what the point counts (lines staged, acknowledgements seen), or 0
   */
  void reached(Point point, long progress);
}
