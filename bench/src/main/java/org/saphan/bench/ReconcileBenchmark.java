package org.saphan.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.saphan.catalog.common.Zones;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.reconciliation.ReconciliationJobConfiguration;
import org.saphan.hub.batch.reconciliation.ReconciliationPaths;
import org.saphan.hub.batch.reconciliation.ReconciliationProperties;
import org.saphan.hub.batch.reconciliation.ReconciliationRuns;
import org.saphan.hub.batch.reconciliation.RegisterRunTasklet;
import org.saphan.hub.batch.reconciliation.SyntheticSettlement;
import org.saphan.hub.platform.FaultInjection;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.configuration.support.DefaultBatchConfiguration;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code ./saphan bench reconcile --lines N}: the reconciliation job on N settlement lines.
 *
 * <p>What runs: an embedded PostgreSQL (zonky, as the sandbox) with the hub's Flyway schema; a
 * synthetic settlement file (TIS-620, Thai names, known discrepancies) and its ledger (COPY'd); the
 * real Spring Batch job, all four steps ({@code ReconciliationJobConfiguration}), in a minimal
 * Spring context with Spring Batch's JDBC job repository on that database. Not included: the hub's
 * launcher (cluster lock, inbox copy) and SFTP. Then, on the same file and ledger, a raw baseline:
 * decode each line's three fields, COPY them into an unindexed table, and one SQL join against the
 * ledger.
 *
 * <p>A hub killed during a large run: {@code CrashRecoveryIT} kills the hub process at the job's
 * crash points ({@code FaultInjection.Point.RECONCILIATION_LOAD}, after a block is COPY'd and
 * before its commit; {@code RECONCILIATION_MATCH}, after the classification and before its commit)
 * on files of a few thousand lines, where a crash point makes the size irrelevant to what is proved
 * (the restarted run's report equals an uninterrupted one's). What size changes is the cost of the
 * restart, which these figures give: a run killed in its load deletes the lines it staged and loads
 * the file again from line 1 (one more {@code reconciliationLoadStep}); a run killed in its match
 * runs the match again (one more {@code reconciliationMatchStep}); the hub restarts such a run
 * {@code saphan.reconciliation.recover-delay} (60 s) after it starts.
 */
final class ReconcileBenchmark {

  private static final String BILLER = "099400000002201";

  private ReconcileBenchmark() {}

  static void run(int lines) throws Exception {
    // The match step's per-statement timings, for the report.
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(
                org.saphan.hub.batch.reconciliation.ReconciliationMatcher.class))
        .setLevel(ch.qos.logback.classic.Level.DEBUG);
    Path home = Path.of(System.getProperty("saphan.home", ".")).toAbsolutePath();
    Path work = Files.createTempDirectory("saphan-bench-reconcile");
    System.out.printf(
        Locale.ROOT,
        "Saphan reconciliation benchmark: %,d orders, JDK %s, %d cores, max heap %d MB%n",
        lines,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    try (EmbeddedPostgres postgres =
            EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).start();
        HikariDataSource dataSource = dataSource(postgres)) {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      FixedWidthLayout layout =
          FixedWidthLayout.load(home.resolve("batch/layouts/bill-payment-settlement.yaml"));
      LocalDate day = LocalDate.now(Zones.BANGKOK);

      long t0 = System.nanoTime();
      Path file = work.resolve("BILLPAY_" + BILLER + "_bench.txt");
      SyntheticSettlement.Expected expected =
          SyntheticSettlement.write(layout, file, BILLER, "BN", lines, day);
      try (Connection c = dataSource.getConnection()) {
        SyntheticSettlement.copyLedger(
            c, BILLER, "BN", lines, day.atTime(1, 0).atZone(Zones.BANGKOK).toInstant());
      }
      try (Connection c = dataSource.getConnection()) {
        c.createStatement().execute("analyze payment_order");
      }
      System.out.printf(
          Locale.ROOT,
          "generated: %,d detail lines (%,d MB), %,d ledger orders in %.1f s%n",
          expected.details(),
          Files.size(file) >> 20,
          lines,
          (System.nanoTime() - t0) / 1e9);

      // the settlement reader alone (decode + parse + checks), for scale
      long readStart = System.nanoTime();
      long good = 0;
      try (var reader = org.saphan.hub.batch.layout.SettlementFileReader.open(file, layout)) {
        while (reader.hasNext()) {
          if (reader.next() instanceof org.saphan.hub.batch.layout.SettlementDetail) {
            good++;
          }
        }
      }
      double readSeconds = (System.nanoTime() - readStart) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "settlement reader alone: %,d details in %.1f s, %,.0f lines/s%n",
          good,
          readSeconds,
          good / readSeconds);

      // the job's reader (decoding ahead on its own thread) and COPY writer alone, without Spring
      // Batch (blocks of 10,000 lines, one transaction each), for scale
      long copyStart = System.nanoTime();
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        var single = new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true);
        var writer =
            new org.saphan.hub.batch.reconciliation.StagingCopyWriter(single, FaultInjection.NONE);
        var reader =
            new org.saphan.hub.batch.reconciliation.SettlementLineReader(
                file,
                layout,
                -1,
                new ReconciliationRuns(JdbcClient.create(single), Clock.systemUTC()),
                10_000);
        reader.open(new org.springframework.batch.item.ExecutionContext());
        try {
          while (true) {
            org.saphan.hub.batch.reconciliation.StagingBlock block;
            try {
              block = reader.read();
            } catch (org.saphan.hub.batch.reconciliation.BadSettlementLineException e) {
              continue;
            }
            if (block == null) {
              break;
            }
            writer.copy(block);
            c.commit();
          }
        } finally {
          reader.close();
        }
        c.createStatement().execute("delete from settlement_staging where run_id = -1");
        c.commit();
      }
      double copySeconds = (System.nanoTime() - copyStart) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "reader + COPY writer, no Spring Batch: %.1f s, %,.0f lines/s%n",
          copySeconds,
          good / copySeconds);

      // the job
      System.gc();
      resetPeaks();
      long heapBefore = usedHeap();
      try (AnnotationConfigApplicationContext context = context(dataSource, layout, work)) {
        JobLauncher launcher = context.getBean(JobLauncher.class);
        Job job = context.getBean("reconciliationJob", Job.class);
        long start = System.nanoTime();
        String sha = RegisterRunTasklet.sha256(file);
        JobExecution execution =
            launcher.run(
                job,
                new JobParametersBuilder()
                    .addString(ReconciliationJobConfiguration.FILE_SHA256, sha, true)
                    .addString(ReconciliationJobConfiguration.PATH, file.toString(), false)
                    .addString(ReconciliationJobConfiguration.FILE_NAME, "bench.txt", false)
                    .addString(ReconciliationJobConfiguration.SOURCE, "bench", false)
                    .toJobParameters());
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = peakHeap();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
          throw new IllegalStateException(
              "the job ended "
                  + execution.getStatus()
                  + ": "
                  + execution.getAllFailureExceptions());
        }
        long runId = execution.getJobInstance().getInstanceId();
        Map<String, Object> counts =
            JdbcClient.create(dataSource)
                .sql(
                    "select count(*) filter (where classification = 'matched') matched,"
                        + " count(*) filter (where classification = 'amount_mismatch') mismatch,"
                        + " count(*) filter (where classification = 'unknown_reference') unknown,"
                        + " count(*) filter (where classification = 'duplicate') duplicate"
                        + " from reconciliation_result where run_id = ?")
                .param(runId)
                .query()
                .singleRow();
        long missing =
            JdbcClient.create(dataSource)
                .sql(
                    "select count(*) from reconciliation_order_result where run_id = ? and classification = 'missing_at_bank'")
                .param(runId)
                .query(Long.class)
                .single();
        boolean exact =
            ((Number) counts.get("matched")).longValue() == expected.matchedLines()
                && ((Number) counts.get("mismatch")).longValue() == expected.amountMismatch()
                && ((Number) counts.get("unknown")).longValue() == expected.unknownReference()
                && ((Number) counts.get("duplicate")).longValue() == expected.duplicateLines()
                && missing == expected.missingAtBank();
        System.out.printf(
            Locale.ROOT,
            "job (Spring Batch, 4 steps): %.1f s, %,.0f lines/s, peak heap %d MB (%d MB before),"
                + " classification %s%n",
            seconds,
            expected.details() / seconds,
            peak >> 20,
            heapBefore >> 20,
            exact ? "as expected" : "WRONG " + counts + " missing=" + missing);
        for (StepExecution step : execution.getStepExecutions()) {
          System.out.printf(
              Locale.ROOT,
              "  %-28s %6.1f s%n",
              step.getStepName(),
              java.time.Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1e3);
        }
        double raw = baseline(dataSource, file);
        System.out.printf(
            Locale.ROOT,
            "raw baseline (decode + COPY + one join): %.1f s, %,.0f lines/s; job / baseline = %.2fx%n",
            raw,
            expected.details() / raw,
            seconds / raw);
      }
    }
  }

  /** Decodes three fields per line, COPYs them into an unindexed table, joins once. */
  private static double baseline(DataSource dataSource, Path file) throws Exception {
    Charset tis620 = Charset.forName("TIS-620");
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.createStatement()
          .execute(
              "create unlogged table if not exists raw_staging (line_no bigint, biller_id text, ref1 text, amount numeric(13,2))");
      c.createStatement().execute("truncate raw_staging");
      CopyIn copy =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY raw_staging FROM STDIN WITH (FORMAT csv)");
      byte[] record = new byte[258];
      StringBuilder csv = new StringBuilder(1 << 20);
      long line = 0;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        while (in.readNBytes(record, 0, 258) == 258) {
          line++;
          if (record[0] != 'D') {
            continue;
          }
          String text = new String(record, 0, 256, tis620);
          String amount = text.substring(163, 176);
          csv.append(line)
              .append(',')
              .append(text, 196, 211)
              .append(',')
              .append(text.substring(84, 104).trim())
              .append(',')
              .append(amount, 0, 11)
              .append('.')
              .append(amount, 11, 13)
              .append('\n');
          if (csv.length() > (1 << 20) - 512) {
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            csv.setLength(0);
          }
        }
      }
      byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      copy.endCopy();
      try (var rs =
          c.createStatement()
              .executeQuery(
                  "select count(*) filter (where o.id is null), count(*) filter (where o.amount = s.amount)"
                      + " from raw_staging s left join payment_order o on o.biller_id = s.biller_id and o.ref1 = s.ref1")) {
        rs.next();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static AnnotationConfigApplicationContext context(
      HikariDataSource dataSource, FixedWidthLayout layout, Path work) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean("dataSource", DataSource.class, () -> dataSource);
    context.registerBean(FixedWidthLayout.class, () -> layout);
    context.registerBean(
        ReconciliationPaths.class,
        () -> new ReconciliationPaths(work.resolve("inbox"), work.resolve("reports")));
    context.register(BenchBatchConfiguration.class);
    context.refresh();
    return context;
  }

  /** Spring Batch's JDBC job repository on the benchmark database, and the job's collaborators. */
  @Configuration(proxyBeanMethods = false)
  @Import(ReconciliationJobConfiguration.class)
  static class BenchBatchConfiguration extends DefaultBatchConfiguration {

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
      return JdbcClient.create(dataSource);
    }

    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    @Bean
    ReconciliationProperties reconciliationProperties() {
      return new ReconciliationProperties();
    }

    @Bean
    FaultInjection faultInjection() {
      return FaultInjection.NONE;
    }

    @Bean
    ReconciliationRuns reconciliationRuns(JdbcClient jdbc, Clock clock) {
      return new ReconciliationRuns(jdbc, clock);
    }
  }

  private static HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(8);
    return new HikariDataSource(config);
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
