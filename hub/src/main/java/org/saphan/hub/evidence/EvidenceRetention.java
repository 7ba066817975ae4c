package org.saphan.hub.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention of the message log ({@code saphan.evidence.retention}): evidence rows and their
 * manifests leave PostgreSQL once their manifest is archived and was created before the retention
 * period; then the {@link RetainedData} above the log purge what is as old. The newest manifest
 * always stays: the next manifest names its hash as {@code previous}. Archives' rows ({@code
 * evidence_archive}) stay: the next archive names the last one's digest. When archives go to an
 * SFTP store, a manifest leaves only once its archive is uploaded there.
 */
public class EvidenceRetention {

  /** What one run removed. */
  public record Purged(int manifests, int records, java.util.Map<String, Integer> above) {}

  private static final Logger log = LoggerFactory.getLogger(EvidenceRetention.class);

  /** Manifests per transaction (each with its records: at most the timestamper's batch size). */
  private static final int BATCH = 100;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Duration retention;
  private final List<RetainedData> above;
  private final boolean uploadedOnly;
  private final Clock clock;

  /**
   * @param uploadedOnly whether archives are uploaded to a store ({@code
   *     saphan.evidence.archive.sftp.enabled}): then only what an uploaded archive holds goes
   */
  public EvidenceRetention(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Duration retention,
      List<RetainedData> above,
      boolean uploadedOnly,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.retention = retention;
    this.above = List.copyOf(above);
    this.uploadedOnly = uploadedOnly;
    this.clock = clock;
  }

  /** The cut-off of a run now: what was last changed before it goes. */
  public Instant cutoff() {
    return clock.instant().minus(retention);
  }

  /** One retention run. */
  public Purged purge() {
    Instant cutoff = cutoff();
    int manifests = 0;
    int records = 0;
    while (true) {
      int[] batch = transactions.execute(status -> purgeBatch(cutoff));
      if (batch == null || batch[0] == 0) {
        break;
      }
      manifests += batch[0];
      records += batch[1];
    }
    java.util.Map<String, Integer> purgedAbove = new java.util.LinkedHashMap<>();
    for (RetainedData data : above) {
      purgedAbove.put(data.name(), data.purge(cutoff));
    }
    if (manifests > 0 || purgedAbove.values().stream().anyMatch(n -> n > 0)) {
      log.info(
          "Retention before {}: {} manifests and {} evidence records removed, {}",
          cutoff,
          manifests,
          records,
          purgedAbove);
    }
    return new Purged(manifests, records, purgedAbove);
  }

  private int[] purgeBatch(Instant cutoff) {
    List<Long> ids =
        jdbc.sql(
                "select id from evidence_manifest where archive_id is not null and created_at < ?"
                    + (uploadedOnly
                        ? " and archive_id in (select id from evidence_archive"
                            + " where uploaded_at is not null)"
                        : "")
                    + " and id < (select max(id) from evidence_manifest) order by id limit ?"
                    + " for update")
            .params(java.sql.Timestamp.from(cutoff), BATCH)
            .query(Long.class)
            .list();
    if (ids.isEmpty()) {
      return new int[] {0, 0};
    }
    int records =
        jdbc.sql("delete from evidence where manifest_id in (:ids)").param("ids", ids).update();
    int manifests =
        jdbc.sql("delete from evidence_manifest where id in (:ids)").param("ids", ids).update();
    return new int[] {manifests, records};
  }
}
