package org.saphan.hub.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingDayCalendarTest {

  static final Path CALENDAR =
      Path.of(System.getProperty("saphan.home", "..")).resolve("batch/calendar");

  final WorkingDayCalendar calendar = WorkingDayCalendar.load(CALENDAR);

  @Test
  void shouldSkipTheWeekendWhenCountingFromAFriday() {
    // given: Friday 27 November 2026
    LocalDate friday = LocalDate.of(2026, 11, 27);
    // when
    LocalDate next = calendar.addWorkingDays(friday, 1);
    // then
    assertThat(next).isEqualTo(LocalDate.of(2026, 11, 30));
  }

  @Test
  void shouldSkipSongkranWhenCountingThroughMidApril() {
    // given: Thursday 9 April 2026; 13-15 April are Songkran
    LocalDate thursday = LocalDate.of(2026, 4, 9);
    // when
    LocalDate due = calendar.addWorkingDays(thursday, 3);
    // then: Fri 10, (weekend, Songkran) Thu 16, Fri 17
    assertThat(due).isEqualTo(LocalDate.of(2026, 4, 17));
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 4, 14))).isFalse();
  }

  @Test
  void shouldSkipTheSubstitutionDayWhenAHolidayFellOnASunday() {
    // given: Visakha Bucha on Sunday 31 May 2026, substituted on Monday 1 June
    LocalDate friday = LocalDate.of(2026, 5, 29);
    // when
    LocalDate first = calendar.addWorkingDays(friday, 1);
    LocalDate second = calendar.addWorkingDays(friday, 2);
    // then: Tue 2 June, then Thu 4 June (3 June is the Queen's birthday)
    assertThat(calendar.holiday(LocalDate.of(2026, 6, 1)))
        .hasValueSatisfying(h -> assertThat(h.kind()).isEqualTo("substitution"));
    assertThat(first).isEqualTo(LocalDate.of(2026, 6, 2));
    assertThat(second).isEqualTo(LocalDate.of(2026, 6, 4));
  }

  @Test
  void shouldSkipTheSubstitutionDayWhenAHolidayFellOnASaturday() {
    // given: Father's Day on Saturday 5 December 2026, substituted on Monday 7 December
    LocalDate friday = LocalDate.of(2026, 12, 4);
    // when
    LocalDate next = calendar.addWorkingDays(friday, 1);
    // then
    assertThat(next).isEqualTo(LocalDate.of(2026, 12, 8));
  }

  @Test
  void shouldCountIntoTheNextYearWhenTheDueDateCrossesNewYear() {
    // given: Wednesday 30 December 2026; 31 Dec and 1 Jan are holidays, then a weekend
    LocalDate wednesday = LocalDate.of(2026, 12, 30);
    // when
    LocalDate due = calendar.addWorkingDays(wednesday, 2);
    // then
    assertThat(due).isEqualTo(LocalDate.of(2027, 1, 5));
  }

  @Test
  void shouldEndTheDueDayAtBangkokMidnightWhenGivenAnInstant() {
    // given: 00:30 on Friday 27 November in Bangkok, still Thursday in UTC
    Instant start = Instant.parse("2026-11-26T17:30:00Z");
    // when
    Instant due = calendar.dueAt(start, 1);
    // then: the end of Monday 30 November, Bangkok time
    assertThat(due).isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
  }

  @Test
  void shouldBeDueAtTheEndOfTheNextWorkingDayWhenZeroDaysStartOnASaturday() {
    // given
    Instant saturdayNoon = Instant.parse("2026-11-28T05:00:00Z");
    // when
    Instant due = calendar.dueAt(saturdayNoon, 0);
    // then
    assertThat(due).isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
  }

  @Test
  void shouldCountWorkingDaysBetweenInstantsWhenAWeekendLiesBetween() {
    // given
    Instant friday = Instant.parse("2026-11-27T03:00:00Z");
    Instant tuesday = Instant.parse("2026-12-01T03:00:00Z");
    // when / then: Monday and Tuesday
    assertThat(calendar.workingDaysBetween(friday, tuesday)).isEqualTo(2);
  }

  @Test
  void shouldCountWeekendsOnlyWhenTheYearHasNoHolidayFile() {
    // given: 1 January 2030 is a Tuesday and no 2030 file exists
    LocalDate monday = LocalDate.of(2029, 12, 31);
    // when
    LocalDate next = calendar.addWorkingDays(monday, 1);
    // then
    assertThat(calendar.coveredYears()).containsExactly(2026, 2027);
    assertThat(next).isEqualTo(LocalDate.of(2030, 1, 1));
  }

  @Test
  void shouldMarkNextYearProvisionalWhenTheCabinetHasNotAnnouncedIt() {
    assertThat(calendar.year(2027)).hasValueSatisfying(y -> assertThat(y.provisional()).isTrue());
    assertThat(calendar.year(2026)).hasValueSatisfying(y -> assertThat(y.provisional()).isFalse());
  }

  @Test
  void shouldListEveryProblemWhenAFileIsMalformed(@TempDir Path dir) throws Exception {
    // given
    Files.writeString(
        dir.resolve("th-holidays-2026.yaml"),
        """
        year: 2026
        holidays:
          - date: "2026-13-01"
            name: {th: ผิด}
            kind: annual
          - date: "2026-06-01"
            name: {th: ชดเชย}
            kind: substitution
          - date: "2027-01-01"
            name: {th: ปีอื่น}
            kind: holiday
        """);
    // when / then
    assertThatThrownBy(() -> WorkingDayCalendar.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holidays[0].date: '2026-13-01' is not an ISO date")
        .hasMessageContaining("holidays[1].substitutes: a substitution day names")
        .hasMessageContaining("holidays[2].kind: must be one of")
        .hasMessageContaining("holidays[2].date: 2027-01-01 is not in 2026");
  }

  @Test
  void shouldRefuseAFileWhoseYearDiffersFromItsName() {
    // given
    List<String> problems = new ArrayList<>();
    // when
    WorkingDayCalendar.parse("year: 2025\nholidays: []\n", "th-holidays-2026.yaml", 2026, problems);
    // then
    assertThat(problems)
        .containsExactly(
            "th-holidays-2026.yaml: year must be 2026 (the year in the" + " file name)");
  }
}
