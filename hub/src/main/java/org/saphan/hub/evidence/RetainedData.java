package org.saphan.hub.evidence;

import java.time.Instant;

/**
 * Data above the message log that the evidence retention setting also limits (PDPA storage
 * limitation): purged by the {@code evidence-archive} job after the evidence of the same period, so
 * nothing goes while its evidence is still unarchived.
 */
public interface RetainedData {

  /** What is purged, for the log. */
  String name();

  /**
   * Removes what was last changed before {@code cutoff}; one transaction per batch.
   *
   * @return how many items (for instance applications) were removed
   */
  int purge(Instant cutoff);
}
