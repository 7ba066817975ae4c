package org.saphan.hub.applications;

import java.time.Instant;
import java.util.List;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.StatusTransitions;
import org.saphan.hub.evidence.RetainedData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PDPA storage limitation of applications ({@code saphan.evidence.retention}): a closed application
 * (completed, rejected, cancelled) last changed before the cut-off, whose evidence has already left
 * PostgreSQL (archived, then past retention), is removed with its timeline, outbox and idempotency
 * rows, delivery attempts, dead letters and portal webhooks (with their attempts). Kept: the
 * payment ledger (accounting), back-office cases and licences (model 4: a licence outlives its
 * application), and an application with anything still open (a dead letter, an unpublished outbox
 * row, a pending webhook).
 */
public class ApplicationRetention implements RetainedData {

  /** Applications per transaction. */
  private static final int BATCH = 500;

  private static final List<String> CLOSED =
      StatusTransitions.TERMINAL.stream().map(CanonicalStatus::wire).sorted().toList();

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public ApplicationRetention(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public String name() {
    return "closed applications";
  }

  @Override
  public int purge(Instant cutoff) {
    int removed = 0;
    while (true) {
      Integer batch = transactions.execute(status -> purgeBatch(cutoff));
      if (batch == null || batch == 0) {
        return removed;
      }
      removed += batch;
    }
  }

  private int purgeBatch(Instant cutoff) {
    List<String> ids =
        jdbc.sql(
                "select a.id from application a where a.status in (:closed)"
                    + " and a.updated_at < :cutoff"
                    + " and not exists (select 1 from evidence e where e.application_id = a.id)"
                    + " and not exists (select 1 from bo_case c where c.application_id = a.id)"
                    + " and not exists (select 1 from dead_letter d where d.application_id = a.id"
                    + " and d.state in ('open', 'replaying'))"
                    + " and not exists (select 1 from outbox o where o.application_id = a.id"
                    + " and o.published_at is null)"
                    + " and not exists (select 1 from portal_event p where p.application_id = a.id"
                    + " and p.state = 'pending')"
                    + " order by a.updated_at limit :batch for update skip locked")
            .param("closed", CLOSED)
            .param("cutoff", java.sql.Timestamp.from(cutoff))
            .param("batch", BATCH)
            .query(String.class)
            .list();
    if (ids.isEmpty()) {
      return 0;
    }
    jdbc.sql(
            "delete from portal_event_attempt where event_id in"
                + " (select event_id from portal_event where application_id in (:ids))")
        .param("ids", ids)
        .update();
    for (String table :
        List.of(
            "portal_event",
            "timeline_entry",
            "outbox",
            "idempotency_key",
            "delivery_attempt",
            "dead_letter")) {
      jdbc.sql("delete from " + table + " where application_id in (:ids)")
          .param("ids", ids)
          .update();
    }
    return jdbc.sql("delete from application where id in (:ids)").param("ids", ids).update();
  }
}
