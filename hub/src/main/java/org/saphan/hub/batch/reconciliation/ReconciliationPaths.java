package org.saphan.hub.batch.reconciliation;

import java.nio.file.Path;

/**
 * Where reconciliation keeps files: the inbox (each settlement file, named by its SHA-256, for the
 * life of its runs) and the reports.
 *
 * @param inbox {@code <data-dir>/reconciliation/inbox}
 * @param reports {@code <data-dir>/reports/reconciliation}
 */
public record ReconciliationPaths(Path inbox, Path reports) {

  /** The standard places under a data directory. */
  public static ReconciliationPaths under(Path dataDir) {
    return new ReconciliationPaths(
        dataDir.resolve("reconciliation").resolve("inbox"),
        dataDir.resolve("reports").resolve("reconciliation"));
  }
}
