package org.saphan.hub.batch.reconciliation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.FaultInjection;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The load step's writer: streams each block of good detail lines (already encoded by {@link
 * StagingRows}) into {@code settlement_staging} with PostgreSQL {@code COPY ... FROM STDIN (FORMAT
 * binary)} (CopyManager), on the chunk transaction's connection, so a block is staged and committed
 * with the step's bookkeeping, or not at all. Payer names are written as read (UTF-8 in the
 * database) and never logged.
 *
 * <p>The chunk transactions commit without waiting for their WAL to be flushed ({@code
 * synchronous_commit = off}, for these transactions only): a crash may lose the last commits, and
 * with them the step's own record of them, never one without the other; the run is then restarted
 * and its load deletes what it staged and reads the file again from line 1.
 */
public class StagingCopyWriter implements ItemWriter<StagingBlock> {

  static final String COPY =
      "COPY settlement_staging (" + StagingRows.COLUMNS + ") FROM STDIN WITH (FORMAT binary)";

  private final DataSource dataSource;
  private final FaultInjection faults;
  private final Set<String> billers = new TreeSet<>();
  private long staged;

  public StagingCopyWriter(DataSource dataSource, FaultInjection faults) {
    this.dataSource = dataSource;
    this.faults = faults;
  }

  @Override
  public void write(Chunk<? extends StagingBlock> chunk) {
    for (StagingBlock block : chunk) {
      copy(block);
    }
  }

  /** COPYs one block of lines on the transaction's connection. */
  public void copy(StagingBlock block) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      if (!connection.getAutoCommit()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("set local synchronous_commit = off");
        }
      }
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
      try {
        copy.writeToCopy(StagingRows.HEADER, 0, StagingRows.HEADER.length);
        copy.writeToCopy(block.rows(), 0, block.length());
        copy.writeToCopy(StagingRows.TRAILER, 0, StagingRows.TRAILER.length);
        copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    } catch (SQLException e) {
      throw SaphanException.wrap(
          ErrorCode.RECONCILIATION_FAILED, "COPY into the staging table failed", e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
    billers.addAll(block.billers());
    staged += block.lines();
    faults.reached(FaultInjection.Point.RECONCILIATION_LOAD, staged);
  }

  /** Lines staged by this writer so far. */
  public long staged() {
    return staged;
  }

  /** The biller ids the staged lines name, so far. */
  public Set<String> billers() {
    return billers;
  }
}
