package org.saphan.hub.batch.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saphan.hub.batch.layout.BadLine;
import org.saphan.hub.batch.layout.SettlementHeader;
import org.saphan.hub.batch.layout.SettlementTrailer;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconciliation runs in PostgreSQL: one row per settlement file (id = the Spring Batch job
 * instance), what its load found, its classification, and the operators' exception queue.
 */
public class ReconciliationRuns {

  private static final ObjectMapper JSON = Json.strict();

  private final JdbcClient jdbc;
  private final Clock clock;

  public ReconciliationRuns(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Creates the run, or marks a restarted one running again. */
  public void register(
      long runId,
      String sha256,
      String fileName,
      String source,
      String billerId,
      long jobExecutionId) {
    jdbc.sql(
            "insert into reconciliation_run (id, file_sha256, file_name, source, biller_id, status,"
                + " started_at, job_execution_id) values (?, ?, ?, ?, ?, 'running', ?, ?)"
                + " on conflict (id) do update set status = 'running', finished_at = null,"
                + " job_execution_id = excluded.job_execution_id,"
                + " attempts = reconciliation_run.attempts + 1")
        .params(
            runId,
            sha256,
            fileName,
            source,
            billerId,
            Timestamp.from(clock.instant()),
            jobExecutionId)
        .update();
  }

  void recordHeader(long runId, SettlementHeader header) {
    jdbc.sql(
            "update reconciliation_run set settlement_date = ?, bank_code = ?, company_account = ?"
                + " where id = ?")
        .params(header.effectiveDate(), header.bankCode(), header.companyAccount(), runId)
        .update();
  }

  void recordTrailer(long runId, SettlementTrailer trailer) {
    jdbc.sql(
            "update reconciliation_run set trailer_credit_count = ?, trailer_credit_total = ?"
                + " where id = ?")
        .params(trailer.creditCount(), trailer.totalCreditAmount(), runId)
        .update();
  }

  void recordLinesRead(long runId, long lines) {
    jdbc.sql("update reconciliation_run set lines_read = ? where id = ?")
        .params(lines, runId)
        .update();
  }

  /** Deletes what a run's load staged: a restarted load starts again from line 1. */
  void clearLoad(long runId) {
    jdbc.sql("delete from settlement_staging where run_id = ?").param(runId).update();
    jdbc.sql("delete from reconciliation_bad_line where run_id = ?").param(runId).update();
    jdbc.sql(
            "update reconciliation_run set lines_read = null, details_staged = null,"
                + " bad_lines = null, file_problems = null, trailer_credit_count = null,"
                + " trailer_credit_total = null, settlement_date = null, billers = null"
                + " where id = ?")
        .param(runId)
        .update();
  }

  void recordBadLine(long runId, BadLine bad) {
    jdbc.sql(
            "insert into reconciliation_bad_line (run_id, line_no, record_type, problem, file_level,"
                + " reason) values (?, ?, ?, ?, ?, ?) on conflict do nothing")
        .params(
            runId,
            bad.lineNumber(),
            bad.recordType(),
            bad.problem().name(),
            bad.problem().fileLevel(),
            bad.reason())
        .update();
  }

  void recordLoad(long runId, long staged, Collection<String> billers) {
    jdbc.sql(
            "update reconciliation_run set details_staged = ?, billers = ?,"
                + " bad_lines = (select count(*) from reconciliation_bad_line where run_id = ?"
                + " and not file_level),"
                + " file_problems = (select count(*) from reconciliation_bad_line where run_id = ?"
                + " and file_level) where id = ?")
        .params(staged, billers.toArray(String[]::new), runId, runId, runId)
        .update();
  }

  void complete(long runId, JsonNode summary, String reportDir) {
    jdbc.sql(
            "update reconciliation_run set status = 'completed', finished_at = ?,"
                + " summary = cast(? as jsonb), report_dir = ? where id = ?")
        .params(Timestamp.from(clock.instant()), summary.toString(), reportDir, runId)
        .update();
  }

  /** Marks a run failed (its job execution failed; it can be restarted). */
  public void fail(long runId) {
    jdbc.sql(
            "update reconciliation_run set status = 'failed', finished_at = ? where id = ?"
                + " and status <> 'completed'")
        .params(Timestamp.from(clock.instant()), runId)
        .update();
  }

  /** The run of a file, by its SHA-256. */
  public Optional<Map<String, Object>> byFile(String sha256) {
    return jdbc
        .sql("select id, status from reconciliation_run where file_sha256 = ?")
        .param(sha256)
        .query()
        .listOfRows()
        .stream()
        .findFirst();
  }

  /** Runs, newest first. */
  public List<Map<String, Object>> list(int limit) {
    return jdbc
        .sql(
            "select id, file_name, file_sha256, source, status, settlement_date, lines_read,"
                + " details_staged, bad_lines, file_problems, trailer_verified, attempts,"
                + " started_at, finished_at from reconciliation_run order by started_at desc,"
                + " id desc limit ?")
        .param(limit)
        .query()
        .listOfRows()
        .stream()
        .map(ReconciliationRuns::view)
        .toList();
  }

  /**
   * One run with its summary and bad lines.
   *
   * @throws SaphanException {@code reconciliation_run_not_found}
   */
  public Map<String, Object> get(long runId) {
    Map<String, Object> row =
        jdbc
            .sql(
                "select id, file_name, file_sha256, source, biller_id, status, settlement_date,"
                    + " bank_code, company_account, lines_read, details_staged, bad_lines,"
                    + " file_problems, trailer_credit_count, trailer_credit_total,"
                    + " trailer_verified, attempts, started_at, finished_at, job_execution_id,"
                    + " report_dir, summary::text summary from reconciliation_run where id = ?")
            .param(runId)
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElseThrow(() -> notFound(runId));
    Map<String, Object> view = view(row);
    view.put("summary", json((String) row.get("summary")));
    view.put("badLines", badLines(runId));
    return view;
  }

  /** A run's bad lines and file problems, by line number. */
  public List<Map<String, Object>> badLines(long runId) {
    return jdbc
        .sql(
            "select line_no, record_type, problem, file_level, reason from reconciliation_bad_line"
                + " where run_id = ? order by line_no, problem")
        .param(runId)
        .query()
        .listOfRows()
        .stream()
        .map(ReconciliationRuns::view)
        .toList();
  }

  /**
   * A run's exceptions; {@code state} open, resolved or null for all. Line exceptions carry the
   * payer's name (operators contact payers for refunds; it is never logged).
   */
  public List<Map<String, Object>> exceptions(long runId, String state) {
    get(runId);
    return jdbc
        .sql(
            "select e.id, e.classification, e.line_no, e.order_id, e.biller_id, e.ref1,"
                + " e.bank_amount, e.ledger_amount, s.customer_name payer_name,"
                + " s.payment_date, s.payment_time, e.state, e.created_at, e.resolved_by,"
                + " e.resolved_at, e.resolution_note from reconciliation_exception e"
                + " left join settlement_staging s on s.run_id = e.run_id and s.line_no = e.line_no"
                + " where e.run_id = ? and (cast(? as text) is null or e.state = ?)"
                + " order by e.line_no nulls last, e.ref1, e.id")
        .params(runId, state, state)
        .query()
        .listOfRows()
        .stream()
        .map(ReconciliationRuns::view)
        .toList();
  }

  /**
   * Resolves an open exception of a run with a note.
   *
   * @throws SaphanException {@code reconciliation_exception_not_found}, {@code
   *     exception_already_resolved}
   */
  public void resolve(long runId, long exceptionId, String operator, String note) {
    int updated =
        jdbc.sql(
                "update reconciliation_exception set state = 'resolved', resolved_by = ?,"
                    + " resolved_at = ?, resolution_note = ? where id = ? and run_id = ?"
                    + " and state = 'open'")
            .params(operator, Timestamp.from(clock.instant()), note, exceptionId, runId)
            .update();
    if (updated == 0) {
      boolean exists =
          jdbc.sql("select count(*) from reconciliation_exception where id = ? and run_id = ?")
                  .params(exceptionId, runId)
                  .query(Long.class)
                  .single()
              > 0;
      throw exists
          ? SaphanException.business(
              ErrorCode.EXCEPTION_ALREADY_RESOLVED,
              "exception " + exceptionId + " is resolved",
              Map.of())
          : SaphanException.validation(
              ErrorCode.RECONCILIATION_EXCEPTION_NOT_FOUND,
              "run " + runId + " has no exception " + exceptionId);
    }
  }

  private static SaphanException notFound(long runId) {
    return SaphanException.validation(
        ErrorCode.RECONCILIATION_RUN_NOT_FOUND, "no reconciliation run " + runId);
  }

  /** snake_case columns as lowerCamelCase keys; SQL arrays and timestamps as JSON-friendly. */
  private static Map<String, Object> view(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach(
        (column, value) -> {
          if ("summary".equals(column)) {
            return;
          }
          Object v = value;
          if (v instanceof Timestamp t) {
            v = t.toInstant().toString();
          } else if (v instanceof java.sql.Date d) {
            v = d.toLocalDate().toString();
          } else if (v instanceof java.sql.Time t) {
            v = t.toLocalTime().toString();
          } else if (v instanceof java.math.BigDecimal b) {
            v = b.toPlainString();
          } else if (v instanceof Array a) {
            try {
              v = List.of((Object[]) a.getArray());
            } catch (java.sql.SQLException e) {
              v = null;
            }
          }
          out.put(camel(column), v);
        });
    return out;
  }

  private static String camel(String column) {
    StringBuilder out = new StringBuilder(column.length());
    boolean up = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString().replace("lineNo", "line");
  }

  private static JsonNode json(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON unreadable", e);
    }
  }
}
