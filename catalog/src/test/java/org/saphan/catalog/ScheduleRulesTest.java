package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.catalog.cli.ValidateCommand;

/** {@code batch/schedules.yaml} schedules every recurring job of the hub, and nothing else. */
class ScheduleRulesTest {

  private static final String FILE = "batch/schedules.yaml";

  /** Every job, one line each: job n is on line n + 1. */
  private static final String GOOD =
      """
      jobs:
        leadership-renewal: {description: d, fixedDelay: 2s, initialDelay: 0s, scope: node}
        outbox-relay: {description: d, fixedDelay: 50ms, initialDelay: 0s}
        portal-notifier: {description: d, fixedDelay: 500ms, initialDelay: 0s}
        route-switch-sync: {description: d, fixedDelay: 5s, scope: node}
        delivery-circuit: {description: d, fixedDelay: 1s, scope: node}
        replay-resume: {description: d, fixedDelay: 30s}
        payment-expiry: {description: d, fixedDelay: 1m}
        payment-receipts: {description: d, fixedDelay: 30s}
        sla-check: {description: d, fixedDelay: 5m, scope: cluster}
        backoffice-payment-sync: {description: d, fixedDelay: 30s}
        backoffice-sweep: {description: d, fixedDelay: 1m}
        licence-expiry: {description: d, fixedDelay: 1h}
        licence-renewal: {description: d, fixedDelay: 1h}
        key-reload: {description: d, fixedDelay: 30s, scope: node}
        key-rotation: {description: d, fixedDelay: 1h}
        replay-guard-purge: {description: d, fixedDelay: 10m, initialDelay: 0s}
        reconciliation: {description: d, cron: "0 30 2 * * *", zone: Asia/Bangkok, settlementDay: previous}
        info-refresh: {description: d, cardSetting: info.source.refreshMinutes, initialDelay: 500ms}
        link-probe: {description: d, cardSetting: linkOut.probe.intervalSeconds, initialDelay: 1s}
        status-poll: {description: d, cardSetting: api.polling.intervalSeconds, initialDelay: 5s}
        evidence-timestamper: {description: d, fixedDelay: 5s}
        evidence-archive: {description: d, cron: "0 15 1 * * *", zone: Asia/Bangkok}
        batch-export: {description: d, cron: "0 0 21 * * *", zone: Asia/Bangkok}
        batch-import: {description: d, cron: "0 */15 * * * *", zone: Asia/Bangkok}
      """;

  @TempDir Path dir;

  private List<String> findings(String yaml) {
    new TestHome(dir).write(FILE, yaml);
    return ScheduleRules.check(dir).stream().map(Finding::toString).toList();
  }

  @Test
  void shouldFindNothingWhenEveryJobIsScheduled() {
    assertThat(findings(GOOD)).isEmpty();
  }

  @Test
  void shouldFindNothingWhenCheckingTheProjectsOwnSchedules() {
    assertThat(ScheduleRules.check(TestHome.projectHome())).isEmpty();
  }

