package org.saphan.hub.batch.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.saphan.hub.platform.Json;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report step: writes the run's report under {@code <reports>/<run>/} — {@code report.csv}
 * (every bad line, every non-matched line and every missing order, in a stable order) and {@code
 * summary.json} (counts and amounts per class; run metadata apart under {@code run}) — and marks
 * the run completed. Files are written to a temporary name and moved, so a restarted step leaves
 * the same report. The report carries no payer names.
 */
public class ReconciliationReporter implements Tasklet {

  /**
   * RFC 4180 with LF line ends and minimal quoting: a value is quoted when it holds a comma, a
   * quote, a line break, or starts or ends with a character a reader might trim or take for a
   * comment.
   */
  static final CSVFormat CSV =
      CSVFormat.RFC4180
          .builder()
          .setHeader(
              "record",
              "line",
              "classification",
              "biller_id",
              "ref1",
              "ref2",
              "bank_amount",
              "ledger_amount",
              "order_id",
              "reason")
          .setRecordSeparator('\n')
          .get();

  private static final ObjectMapper JSON = Json.strict().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> LINE_CLASSES =
      List.of("matched", "amount_mismatch", "unknown_reference", "duplicate");
  private static final List<String> ORDER_CLASSES =
      List.of("matched", "amount_mismatch", "duplicate", "missing_at_bank");

  private final JdbcClient jdbc;
  private final ReconciliationRuns runs;
  private final Path reportsDir;
  private final long runId;
  private final Clock clock;

