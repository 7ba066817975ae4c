package org.saphan.hub.platform;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits writes whose loss in a crash is harmless without waiting for PostgreSQL to flush the WAL
 * ({@code SET LOCAL synchronous_commit = off}): bookkeeping that a crash would only make the hub
 * repeat (an outbox row published again and dropped by the broker's duplicate detection, a portal
 * event sent again and deduplicated by the portal, an attempt counted once less), or that a later
 * synchronous commit makes durable anyway (the WAL is flushed in order, so the audit rows written
 * before an application's transaction are on disk when its 202 is answered).
 *
 * <p>Inside a caller's JDBC transaction the work simply joins it: that transaction decides. Durable
 * facts (an accepted application, an agency's acknowledgement, consent records) never go through
 * here.
 */
public class AsyncCommit {

  private static final ThreadLocal<Boolean> DURABLE_COMMIT_FOLLOWS =
      ThreadLocal.withInitial(() -> false);

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public AsyncCommit(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Runs {@code work} in its own transaction committed asynchronously, or in the caller's. */
  public <T> T run(Supplier<T> work) {
    if (TransactionSynchronizationManager.hasResource(dataSource)) {
      return work.get();
    }
    return transactions.execute(
        tx -> {
          jdbc.sql("set local synchronous_commit = off").update();
          return work.get();
        });
  }

  /**
   * Runs {@code work} knowing that this thread commits a durable transaction after it (an
   * application's): writes inside it that go through {@link #runIfDurableCommitFollows} need not
   * wait for the disk, as that commit flushes them.
   */
  public <T> T followedByDurableCommit(Supplier<T> work) {
    boolean outer = DURABLE_COMMIT_FOLLOWS.get();
    DURABLE_COMMIT_FOLLOWS.set(true);
    try {
      return work.get();
    } finally {
      DURABLE_COMMIT_FOLLOWS.set(outer);
    }
  }

  /**
   * An audit write: committed asynchronously inside {@link #followedByDurableCommit}, durably
   * (plain auto-commit) anywhere else.
   */
  public void runIfDurableCommitFollows(Runnable work) {
    if (DURABLE_COMMIT_FOLLOWS.get()) {
      run(work);
    } else {
      work.run();
    }
  }

  /** {@link #run(Supplier)} for work without a result. */
  public void run(Runnable work) {
    run(
        () -> {
          work.run();
          return null;
        });
  }
}