  @Test
  void shouldReadEveryJobWhenTheFileIsValid() {
    // given
    new TestHome(dir).write(FILE, GOOD);
    // when
    ScheduleRules.Result result = ScheduleRules.read(dir.resolve(FILE), Path.of(FILE));
    // then
    assertThat(result.valid()).isTrue();
    assertThat(result.jobs()).hasSize(RecurringJob.values().length);
    JobSchedule relay = byJob(result, RecurringJob.OUTBOX_RELAY);
    assertThat(relay.fixedDelay()).isEqualTo(Duration.ofMillis(50));
    assertThat(relay.firstDelay()).isZero();
    assertThat(relay.scope()).isEqualTo(JobScope.CLUSTER);
    assertThat(byJob(result, RecurringJob.SLA_CHECK).firstDelay()).isEqualTo(Duration.ofMinutes(5));
    JobSchedule nightly = byJob(result, RecurringJob.RECONCILIATION);
    assertThat(nightly.cron()).isEqualTo("0 30 2 * * *");
    assertThat(nightly.zone()).isEqualTo(ZoneId.of("Asia/Bangkok"));
    assertThat(nightly.settings()).isEqualTo(Map.of("settlementDay", "previous"));
    JobSchedule probe = byJob(result, RecurringJob.LINK_PROBE);
    assertThat(probe.fixedDelay()).isNull();
    assertThat(probe.firstDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  private static JobSchedule byJob(ScheduleRules.Result result, RecurringJob job) {
    return result.jobs().stream().filter(s -> s.job() == job).findFirst().orElseThrow();
  }

  static Stream<Arguments> brokenEntries() {
    return Stream.of(
        Arguments.of(
            "sla-check:",
            "sla-checks:",
            "10: jobs.sla-checks: unknown job; the hub runs leadership-renewal, outbox-relay, portal-notifier, route-switch-sync, delivery-circuit, replay-resume, payment-expiry, payment-receipts, sla-check, backoffice-payment-sync, backoffice-sweep, licence-expiry, licence-renewal, key-reload, key-rotation, replay-guard-purge, evidence-timestamper, evidence-archive, reconciliation, batch-export, batch-import, info-refresh, link-probe, status-poll"),
        Arguments.of(
            "sla-check:",
            "sla-checks:",
            "1: jobs: no entry for sla-check: the hub runs every job listed here"),
        Arguments.of(
            "fixedDelay: 1m}",
            "fixedDelay: 1m, every: 1m}",
            "8: jobs.payment-expiry.every: unknown key; a job takes description, cron, zone, fixedDelay, initialDelay, scope, cardSetting"),
        Arguments.of(
            "fixedDelay: 5m, scope: cluster",
            "fixedDelay: 5m, scope: [cluster]",
            "10: jobs.sla-check.scope: must be text"),
        Arguments.of(
            "{description: d, fixedDelay: 1m}",
            "{fixedDelay: 1m}",
            "8: jobs.payment-expiry: description is missing: say what the job does, for operators"),
        Arguments.of(
            "fixedDelay: 5m, scope: cluster",
            "fixedDelay: 5m, scope: everywhere",
            "10: jobs.sla-check.scope: must be cluster or node"),
        Arguments.of(
            "fixedDelay: 5m, scope: cluster",
            "fixedDelay: 5m, scope: node",
            "10: jobs.sla-check.scope: runs once per cluster: write scope: cluster (or leave it out)"),
        Arguments.of(
            "fixedDelay: 30s, scope: node",
            "fixedDelay: 30s",
            "15: jobs.key-reload: runs on every node, for the node's own state: write scope: node"),
        Arguments.of(
            "fixedDelay: 1h}",
            "fixedDelay: 1 hour}",
            "13: jobs.licence-expiry.fixedDelay: '1 hour' is not a duration: write a whole number and a unit, e.g. 500ms, 30s, 5m, 1h"),
        Arguments.of(
            "fixedDelay: 1m}",
            "fixedDelay: 0s}",
            "8: jobs.payment-expiry.fixedDelay: must be more than zero"),
        Arguments.of(
            "{description: d, fixedDelay: 1m}",
            "{description: d}",
            "8: jobs.payment-expiry: has no cadence: give a cron (and zone) or a fixedDelay"),
        Arguments.of(
            "fixedDelay: 1m}",
            "fixedDelay: 1m, cron: \"0 0 * * * *\", zone: UTC}",
            "8: jobs.payment-expiry: cron and fixedDelay exclude each other: keep one"),
        Arguments.of(
            "\"0 30 2 * * *\"",
            "\"0 30 25 * * *\"",
            "18: jobs.reconciliation.cron: '0 30 25 * * *': hour '25' is out of range 0-23"),
        Arguments.of(
            "\"0 30 2 * * *\"",
            "\"0 30 2 * *\"",
            "18: jobs.reconciliation.cron: '0 30 2 * *' has 5 fields; write six: second minute hour day-of-month month day-of-week"),
        Arguments.of(
            "\"0 30 2 * * *\"",
            "\"0 30 2 * * MON-FRY\"",
            "18: jobs.reconciliation.cron: '0 30 2 * * MON-FRY': day of week 'MON-FRY' is out of range 0-7"),
        Arguments.of(
            "\"0 30 2 * * *\"",
            "\"0 */0 2 * * *\"",
            "18: jobs.reconciliation.cron: '0 */0 2 * * *': minute '*/0' has a step of 0"),
        Arguments.of(
            "\"0 30 2 * * *\"",
            "\"@nightly\"",
            "18: jobs.reconciliation.cron: '@nightly' is not a known macro (@annually, @daily, @hourly, @midnight, @monthly, @weekly, @yearly)"),
        Arguments.of(
            "zone: Asia/Bangkok",
            "zone: Asia/Bangkokk",
            "18: jobs.reconciliation.zone: 'Asia/Bangkokk' is not a time zone id, e.g. Asia/Bangkok"),
        Arguments.of(
            ", zone: Asia/Bangkok",
            "",
            "18: jobs.reconciliation: zone is missing: the cron is read in it, e.g. Asia/Bangkok"),
        Arguments.of(
            "fixedDelay: 1h}",
            "fixedDelay: 1h, zone: UTC}",
            "13: jobs.licence-expiry.zone: applies to a cron only"),
        Arguments.of(
            "zone: Asia/Bangkok,",
            "zone: Asia/Bangkok, initialDelay: 1s,",
            "18: jobs.reconciliation.initialDelay: applies to a fixedDelay only"),
        Arguments.of(
            "settlementDay: previous",
            "settlementDay: tomorrow",
            "18: jobs.reconciliation.settlementDay: must be previous or same"),
        Arguments.of(
            ", settlementDay: previous",
            "",
            "18: jobs.reconciliation: settlementDay is missing (previous or same)"),
        Arguments.of(
            "initialDelay: 500ms",
            "initialDelay: 500ms, fixedDelay: 1h",
            "19: jobs.info-refresh.fixedDelay: each connector's card gives this job's cadence (info.source.refreshMinutes): remove fixedDelay"),
        Arguments.of(
            "cardSetting: linkOut.probe.intervalSeconds",
            "cardSetting: linkOut.intervalSeconds",
            "20: jobs.link-probe.cardSetting: must be linkOut.probe.intervalSeconds, the card setting the hub reads"),
        Arguments.of(
            "cardSetting: api.polling.intervalSeconds, ",
            "",
            "21: jobs.status-poll: cardSetting is missing: write cardSetting: api.polling.intervalSeconds"),
        Arguments.of(
            "fixedDelay: 30s}",
            "fixedDelay: 30s, cardSetting: x}",
            "7: jobs.replay-resume.cardSetting: applies to a job run once per connector only"));
  }

  @ParameterizedTest
  @MethodSource("brokenEntries")
  void shouldNameFileLineAndJobWhenAnEntryIsWrong(String original, String broken, String expected) {
    // given
    String yaml = GOOD.replaceFirst(java.util.regex.Pattern.quote(original), broken);
    assertThat(yaml).isNotEqualTo(GOOD);
    // when
    List<String> findings = findings(yaml);
    // then
    assertThat(findings).contains(FILE + ":" + expected);
  }

  @Test
  void shouldRefuseAnUnknownTopLevelKeyWhenTheFileHasOne() {
    assertThat(findings(GOOD + "timers: {}\n"))
        .containsExactly(FILE + ":26: timers: unknown key; the file holds only jobs");
  }

  @Test
  void shouldRefuseTheFileWhenItHasNoJobs() {
    assertThat(findings("schedules: []\n"))
        .containsExactly(
            FILE + ":1: must be a mapping with one key, jobs, holding one entry per job");
  }

  @Test
  void shouldReportTheLineWhenTheFileIsNotYaml() {
    assertThat(findings("jobs:\n  outbox-relay: {description: [unclosed\n"))
        .containsExactly(
            FILE + ":3: YAML syntax error at column 1: expected ',' or ']', but got <stream end>");
  }

  @Test
  void shouldFindNothingWhenTheHomeHasNoBatchFolder() {
    assertThat(ScheduleRules.check(dir)).isEmpty();
  }

  @Test
  void shouldReportAMissingFileWhenTheBatchFolderHasNone() {
    // given
    new TestHome(dir).write("batch/README.md", "batch\n");
    // then
    assertThat(ScheduleRules.check(dir).stream().map(Finding::toString))
        .containsExactly(FILE + ": cannot be read; every recurring job's schedule is in it");
  }

  @Test
  void shouldAcceptTheCronFormsSpringReadsWhenTheyAreValid() {
    for (String cron :
        List.of(
            "0 30 2 * * *",
            "*/10 * * * * ?",
            "0 0 9-17 * * MON-FRI",
            "0 0 0 L * *",
            "0 0 0 LW * *",
            "0 0 0 15W * *",
            "0 0 0 ? JAN,JUL 5L",
            "0 0 0 ? * MON#2",
            "0 0/15 * 1-31/2 1-12 0-7",
            "@daily")) {
      assertThat(CronFields.problem(cron)).as(cron).isNull();
    }
  }

  @Test
  void shouldFailValidateWhenAScheduleIsWrong() {
    // given
    TestHome home = new TestHome(dir);
    home.write(FILE, GOOD.replaceFirst("fixedDelay: 1h}", "fixedDelay: soon}"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ValidateCommand command = home.validateCommand(out);
    // when
    int status = command.run("validate");
    // then
    assertThat(status).isEqualTo(ValidateCommand.INVALID);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "error: "
                + FILE
                + ":13: jobs.licence-expiry.fixedDelay: 'soon' is not a duration: write a whole"
                + " number and a unit, e.g. 500ms, 30s, 5m, 1h")
        .contains("0 cards, 1 error, 0 warnings");
  }
}