  public ReconciliationReporter(
      JdbcClient jdbc, ReconciliationRuns runs, Path reportsDir, long runId, Clock clock) {
    this.jdbc = jdbc;
    this.runs = runs;
    this.reportsDir = reportsDir;
    this.runId = runId;
    this.clock = clock;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    Path dir = reportsDir.resolve(Long.toString(runId));
    ObjectNode summary = summary();
    try {
      Files.createDirectories(dir);
      writeCsv(dir.resolve("report.csv"));
      Path json = dir.resolve("summary.json.tmp");
      JSON.writeValue(json.toFile(), summary);
      Files.move(
          json,
          dir.resolve("summary.json"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reconciliation report in " + dir, e);
    }
    runs.complete(runId, summary, dir.toString());
    return RepeatStatus.FINISHED;
  }

  /** The summary: run metadata under {@code run}, the outcome everywhere else. */
  public ObjectNode summary() {
    Map<String, Object> run =
        jdbc.sql(
                "select id, file_name, file_sha256, source, started_at, attempts, settlement_date,"
                    + " bank_code, company_account, coalesce(billers, '{}') billers, lines_read,"
                    + " details_staged, bad_lines, file_problems, trailer_credit_count,"
                    + " trailer_credit_total, trailer_verified, match_totals::text match_totals"
                    + " from reconciliation_run where id = ?")
            .param(runId)
            .query()
            .singleRow();
    ObjectNode summary = JSON.createObjectNode();
    ObjectNode meta = summary.putObject("run");
    meta.put("id", runId);
    meta.put("startedAt", ((Timestamp) run.get("started_at")).toInstant().toString());
    meta.put("finishedAt", clock.instant().toString());
    meta.put("attempts", ((Number) run.get("attempts")).intValue());
    ObjectNode file = summary.putObject("file");
    file.put("name", (String) run.get("file_name"));
    file.put("sha256", (String) run.get("file_sha256"));
    file.put("source", (String) run.get("source"));
    file.put(
        "settlementDate",
        run.get("settlement_date") == null ? null : run.get("settlement_date").toString());
    file.put("bankCode", (String) run.get("bank_code"));
    file.put("companyAccount", (String) run.get("company_account"));
    try {
      var billers = file.putArray("billers");
      for (Object b : (Object[]) ((java.sql.Array) run.get("billers")).getArray()) {
        billers.add((String) b);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode lines = summary.putObject("lines");
    lines.put("read", number(run.get("lines_read")));
    lines.put("details", number(run.get("details_staged")));
    lines.put("bad", number(run.get("bad_lines")));
    lines.put("fileProblems", number(run.get("file_problems")));
    ObjectNode trailer = summary.putObject("trailer");
    trailer.put("creditCount", number(run.get("trailer_credit_count")));
    trailer.put("creditTotal", amount(run.get("trailer_credit_total")));
    trailer.put("verified", Boolean.TRUE.equals(run.get("trailer_verified")));
    ObjectNode lineClasses = summary.putObject("lineClassification");
    LINE_CLASSES.forEach(c -> lineClasses.set(c, bucket(0, BigDecimal.ZERO)));
    ObjectNode orderClasses = summary.putObject("orderClassification");
    ORDER_CLASSES.forEach(c -> orderClasses.set(c, bucket(0, BigDecimal.ZERO)));
    JsonNode totals = json((String) run.get("match_totals"));
    if (totals != null) {
      // counted by the match, in its transaction
      totals
          .path("lines")
          .fields()
          .forEachRemaining(
              e ->
                  lineClasses.set(
                      e.getKey(),
                      bucket(
                          e.getValue().path("count").asLong(),
                          new BigDecimal(e.getValue().path("amount").asText()))));
      totals
          .path("orders")
          .fields()
          .forEachRemaining(
              e ->
                  orderClasses.set(
                      e.getKey(),
                      bucket(
                          e.getValue().path("count").asLong(),
                          new BigDecimal(e.getValue().path("amount").asText()))));
    } else {
      // a run matched before the match counted its classes
      jdbc.sql(
              "select classification, count(*) n, coalesce(sum(bank_amount), 0) amount"
                  + " from reconciliation_result where run_id = ? group by classification")
          .param(runId)
          .query()
          .listOfRows()
          .forEach(
              r ->
                  lineClasses.set(
                      (String) r.get("classification"),
                      bucket(((Number) r.get("n")).longValue(), (BigDecimal) r.get("amount"))));
      jdbc.sql(
              "select classification, count(*) n, coalesce(sum(ledger_amount), 0) amount"
                  + " from reconciliation_order_result where run_id = ? group by classification")
          .param(runId)
          .query()
          .listOfRows()
          .forEach(
              r ->
                  orderClasses.set(
                      (String) r.get("classification"),
                      bucket(((Number) r.get("n")).longValue(), (BigDecimal) r.get("amount"))));
    }
    summary.put(
        "exceptions",
        jdbc.sql("select count(*) from reconciliation_exception where run_id = ?")
            .param(runId)
            .query(Long.class)
            .single());
    return summary;
  }

  private void writeCsv(Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (CSVPrinter out = CSV.print(tmp, StandardCharsets.UTF_8)) {
      jdbc.sql(
              "select 1 ord, 'bad_line' record, line_no, problem classification, '' biller_id,"
                  + " '' ref1, '' ref2, null::numeric bank_amount, null::numeric ledger_amount,"
                  + " '' order_id, reason from reconciliation_bad_line where run_id = ?"
                  + " union all"
                  + " select 2, 'line', line_no, classification, biller_id, ref1, ref2,"
                  + " bank_amount, ledger_amount, coalesce(order_id, ''),"
                  + " case when kind <> 'C' then 'debit' else '' end"
                  + " from reconciliation_result where run_id = ? and classification <> 'matched'"
                  + " union all"
                  + " select 3, 'order', first_line, classification, biller_id, ref1, '',"
                  + " bank_amount, ledger_amount, order_id, ''"
                  + " from reconciliation_order_result where run_id = ?"
                  + " and classification <> 'matched'"
                  + " order by 1, 3 nulls last, 6, 10")
          .params(runId, runId, runId)
          .query(
              rs -> {
                try {
                  out.printRecord(
                      rs.getString("record"),
                      rs.getString("line_no"),
                      rs.getString("classification"),
                      rs.getString("biller_id"),
                      rs.getString("ref1"),
                      rs.getString("ref2"),
                      amount(rs.getBigDecimal("bank_amount")),
                      amount(rs.getBigDecimal("ledger_amount")),
                      rs.getString("order_id"),
                      rs.getString("reason"));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static JsonNode json(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("stored match totals unreadable", e);
    }
  }

  private static ObjectNode bucket(long count, BigDecimal amount) {
    ObjectNode node = JSON.createObjectNode();
    node.put("count", count);
    node.put("amount", amount.setScale(2).toPlainString());
    return node;
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static String amount(Object value) {
    return value == null ? "" : ((BigDecimal) value).setScale(2).toPlainString();
  }
}
