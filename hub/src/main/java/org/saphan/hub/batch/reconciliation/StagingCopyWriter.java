package org.saphan.hub.batch.reconciliation;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.saphan.hub.batch.layout.SettlementDetail;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The load step's writer: streams each chunk of good detail lines into {@code settlement_staging}
 * with PostgreSQL {@code COPY ... FROM STDIN} (CopyManager), on the chunk transaction's connection,
 * so a chunk is staged and committed with the step's bookkeeping, or not at all. Payer names are
 * written as read (UTF-8 in the database) and never logged.
 */
public class StagingCopyWriter implements ItemWriter<List<SettlementDetail>> {

  static final String COPY =
      "COPY settlement_staging (run_id, line_no, seq, bank_code, company_account, payment_date,"
          + " payment_time, customer_name, ref1, ref2, ref3, kind, txn_code, amount, biller_id,"
          + " payer_bank) FROM STDIN WITH (FORMAT csv)";

  private final DataSource dataSource;
  private final long runId;
  private final ReconciliationFaults faults;
  private final Set<String> billers = new TreeSet<>();
  private final String run;
  private long staged;

  public StagingCopyWriter(DataSource dataSource, long runId, ReconciliationFaults faults) {
    this.dataSource = dataSource;
    this.runId = runId;
    this.faults = faults;
    this.run = Long.toString(runId);
  }

  @Override
  public void write(Chunk<? extends List<SettlementDetail>> chunk) {
    for (List<SettlementDetail> block : chunk) {
      copy(block);
    }
  }

  /** COPYs one block of lines on the transaction's connection. */
  public void copy(List<SettlementDetail> block) {
    StringBuilder csv = new StringBuilder(block.size() * 160);
    for (SettlementDetail d : block) {
      csv.append(run).append(',');
      csv.append(d.lineNumber()).append(',');
      csv.append(d.seq()).append(',');
      text(csv, d.bankCode());
      text(csv, d.companyAccount());
      csv.append(d.paymentDate()).append(',');
      csv.append(d.time()).append(',');
      text(csv, d.customerName());
      text(csv, d.ref1());
      text(csv, d.ref2());
      text(csv, d.ref3());
      csv.append(d.kind() == SettlementDetail.Kind.CREDIT ? 'C' : 'D').append(',');
      text(csv, d.transactionCode());
      csv.append(d.amount().toPlainString()).append(',');
      text(csv, d.billerId());
      quoted(csv, d.payerBankCode());
      csv.append('\n');
      if (!d.billerId().isEmpty()) {
        billers.add(d.billerId());
      }
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
      try {
        copy.writeToCopy(bytes, 0, bytes.length);
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
    staged += block.size();
    faults.check(ReconciliationFaults.Point.LOAD, staged);
  }

  /** Lines staged by this writer so far. */
  public long staged() {
    return staged;
  }

  /** The biller ids the staged lines name, so far. */
  public Set<String> billers() {
    return billers;
  }

  private static void text(StringBuilder csv, String value) {
    quoted(csv, value);
    csv.append(',');
  }

  /** A CSV field, always quoted: names and references may hold commas or quotes. */
  private static void quoted(StringBuilder csv, String value) {
    csv.append('"');
    if (value != null) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"') {
          csv.append('"');
        }
        csv.append(c);
      }
    }
    csv.append('"');
  }
}
