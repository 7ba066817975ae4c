package org.saphan.hub.batch.reconciliation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.saphan.catalog.common.Zones;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.platform.Json;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The match step: classifies, in set-based SQL and in one transaction (the tasklet's), every staged
 * line and every order the file reached or should have reached, against the payment ledger by
 * (biller id, ref1) and amount.
 *
 * <p>Lines, in file order: no order has this (biller id, ref1) → {@code unknown_reference}; the
 * order was already reached by an earlier line of this file, or settled by an earlier run → {@code
 * duplicate}; the amount differs (or the line is a debit) → {@code amount_mismatch}; else {@code
 * matched}. A line without a biller id takes the run's (from the file name). Orders: every order a
 * line reached, and every order the file should have carried: paid (for the hub) before the end of
 * the settlement day, of a biller in the file, not settled by another run; none reached → {@code
 * missing_at_bank}; reached more than once → {@code duplicate}; else its first line's class. Every
 * non-matched line and every missing order is an exception for operators. A restarted match first
 * deletes what its run wrote, so the result is the same however often it runs.
 */
public class ReconciliationMatcher implements Tasklet {

  /** Memory per sort or hash of the match transaction. */
  static final String WORK_MEM = "256MB";

  private static final ObjectMapper JSON = Json.strict();

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ReconciliationMatcher.class);

  /**
   * The classification, one statement (one pass over the lines, one over the ledger): {@code d} the
   * file's repeated references (only the references of lines the load flagged are grouped: see
   * {@link RepeatFilter}); {@code j} every line with its order (if any) and every order the file
   * should have carried but did not (a full join); then the line results, the order results, the
   * settled orders and the exceptions are written from {@code j}, and the counts and amounts per
   * class returned. An order's first line (in file order) stands for it: its other lines are
   * duplicates, and it counts them.
   */
  static final String CLASSIFY =
      """
      with s as not materialized (
        select line_no, coalesce(nullif(biller_id, ''), cast(:runBiller as text)) biller, ref1,
          ref2, kind, amount, repeat_hint
        from settlement_staging where run_id = :run),
      d as (
        select biller, ref1, min(line_no) first_line, count(*) lines, sum(amount) amount
        from s where (biller, ref1) in (select biller, ref1 from s where repeat_hint)
        group by biller, ref1 having count(*) > 1),
      j as materialized (
        select s.line_no, s.biller, s.ref1, s.ref2, s.kind, s.amount,
          o.id order_id, o.biller_id order_biller, o.ref1 order_ref1, o.amount ledger_amount,
          o.status ledger_status, st.run_id settled_by, d.first_line, d.lines, d.amount lines_amount,
          case when s.line_no is null then null
            when o.id is null then 'unknown_reference'
            when st.run_id is not null and st.run_id <> :run then 'duplicate'
            when s.line_no > d.first_line then 'duplicate'
            when s.kind <> 'C' or s.amount <> o.amount then 'amount_mismatch'
            else 'matched' end line_class
        from s full join payment_order o on o.biller_id = s.biller and o.ref1 = s.ref1
        left join order_settlement st on st.order_id = o.id
        left join d on d.biller = s.biller and d.ref1 = s.ref1
        where s.line_no is not null
          or (o.status = 'paid' and (o.biller_id = any(:billers) or o.biller_id = :runBiller)
            and (cast(:cutoff as timestamptz) is null or o.paid_at < cast(:cutoff as timestamptz))
            and (st.order_id is null or st.run_id = :run))),
      orders as not materialized (
        select order_id, order_biller, order_ref1, ledger_amount, settled_by,
          case when line_no is null then null when lines is null then amount
            else lines_amount end bank_amount,
          case when line_no is null then 0 else coalesce(lines, 1) end lines,
          line_no first_line,
          case when line_no is null then 'missing_at_bank' when lines > 1 then 'duplicate'
            else line_class end order_class
        from j
        where order_id is not null and (line_no is null or first_line is null or line_no = first_line)),
      line_results as (
        insert into reconciliation_result (run_id, line_no, order_id, biller_id, ref1, ref2, kind,
          bank_amount, ledger_amount, ledger_status, classification)
        select :run, line_no, order_id, coalesce(biller, ''), ref1, ref2, kind, amount,
          ledger_amount, ledger_status, line_class
        from j where line_no is not null),
      order_results as (
        insert into reconciliation_order_result (run_id, order_id, biller_id, ref1, ledger_amount,
          bank_amount, lines, first_line, classification)
        select :run, order_id, order_biller, order_ref1, ledger_amount, bank_amount, lines,
          first_line, order_class
        from orders),
      settled as (
        insert into order_settlement (order_id, run_id)
        select order_id, :run from orders
        where order_class <> 'missing_at_bank' and settled_by is null
        on conflict (order_id) do nothing),
      exceptions as (
        insert into reconciliation_exception (run_id, classification, line_no, order_id, biller_id,
          ref1, bank_amount, ledger_amount)
        select :run, line_class, line_no, order_id, coalesce(biller, ''), ref1, amount, ledger_amount
        from j where line_class <> 'matched'
        union all
        select :run, 'missing_at_bank', null, order_id, order_biller, order_ref1, null,
          ledger_amount
        from j where line_no is null)
      select 'line' record, line_class classification, count(*) n, coalesce(sum(amount), 0) amount
      from j where line_no is not null group by line_class
      union all
      select 'order', order_class, count(*), coalesce(sum(ledger_amount), 0)
      from orders group by order_class
      """;

  private final JdbcClient jdbc;
  private final long runId;
  private final FaultInjection faults;

  public ReconciliationMatcher(JdbcClient jdbc, long runId, FaultInjection faults) {
    this.jdbc = jdbc;
    this.runId = runId;
    this.faults = faults;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    classify();
    return RepeatStatus.FINISHED;
  }

  /** Runs the classification (inside the caller's transaction). */
  public void classify() {
    Map<String, Object> run =
        jdbc.sql(
                "select biller_id, settlement_date, coalesce(billers, '{}') billers"
                    + " from reconciliation_run where id = ?")
            .param(runId)
            .query()
            .singleRow();
    String runBiller = (String) run.get("biller_id");
    java.sql.Date day = (java.sql.Date) run.get("settlement_date");
    // Paid before the end of the settlement day (Bangkok): a payment at 23:59 may settle the next
    // day, so a missing one is reported again by the next file's run until it settles.
    Timestamp cutoff =
        day == null
            ? null
            : Timestamp.from(
                LocalDate.parse(day.toString())
                    .plusDays(1)
                    .atStartOfDay(Zones.BANGKOK)
                    .toInstant());

    // Set-based over a million lines: hash joins and aggregates in memory rather than spilled to
    // disk (PostgreSQL's default work_mem is 4 MB); for this transaction only.
    jdbc.sql("set local work_mem = '" + WORK_MEM + "'").update();
    // The staging rows were just COPY'd: fresh statistics let the planner hash-join them.
    long started = System.nanoTime();
    jdbc.sql("analyze settlement_staging").update();
    started = lap("staging analyzed", started);
    jdbc.sql("delete from reconciliation_exception where run_id = ?").param(runId).update();
    jdbc.sql("delete from reconciliation_order_result where run_id = ?").param(runId).update();
    jdbc.sql("delete from reconciliation_result where run_id = ?").param(runId).update();
    started = lap("earlier attempt cleared", started);

    List<Map<String, Object>> totals =
        jdbc.sql(CLASSIFY)
            .param("run", runId)
            .param("runBiller", runBiller)
            .param("billers", billers(run.get("billers")))
            .param("cutoff", cutoff)
            .query()
            .listOfRows();
    started = lap("lines and orders classified, exceptions raised, orders settled", started);

    jdbc.sql(
            "update reconciliation_run set match_totals = cast(? as jsonb),"
                + " trailer_verified = not exists (select 1 from reconciliation_bad_line"
                + " where run_id = ? and problem in"
                + " ('TRAILER_MISMATCH', 'MISSING_TRAILER', 'MISSING_HEADER')) where id = ?")
        .params(totalsJson(totals), runId, runId)
        .update();

    faults.reached(FaultInjection.Point.RECONCILIATION_MATCH, 0);
  }

  private long lap(String what, long since) {
    long now = System.nanoTime();
    log.debug("run {}: {} in {} ms", runId, what, (now - since) / 1_000_000);
    return now;
  }

  /** {@code {"lines": {class: {count, amount}}, "orders": {...}}}, as the report's summary. */
  private static String totalsJson(List<Map<String, Object>> rows) {
    ObjectNode totals = JSON.createObjectNode();
    ObjectNode lines = totals.putObject("lines");
    ObjectNode orders = totals.putObject("orders");
    for (Map<String, Object> row : rows) {
      ObjectNode bucket =
          ("line".equals(row.get("record")) ? lines : orders)
              .putObject((String) row.get("classification"));
      bucket.put("count", ((Number) row.get("n")).longValue());
      bucket.put("amount", ((BigDecimal) row.get("amount")).setScale(2).toPlainString());
    }
    return totals.toString();
  }

  private static String[] billers(Object array) {
    try {
      return array instanceof java.sql.Array a ? (String[]) a.getArray() : new String[0];
    } catch (java.sql.SQLException e) {
      return new String[0];
    }
  }
}
