package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code batch/layouts} and {@code batch/calendar} as validate sees them: file, line, message. */
class BatchFileRulesTest {

  private static final String LAYOUT = "batch/layouts/mini.yaml";
  private static final String CALENDAR = "batch/calendar/th-holidays-2026.yaml";
  private static final LocalDate JUNE_2026 = LocalDate.of(2026, 6, 1);

  /** A small valid layout; each row below breaks it one way. */
  private static final String MINIMAL_LAYOUT =
      """
      name: mini
      recordLength: 20
      encoding: TIS-620
      recordType: {start: 0, length: 1}
      records:
        - code: D
          role: detail
          fields:
            - {name: recordType, start: 0, length: 1, type: text, values: [D]}
            - {name: amount, start: 1, length: 10, type: amount2}
            - {name: paid, start: 11, length: 8, type: date-ddmmyyyy}
            - {name: spare, start: 19, length: 1, type: spare}
      """;

  /** A small valid calendar year. */
  private static final String MINIMAL_CALENDAR =
      """
      year: 2026
      holidays:
        - date: "2026-05-31"
          name: {th: วันวิสาขบูชา, en: Visakha Bucha Day}
          kind: annual
        - date: "2026-06-01"
          name: {th: วันหยุดชดเชยวันวิสาขบูชา}
          kind: substitution
          substitutes: "2026-05-31"
      """;

  @TempDir Path dir;

  private TestHome home;

  @BeforeEach
  void home() {
    home = new TestHome(dir);
  }

  private List<String> findings(String file, String yaml, LocalDate today) {
    home.write(file, yaml);
    return BatchFileRules.check(dir, today).stream().map(Finding::toString).toList();
  }

  @Test
  void shouldFindNothingWhenCheckingTheProjectsOwnBatchFiles() {
    assertThat(BatchFileRules.check(TestHome.projectHome(), JUNE_2026)).isEmpty();
  }

  @Test
  void shouldFindNothingWhenLayoutAndCalendarAreValid() {
    // given
    home.write(LAYOUT, MINIMAL_LAYOUT);
    // when
    List<String> findings = findings(CALENDAR, MINIMAL_CALENDAR, JUNE_2026);
    // then
    assertThat(findings).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // an overlap: paid starts inside amount
        "start: 11, length: 8, type: date|start: 10, length: 8, type: date"
            + "|11: records[D].fields[paid].start: overlap: starts at 10, previous field ends at 11",
        // a charset that does not exist
        "encoding: TIS-620|encoding: TIS-999|3: encoding: unknown charset TIS-999",
        // a multi-byte charset: columns would not be bytes
        "encoding: TIS-620|encoding: UTF-8|3: encoding: UTF-8 is not a single-byte charset",
        // a misspelt field key
        "type: amount2}|type: amount2, lenght: 3}"
            + "|10: records[D].fields[amount]: unknown key 'lenght'",
        // a bad field type
        "type: amount2|type: money|10: records[D].fields[amount].type: must be one of text,"
            + " number, amount2, date-ddmmyyyy, time-hhmmss, spare, got money",
        // a date of the wrong length
        "start: 11, length: 8, type: date|start: 11, length: 7, type: date"
            + "|11: records[D].fields[paid].length: a date-ddmmyyyy field is 8 long"
      })
  void shouldNameFileLineAndFieldWhenALayoutIsWrong(
      String original, String broken, String expected) {
    // given
    String yaml = MINIMAL_LAYOUT.replace(original, broken);
    assertThat(yaml).isNotEqualTo(MINIMAL_LAYOUT);
    // when
    List<String> findings = findings(LAYOUT, yaml, JUNE_2026);
    // then
    assertThat(findings).contains(LAYOUT + ":" + expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // not a date
        "date: \"2026-05-31\"|date: \"2026-13-31\""
            + "|3: holidays[0].date: '2026-13-31' is not an ISO date (yyyy-MM-dd)",
        // the same day twice
        "date: \"2026-06-01\"|date: \"2026-05-31\""
            + "|6: holidays[1].date: 2026-05-31 is listed twice",
        // a day of another year
        "date: \"2026-06-01\"|date: \"2027-06-01\"|6: holidays[1].date: 2027-06-01 is not in 2026",
        // the year field disagrees with the file name
        "year: 2026|year: 2569|1: year must be 2026 (the year in the file name)",
        // an unknown kind
        "kind: annual|kind: royal|5: holidays[0].kind: must be one of [annual, special,"
            + " substitution]",
        // a substitution day that names a day after it
        "substitutes: \"2026-05-31\"|substitutes: \"2026-06-02\""
            + "|9: holidays[1].substitutes: 2026-06-02 is not before the substitution day"
            + " 2026-06-01",
        // a substitution for a day the file does not list
        "substitutes: \"2026-05-31\"|substitutes: \"2026-05-30\""
            + "|9: holidays[1].substitutes: 2026-05-30 is not a holiday of this file",
        // a misspelt key
        "kind: annual|kind: annual\\n    confirmd: false"
            + "|6: holidays[0].confirmd: is not a calendar property; use [confirmed, date, kind,"
            + " name, substitutes]"
      })
  void shouldNameFileLineAndHolidayWhenACalendarFileIsWrong(
      String original, String broken, String expected) {
    // given
    String yaml =
        MINIMAL_CALENDAR.replaceFirst(Pattern.quote(original), broken.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(MINIMAL_CALENDAR);
    // when
    List<String> findings = findings(CALENDAR, yaml, JUNE_2026);
    // then
    assertThat(findings).contains(CALENDAR + ":" + expected);
  }

  @Test
  void shouldRefuseABuddhistEraFileName() {
    // when
    List<String> findings =
        findings(
            "batch/calendar/th-holidays-2569.yaml",
            MINIMAL_CALENDAR.replace("year: 2026", "year: 2569"),
            LocalDate.of(2569 - 543, 6, 1));
    // then
    assertThat(findings)
        .contains(
            "batch/calendar/th-holidays-2569.yaml:1: the file name's year 2569 is a Buddhist-era"
                + " year; calendar files use Christian-era (Gregorian) years:"
                + " th-holidays-2026.yaml");
  }

  @Test
  void shouldWarnWhenTheCalendarDoesNotCoverNextYearInDecember() {
    // when
    List<Finding> findings = BatchFileRules.check(writeCalendar(), LocalDate.of(2026, 12, 1));
    // then
    assertThat(findings)
        .extracting(Finding::toString)
        .containsExactly(
            "batch/calendar: has no th-holidays-2027.yaml: SLA clocks in 2027 skip weekends only;"
                + " add the year's government holidays");
    assertThat(findings).noneMatch(Finding::isError);
  }

  @Test
  void shouldWarnWhenAYamlFileInTheCalendarIsNotNamedForAYear() {
    // given
    home.write("batch/calendar/holidays.yaml", MINIMAL_CALENDAR);
    // when
    List<String> findings = findings(CALENDAR, MINIMAL_CALENDAR, JUNE_2026);
    // then
    assertThat(findings)
        .containsExactly(
            "batch/calendar/holidays.yaml: is not read by the hub: name a calendar file"
                + " th-holidays-<year>.yaml");
  }

  private Path writeCalendar() {
    home.write(CALENDAR, MINIMAL_CALENDAR);
    return dir;
  }
}
