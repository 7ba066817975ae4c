package org.saphan.hub.batch.reconciliation;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
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

  private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  /** Memory per sort or hash of the match transaction. */
  static final String WORK_MEM = "256MB";

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ReconciliationMatcher.class);

  private final JdbcClient jdbc;
  private final long runId;
  private final ReconciliationFaults faults;

  public ReconciliationMatcher(JdbcClient jdbc, long runId, ReconciliationFaults faults) {
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
                LocalDate.parse(day.toString()).plusDays(1).atStartOfDay(BANGKOK).toInstant());

    // Set-based over a million lines: hash joins and aggregates in memory rather than spilled to
    // disk (PostgreSQL's default work_mem is 4 MB); for this transaction only.
    jdbc.sql("set local work_mem = '" + WORK_MEM + "'").update();
    // The staging rows were just COPY'd: fresh statistics let the planner hash-join them.
    jdbc.sql("analyze settlement_staging").update();
    long started = System.nanoTime();
    jdbc.sql("delete from reconciliation_exception where run_id = ?").param(runId).update();
    jdbc.sql("delete from reconciliation_order_result where run_id = ?").param(runId).update();
    jdbc.sql("delete from reconciliation_result where run_id = ?").param(runId).update();

    jdbc.sql(
            "insert into reconciliation_result (run_id, line_no, order_id, biller_id, ref1, ref2,"
                + " kind, bank_amount, ledger_amount, ledger_status, classification)"
                + " select s.run_id, s.line_no, o.id, coalesce(s.biller, ''), s.ref1, s.ref2,"
                + " s.kind, s.amount, o.amount, o.status,"
                + " case when o.id is null then 'unknown_reference'"
                + "   when st.run_id is not null and st.run_id <> s.run_id then 'duplicate'"
                + "   when row_number() over (partition by o.id collate \"C\" order by s.line_no) > 1"
                + "     then 'duplicate'"
                + "   when s.kind <> 'C' or s.amount <> o.amount then 'amount_mismatch'"
                + "   else 'matched' end"
                + " from (select run_id, line_no, ref1, ref2, kind, amount,"
                + "   coalesce(nullif(biller_id, ''), cast(? as text)) biller"
                + "   from settlement_staging where run_id = ?) s"
                + " left join payment_order o on o.biller_id = s.biller and o.ref1 = s.ref1"
                + " left join order_settlement st on st.order_id = o.id")
        .params(runBiller, runId)
        .update();

    jdbc.sql("analyze reconciliation_result").update();
    started = lap("lines classified", started);
    jdbc.sql(
            "insert into reconciliation_order_result (run_id, order_id, biller_id, ref1,"
                + " ledger_amount, bank_amount, lines, first_line, classification)"
                + " select ?, o.id, o.biller_id, o.ref1, o.amount, r.bank_amount,"
                + " coalesce(r.lines, 0), r.first_line,"
                + " case when r.order_id is null then 'missing_at_bank'"
                + "   when r.lines > 1 then 'duplicate' else r.first_class end"
                + " from payment_order o left join ("
                + "   select order_id, count(*) lines, sum(bank_amount) bank_amount,"
                + "   min(line_no) first_line,"
                + "   (array_agg(classification order by line_no))[1] first_class"
                + "   from reconciliation_result where run_id = ? and order_id is not null"
                + "   group by order_id) r on r.order_id = o.id"
                + " left join order_settlement st on st.order_id = o.id"
                + " where r.order_id is not null"
                + " or (o.status = 'paid' and (o.biller_id = any(?) or o.biller_id = ?)"
                + "   and (cast(? as timestamptz) is null or o.paid_at < ?)"
                + "   and (st.order_id is null or st.run_id = ?))")
        .params(runId, runId, billers(run.get("billers")), runBiller, cutoff, cutoff, runId)
        .update();
    started = lap("orders classified", started);

    jdbc.sql(
            "insert into reconciliation_exception (run_id, classification, line_no, order_id,"
                + " biller_id, ref1, bank_amount, ledger_amount)"
                + " select run_id, classification, line_no, order_id, biller_id, ref1,"
                + " bank_amount, ledger_amount from reconciliation_result"
                + " where run_id = ? and classification <> 'matched'"
                + " union all"
                + " select run_id, classification, null, order_id, biller_id, ref1, null,"
                + " ledger_amount from reconciliation_order_result"
                + " where run_id = ? and classification = 'missing_at_bank'")
        .params(runId, runId)
        .update();
    started = lap("exceptions raised", started);

    jdbc.sql(
            "insert into order_settlement (order_id, run_id) select order_id, run_id"
                + " from reconciliation_order_result where run_id = ?"
                + " and classification <> 'missing_at_bank' on conflict (order_id) do nothing")
        .param(runId)
        .update();
    started = lap("orders settled", started);

    jdbc.sql(
            "update reconciliation_run set trailer_verified = not exists ("
                + " select 1 from reconciliation_bad_line where run_id = ? and problem in"
                + " ('TRAILER_MISMATCH', 'MISSING_TRAILER', 'MISSING_HEADER')) where id = ?")
        .params(runId, runId)
        .update();

    faults.check(ReconciliationFaults.Point.MATCH, Long.MAX_VALUE);
  }

  private long lap(String what, long since) {
    long now = System.nanoTime();
    log.debug("run {}: {} in {} ms", runId, what, (now - since) / 1_000_000);
    return now;
  }

  private static String[] billers(Object array) {
    try {
      return array instanceof java.sql.Array a ? (String[]) a.getArray() : new String[0];
    } catch (java.sql.SQLException e) {
      return new String[0];
    }
  }
}
