package org.saphan.hub.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.common.Zones;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.platform.FaultInjection;
import org.saphan.hub.status.StatusRecorder;
import org.saphan.hub.support.ArmedFaults;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The nightly reconciliation job end to end: the hand-built golden file from the drop folder gives
 * exactly the expected classification; a TIS-620 file's Thai payer names round-trip; malformed
 * lines are reported with their numbers; a reconciled file is refused; a sandbox-generated file
 * fetched over SFTP is classified exactly; a run that crashed during COPY or during matching is
 * recovered and restarted without double counting.
 */
class ReconciliationIT extends HubIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DSD_BILLER = "099400000002201";
  static final String DLD_BILLER = "099400000004901";
  static final Path SETTLEMENT = ENV.home().resolve("hub/src/test/resources/settlement");

  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired Reconciliations reconciliations;
  @Autowired ReconciliationLauncher launcher;
  @Autowired ArmedFaults faults;
  @Autowired FixedWidthLayout settlementLayout;
  @Autowired ApplicationStore applications;
  @Autowired StatusRecorder statuses;

  private static Long goldenRun;

  // --- the golden file ---

  @Test
  void shouldClassifyEveryLineAndOrderOfTheGoldenFileExactlyWhenDroppedInTheDropFolder()
      throws Exception {
    // given / when
    long run = golden();
    // then: every line, as README.md of the golden file expects
    Map<Long, String> lines = new LinkedHashMap<>();
    jdbc.sql(
            "select line_no, classification from reconciliation_result where run_id = ? order by line_no")
        .param(run)
        .query((rs, n) -> lines.put(rs.getLong(1), rs.getString(2)))
        .list();
    assertThat(lines)
        .containsExactly(
            Map.entry(2L, "matched"),
            Map.entry(3L, "matched"),
            Map.entry(4L, "amount_mismatch"),
            Map.entry(5L, "matched"),
            Map.entry(6L, "matched"),
            Map.entry(7L, "duplicate"),
            Map.entry(8L, "unknown_reference"),
            Map.entry(9L, "matched"),
            Map.entry(10L, "matched"),
            Map.entry(11L, "matched"));
    // and every order
    Map<String, String> orders = new LinkedHashMap<>();
    jdbc.sql(
            "select ref1, classification from reconciliation_order_result where run_id = ? order by ref1")
        .param(run)
        .query((rs, n) -> orders.put(rs.getString(1), rs.getString(2)))
        .list();
    assertThat(orders)
        .containsExactly(
            Map.entry("PO2026112400001", "matched"),
            Map.entry("PO2026112400002", "matched"),
            Map.entry("PO2026112400003", "amount_mismatch"),
            Map.entry("PO2026112400004", "duplicate"),
            Map.entry("PO2026112400005", "matched"),
            Map.entry("PO2026112400006", "matched"),
            Map.entry("PO2026112400007", "matched"),
            Map.entry("PO2026112400008", "matched"),
            Map.entry("PO2026112400009", "missing_at_bank"));
    // and the summary's totals
    JsonNode summary = JSON.readTree(Files.readString(report(run).resolve("summary.json")));
    assertThat(summary.at("/lineClassification/matched/count").asLong()).isEqualTo(7);
    assertThat(summary.at("/lineClassification/matched/amount").asText()).isEqualTo("11825.49");
    assertThat(summary.at("/lineClassification/amount_mismatch/amount").asText())
        .isEqualTo("50.00");
    assertThat(summary.at("/lineClassification/duplicate/amount").asText()).isEqualTo("1200.00");
    assertThat(summary.at("/lineClassification/unknown_reference/amount").asText())
        .isEqualTo("300.00");
    assertThat(summary.at("/orderClassification/missing_at_bank/amount").asText())
        .isEqualTo("400.00");
    assertThat(summary.at("/trailer/verified").asBoolean()).isTrue();
    assertThat(summary.at("/trailer/creditTotal").asText()).isEqualTo("13375.49");
    assertThat(summary.at("/exceptions").asLong()).isEqualTo(4);
  }

  @Test
  void shouldListTheExceptionsForOperatorsAndResolveOneWithANote() throws Exception {
    // given
    long run = golden();
    // when
    JsonNode open =
        JSON.readTree(get("/ops/v1/reconciliation/" + run + "/exceptions", "operator").body());
    // then: one per non-matched line, one per missing order
    List<String> seen = new ArrayList<>();
    open.forEach(
        e -> seen.add(e.path("line").asText("-") + ":" + e.path("classification").asText()));
    assertThat(seen)
        .contains("4:amount_mismatch", "7:duplicate", "8:unknown_reference", "-:missing_at_bank");
    long id = open.get(0).path("id").asLong();
    // when: an operator resolves one
    HttpResponse<String> resolved =
        send(
            HttpRequest.newBuilder(
                    uri("/ops/v1/reconciliation/" + run + "/exceptions/" + id + "/resolve"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"refund ticket 4711\"}")),
            "operator");
    // then
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
    HttpResponse<String> again =
        send(
            HttpRequest.newBuilder(
                    uri("/ops/v1/reconciliation/" + run + "/exceptions/" + id + "/resolve"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"again\"}")),
            "operator");
    assertProblem(again, 409, "exception_already_resolved");
  }

  @Test
  void shouldRoundTripThaiPayerNamesWhenTheFileIsTis620() throws Exception {
    long run = golden();
    // the staged names are exactly the TIS-620 bytes decoded (combining marks, ฤ, ำ included)
    assertThat(name(run, 5)).isEqualTo("นายณัฐวุฒิ ผู้ใหญ่บ้าน");
    assertThat(name(run, 6)).isEqualTo("น.ส.กัญญ์ณัฏฐ์ สุขเกษม");
    assertThat(name(run, 10)).isEqualTo("บริษัท ไทยพัฒนา จำกัด");
    assertThat(name(run, 11)).isEqualTo("นายอนันต์ ฤทธิ์เดช");
    // operators see the payer of an unknown reference (to refund), the report file never does
    assertThat(get("/ops/v1/reconciliation/" + run + "/exceptions", "operator").body())
        .contains("นายวีระ ทองดี");
    assertThat(Files.readString(report(run).resolve("report.csv"))).doesNotContain("นาย");
  }

  @Test
  void shouldStoreEveryStagedFieldExactlyWhenCopiedInBinaryFormat() {
    // given: lines with Thai text, quotes, tabs and commas, blanks, a date before 2000, amounts
    long run = -4_242;
    StagingRows rows = new StagingRows(run);
    rows.add(
        StagingRowsTest.detail(
            2,
            LocalDate.of(2026, 11, 23),
            java.time.LocalTime.of(23, 59, 30),
            "นายอนันต์ ฤทธิ์เดช, \"สาขา\"\t1",
            "PO-BINARY-1",
            "APP0000101",
            org.saphan.hub.batch.layout.SettlementDetail.Kind.CREDIT,
            "12345678901.23",
            DSD_BILLER));
    rows.add(
        StagingRowsTest.detail(
            3,
            LocalDate.of(1999, 12, 31),
            java.time.LocalTime.MIDNIGHT,
            null,
            "PO-BINARY-2",
            null,
            org.saphan.hub.batch.layout.SettlementDetail.Kind.DEBIT,
            "0.00",
            ""));
    rows.add(
        StagingRowsTest.detail(
            4,
            LocalDate.of(2026, 11, 24),
            java.time.LocalTime.of(0, 0, 1),
            "บริษัท ไทยพัฒนา จำกัด",
            "PO-BINARY-1",
            "",
            org.saphan.hub.batch.layout.SettlementDetail.Kind.CREDIT,
            "10000.50",
            DSD_BILLER));
    try {
      // when
      new StagingCopyWriter(dataSource, faults).copy(rows.take());
      // then
      List<String> stored =
          jdbc.sql(
                  "select line_no, payment_date, payment_time, customer_name, ref1, ref2, kind,"
                      + " amount, biller_id, repeat_hint from settlement_staging where run_id = ?"
                      + " order by line_no")
              .param(run)
              .query(
                  (rs, n) ->
                      String.join(
                          "|",
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6),
                          rs.getString(7),
                          rs.getString(8),
                          rs.getString(9),
                          String.valueOf(rs.getBoolean(10))))
              .list();
      assertThat(stored)
          .containsExactly(
              "2|2026-11-23|23:59:30|นายอนันต์ ฤทธิ์เดช, \"สาขา\"\t1|PO-BINARY-1|APP0000101|C"
                  + "|12345678901.23|"
                  + DSD_BILLER
                  + "|false",
              "3|1999-12-31|00:00:00||PO-BINARY-2||D|0.00||false",
              "4|2026-11-24|00:00:01|บริษัท ไทยพัฒนา จำกัด|PO-BINARY-1||C|10000.50|"
                  + DSD_BILLER
                  + "|true");
    } finally {
      jdbc.sql("delete from settlement_staging where run_id = ?").param(run).update();
    }
  }

  @Test
  void shouldRefuseWithReconciliationAlreadyDoneWhenTheSameFileComesAgain() throws Exception {
    golden();
    Files.copy(
        SETTLEMENT.resolve("golden-2026-11-24.txt"),
        dropDir().resolve("golden-2026-11-24.txt"),
        StandardCopyOption.REPLACE_EXISTING);
    assertProblem(
        startRun("{\"file\":\"golden-2026-11-24.txt\"}"), 409, "reconciliation_already_done");
  }

  // --- malformed files ---

  @Test
  void shouldReportEveryMalformedLineWithItsNumberWhenTheFileIsDamaged() throws Exception {
    golden(); // the variants reuse the golden references: the golden run goes first
    assertBadLines("bad-length-2026-11-24.txt", 9, "4:BAD_LENGTH", "12:TRAILER_MISMATCH");
    assertBadLines("bad-amount-2026-11-24.txt", 9, "5:BAD_FIELD", "12:TRAILER_MISMATCH");
    assertBadLines("undecodable-2026-11-24.txt", 9, "3:UNDECODABLE", "12:TRAILER_MISMATCH");
    assertBadLines("bad-trailer-2026-11-24.txt", 10, "12:TRAILER_MISMATCH");
  }

  private void assertBadLines(String file, long staged, String... expected) throws Exception {
    ReconciliationLauncher.Launched launched =
        reconciliations.file(SETTLEMENT.resolve(file), file, "api");
    assertThat(launched.status()).as(launched.failure()).isEqualTo("completed");
    JsonNode run =
        JSON.readTree(get("/ops/v1/reconciliation/" + launched.runId(), "operator").body());
    List<String> bad = new ArrayList<>();
    run.path("badLines")
        .forEach(b -> bad.add(b.path("line").asLong() + ":" + b.path("problem").asText()));
    assertThat(bad).as(file).containsExactly(expected);
    run.path("badLines").forEach(b -> assertThat(b.path("reason").asText()).isNotBlank());
    assertThat(run.path("detailsStaged").asLong()).as(file).isEqualTo(staged);
    assertThat(run.path("trailerVerified").asBoolean()).as(file).isFalse();
    assertThat(Files.readString(report(launched.runId()).resolve("report.csv")))
        .contains("bad_line," + expected[0].split(":")[0] + "," + expected[0].split(":")[1]);
  }

  // --- a sandbox-generated file over SFTP ---

  @Test
  void shouldClassifyTheBanksFileExactlyWhenFetchedOverSftp() throws Exception {
    // given: four DLD fees paid at the sandbox gateway
    List<String> refs = new ArrayList<>();
    for (String amount : List.of("120.00", "130.00", "140.00", "150.00")) {
      refs.add(paidAtSandbox(amount));
    }
    LocalDate today = LocalDate.now(Zones.BANGKOK);
    // and the bank's file of the day with every discrepancy
    HttpResponse<String> settled =
        sandboxPost(
            "/sandbox/v1/epayment/settlements",
            "{\"date\":\""
                + today
                + "\",\"billerId\":\""
                + DLD_BILLER
                + "\",\"discrepancies\":[\"amount_mismatch\",\"unknown_reference\","
                + "\"missing_at_bank\",\"duplicate\"]}");
    assertThat(settled.statusCode()).as(settled.body()).isEqualTo(201);
    Map<String, String> touched = new LinkedHashMap<>();
    JSON.readTree(settled.body())
        .path("discrepancies")
        .forEach(d -> touched.put(d.path("type").asText(), d.path("ref1").asText()));
    // when: operators run the day (the hub fetches BILLPAY_<biller>_<day>.txt over SFTP)
    HttpResponse<String> started = startRun("{\"date\":\"" + today + "\"}");
    // then
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    JsonNode dld = null;
    for (JsonNode r : JSON.readTree(started.body()).path("runs")) {
      if (r.path("fileName")
          .asText()
          .equals("BILLPAY_" + DLD_BILLER + "_" + today.toString().replace("-", "") + ".txt")) {
        dld = r;
      }
    }
    assertThat(dld).as(started.body()).isNotNull();
    assertThat(dld.path("status").asText()).isEqualTo("completed");
    JsonNode exceptions =
        JSON.readTree(
            get("/ops/v1/reconciliation/" + dld.path("runId").asLong() + "/exceptions", "operator")
                .body());
    Map<String, String> found = new LinkedHashMap<>();
    exceptions.forEach(e -> found.put(e.path("classification").asText(), e.path("ref1").asText()));
    assertThat(found)
        .containsOnly(
            Map.entry("amount_mismatch", touched.get("amount_mismatch")),
            Map.entry("unknown_reference", touched.get("unknown_reference")),
            Map.entry("missing_at_bank", touched.get("missing_at_bank")),
            Map.entry("duplicate", touched.get("duplicate")));
    assertThat(exceptions.size()).isEqualTo(4);
    // the payments no discrepancy touched matched (the file holds every DLD fee paid today: other
    // tests' too, and the discrepancies take the day's first payments, so how many of this test's
    // four stay clean depends on what ran before)
    List<String> clean = new ArrayList<>(refs);
    clean.removeAll(touched.values());
    assertThat(clean).isNotEmpty();
    for (String ref : clean) {
      assertThat(
              jdbc.sql(
                      "select classification from reconciliation_order_result"
                          + " where run_id = ? and ref1 = ?")
                  .params(dld.path("runId").asLong(), ref)
                  .query(String.class)
                  .single())
          .as(ref)
          .isEqualTo("matched");
    }
  }

  // --- crash recovery ---

  @Test
  void shouldRestartWithoutDoubleCountingWhenARunCrashedDuringCopy() throws Exception {
    // given: a 25,000-order day (3 chunks of 10,000 lines) and a crash while chunk 2 is COPY'd
    Synthetic day = synthetic("0994000000057" + "01", "CRASHLOAD", 25_000);
    faults.failOnce(FaultInjection.Point.RECONCILIATION_LOAD, 20_000);
    ReconciliationLauncher.Launched crashed = reconciliations.file(day.file(), day.name(), "api");
    assertThat(crashed.status()).isEqualTo("failed");
    long run = crashed.runId();
    // chunk 1 committed, chunk 2 rolled back: what a kill -9 mid-COPY leaves
    assertThat(staged(run)).isEqualTo(10_000);
    leaveStarted(run);
    // when: recovery (at start-up, nightly, or by operators) finds the run STARTED
    List<ReconciliationLauncher.Launched> recovered = launcher.recoverAbandoned();
    // then: restarted, every line staged exactly once, the classification exactly as expected
    assertThat(recovered).extracting(ReconciliationLauncher.Launched::runId).contains(run);
    assertThat(recovered.stream().filter(r -> r.runId() == run).findFirst().orElseThrow().status())
        .isEqualTo("completed");
    assertExpected(run, day.expected());
  }

  @Test
  void shouldRestartAtMatchingWithTheSameResultWhenARunCrashedDuringMatching() throws Exception {
    // given: the load completes, the match step's transaction dies before it commits
    Synthetic day = synthetic("0994000000065" + "01", "CRASHMATCH", 3_000);
    faults.failOnce(FaultInjection.Point.RECONCILIATION_MATCH, 0);
    ReconciliationLauncher.Launched crashed = reconciliations.file(day.file(), day.name(), "api");
    assertThat(crashed.status()).isEqualTo("failed");
    long run = crashed.runId();
    assertThat(
            jdbc.sql("select count(*) from reconciliation_result where run_id = ?")
                .param(run)
                .query(Long.class)
                .single())
        .isZero();
    leaveStarted(run);
    // when
    HttpResponse<String> restarted =
        send(
            HttpRequest.newBuilder(uri("/ops/v1/reconciliation/" + run + "/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    // then
    assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
    assertExpected(run, day.expected());
    assertThat(
            jdbc.sql(
                    "select s.status from batch_step_execution s join batch_job_execution j"
                        + " on j.job_execution_id = s.job_execution_id where j.job_instance_id = ?"
                        + " and s.step_name = 'reconciliationLoadStep' order by s.step_execution_id")
                .param(run)
                .query(String.class)
                .list())
        .as("the completed load is not run again")
        .containsExactly("COMPLETED");
  }

  // --- helpers ---

  record Synthetic(Path file, String name, SyntheticSettlement.Expected expected) {}

  private Synthetic synthetic(String billerId, String prefix, int orders) throws Exception {
    LocalDate day = LocalDate.now(Zones.BANGKOK);
    Path file = Files.createTempFile("settlement", ".txt");
    SyntheticSettlement.Expected expected =
        SyntheticSettlement.write(settlementLayout, file, billerId, prefix, orders, day);
    var connection = DataSourceUtils.getConnection(dataSource);
    try {
      SyntheticSettlement.copyLedger(
          connection, billerId, prefix, orders, day.atTime(1, 0).atZone(Zones.BANGKOK).toInstant());
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
    return new Synthetic(file, "BILLPAY_" + billerId + "_" + prefix + ".txt", expected);
  }

  private void assertExpected(long run, SyntheticSettlement.Expected expected) throws Exception {
    assertThat(staged(run)).isEqualTo(expected.details());
    JsonNode summary = JSON.readTree(Files.readString(report(run).resolve("summary.json")));
    assertThat(summary.at("/lines/details").asLong()).isEqualTo(expected.details());
    assertThat(summary.at("/lineClassification/matched/count").asLong())
        .isEqualTo(expected.matchedLines());
    assertThat(summary.at("/lineClassification/amount_mismatch/count").asLong())
        .isEqualTo(expected.amountMismatch());
    assertThat(summary.at("/lineClassification/unknown_reference/count").asLong())
        .isEqualTo(expected.unknownReference());
    assertThat(summary.at("/lineClassification/duplicate/count").asLong())
        .isEqualTo(expected.duplicateLines());
    assertThat(summary.at("/orderClassification/missing_at_bank/count").asLong())
        .isEqualTo(expected.missingAtBank());
    assertThat(summary.at("/trailer/verified").asBoolean()).isTrue();
    assertThat(summary.at("/trailer/creditTotal").asText())
        .isEqualTo(expected.creditTotal().toPlainString());
    assertThat(summary.at("/run/attempts").asInt()).isEqualTo(2);
    long csvRows = Files.readAllLines(report(run).resolve("report.csv")).size() - 1;
    assertThat(csvRows)
        .isEqualTo(
            expected.amountMismatch()
                + expected.unknownReference()
                + expected.duplicateLines()
                + expected.missingAtBank()
                // orders reached twice (duplicate) or with a wrong amount also have an order row
                + jdbc.sql(
                        "select count(*) from reconciliation_order_result where run_id = ?"
                            + " and classification in ('duplicate', 'amount_mismatch')")
                    .param(run)
                    .query(Long.class)
                    .single());
  }

  /** What a kill -9 leaves in the job repository: the execution and its step still STARTED. */
  private void leaveStarted(long run) {
    long execution =
        jdbc.sql("select max(job_execution_id) from batch_job_execution where job_instance_id = ?")
            .param(run)
            .query(Long.class)
            .single();
    jdbc.sql(
            "update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', end_time = null where job_execution_id = ?")
        .param(execution)
        .update();
    jdbc.sql(
            "update batch_step_execution set status = 'STARTED', exit_code = 'EXECUTING', end_time = null"
                + " where job_execution_id = ? and status = 'FAILED'")
        .param(execution)
        .update();
    jdbc.sql("update reconciliation_run set status = 'running', finished_at = null where id = ?")
        .param(run)
        .update();
  }

  private long staged(long run) {
    return jdbc.sql("select count(*) from settlement_staging where run_id = ?")
        .param(run)
        .query(Long.class)
        .single();
  }

  private String name(long run, long line) {
    return jdbc.sql("select customer_name from settlement_staging where run_id = ? and line_no = ?")
        .params(run, line)
        .query(String.class)
        .single();
  }

  /** Runs the golden file once per test JVM, from the drop folder, against its ledger. */
  private synchronized long golden() throws Exception {
    if (goldenRun != null) {
      return goldenRun;
    }
    Object[][] ledger = {
      {"PO2026112400001", "APP0000101", "100.00", "2026-11-23T23:59:30+07:00"},
      {"PO2026112400002", "APP0000102", "250.00", "2026-11-24T08:15:02+07:00"},
      {"PO2026112400003", "APP0000103", "500.00", "2026-11-24T09:12:45+07:00"},
      {"PO2026112400004", "APP0000104", "1200.00", "2026-11-24T10:10:10+07:00"},
      {"PO2026112400005", "APP0000105", "100.00", "2026-11-24T11:30:00+07:00"},
      {"PO2026112400006", "APP0000106", "75.50", "2026-11-24T14:22:33+07:00"},
      {"PO2026112400007", "APP0000107", "9999.99", "2026-11-24T15:33:44+07:00"},
      {"PO2026112400008", "APP0000108", "100.00", "2026-11-24T16:59:59+07:00"},
      {"PO2026112400009", "APP0000109", "400.00", "2026-11-24T17:30:00+07:00"},
    };
    for (Object[] o : ledger) {
      Timestamp paid = Timestamp.from(OffsetDateTime.parse((String) o[3]).toInstant());
      jdbc.sql(
              "insert into payment_order (id, application_id, connector, model, agency, biller_id,"
                  + " ref1, ref2, amount, amount_source, status, finished, qr_payload, bot_barcode,"
                  + " message_id, created_at, expires_at, updated_at, paid_at) values (?, ?,"
                  + " 'dsd-competency-certificate', 4, 'dsd', ?, ?, ?, ?, 'card_default', 'paid',"
                  + " true, 'golden', 'golden', ?, ?, ?, ?, ?)")
          .params(
              "PAY-GOLDEN-" + o[0],
              "APP-GOLDEN-" + o[1],
              DSD_BILLER,
              o[0],
              o[1],
              new BigDecimal((String) o[2]),
              UUID.randomUUID(),
              paid,
              paid,
              paid,
              paid)
          .update();
    }
    Files.createDirectories(dropDir());
    Files.copy(
        SETTLEMENT.resolve("golden-2026-11-24.txt"),
        dropDir().resolve("golden-2026-11-24.txt"),
        StandardCopyOption.REPLACE_EXISTING);
    HttpResponse<String> started = startRun("{\"file\":\"golden-2026-11-24.txt\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    JsonNode run = JSON.readTree(started.body()).path("runs").get(0);
    assertThat(run.path("status").asText()).as(started.body()).isEqualTo("completed");
    assertThat(dropDir().resolve("processed").resolve("golden-2026-11-24.txt")).exists();
    goldenRun = run.path("runId").asLong();
    return goldenRun;
  }

  /** Pays a DLD fee (set by the agency) at the sandbox gateway; returns its ref1 once paid. */
  private String paidAtSandbox(String amount) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String id =
        "APP-"
            + LocalDate.now(Zones.BANGKOK).toString().replace("-", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    applications.insert(
        new Application(
            id,
            UUID.randomUUID(),
            "it",
            "dld-animal-movement-permit",
            3,
            "dld",
            "3101200456789",
            CanonicalStatus.IN_REVIEW,
            JSON.createObjectNode(),
            JSON.createObjectNode(),
            null,
            now,
            now,
            now,
            0,
            null));
    applications.appendStatus(id, CanonicalStatus.IN_REVIEW, "hub", null, now, null, "it", null);
    statuses.record(
        applications.get(id),
        CanonicalStatus.PAYMENT_REQUIRED,
        "agency",
        "FEE",
        Instant.now(),
        "it:" + UUID.randomUUID(),
        null,
        JSON.readTree("{\"amount\":\"" + amount + "\"}"));
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(uri("/api/v1/applications/" + id + "/payment"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.noBody()),
            "citizen-somchai");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode order = JSON.readTree(created.body());
    HttpResponse<String> paid =
        sandboxPost(
            "/sandbox/v1/epayment/payments",
            "{\"qrPayload\":\""
                + order.path("qrPayload").asText()
                + "\",\"payer\":\"citizen-somchai\"}");
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        JSON.readTree(
                                get(
                                        "/api/v1/payments/" + order.path("paymentId").asText(),
                                        "citizen-somchai")
                                    .body())
                            .path("status")
                            .asText())
                    .isEqualTo("paid"));
    return order.path("ref1").asText();
  }

  private HttpResponse<String> startRun(String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/ops/v1/reconciliation/runs"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(5))
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        "operator");
  }

  private static Path dropDir() {
    return ENV.dataDir().resolve("reconciliation").resolve("drop");
  }

  private static Path report(long run) {
    return ENV.dataDir().resolve("reports").resolve("reconciliation").resolve(Long.toString(run));
  }
}
