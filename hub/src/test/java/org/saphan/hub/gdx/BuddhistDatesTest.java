package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.hub.gdx.GdxAssertions.assertCode;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.saphan.hub.error.ErrorCode;

/** BE {@code yyyyMMdd} as the registers write it, to and from partial ISO dates. */
class BuddhistDatesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "25380512, 1995-05-12",
    "25380500, 1995-05",
    "25380000, 1995",
    "25430229, 2000-02-29",
    "25470229, 2004-02-29",
    "25181231, 1975-12-31",
    "25180101, 1975-01-01",
    "24000101, 1857-01-01",
    "' 25380512 ', 1995-05-12"
  })
  void shouldReadTheKnownPartsWhenTheStringIsAValidBeDate(String be, String iso) {
    // when / then
    assertThat(BuddhistDates.parse(be)).hasValueSatisfying(d -> assertThat(d.iso()).isEqualTo(iso));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"25180712, 1975-07-12", "25290000, 1986", "25380500, 1995-05"})
  void shouldReadTheKnownPartsWhenTheIntegerIsAValidBeDate(long be, String iso) {
    // when / then
    assertThat(BuddhistDates.parse(be)).hasValueSatisfying(d -> assertThat(d.iso()).isEqualTo(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "00000000", " 0 "})
  void shouldAnswerEmptyWhenTheStringSaysTheDateIsUnknownEntirely(String be) {
    // when / then
    assertThat(BuddhistDates.parse(be)).isEmpty();
  }

  @Test
  void shouldAnswerEmptyWhenTheIntegerIsZero() {
    // when / then
    assertThat(BuddhistDates.parse(0L)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "25380231, does not exist in month 02 of BE 2538",
    "25440229, does not exist in month 02 of BE 2544",
    "24430229, does not exist in month 02 of BE 2443",
    "25380431, does not exist in month 04 of BE 2538",
    "25380532, does not exist in month 05 of BE 2538",
    "25381301, month 13 does not exist",
    "25380012, the month is unknown",
    "00000512, the year is unknown",
    "00000500, the year is unknown",
    "00050000, outside 2400-2999",
    "19950512, a CE year given as BE?",
    "30000101, outside 2400-2999",
    "2538, expected 8 digits",
    "253805, expected 8 digits",
    "2538051, expected 8 digits",
    "253805120, expected 8 digits",
    "2538O512, expected 8 digits",
    "2538-05-12, expected 8 digits",
    "-25380512, expected 8 digits",
    "'', expected 8 digits",
    "-0, expected 8 digits"
  })
  void shouldRefuseWithValidationFailedWhenTheStringIsNotABeDate(String be, String reason) {
    // when / then
    assertCode(() -> BuddhistDates.parse(be), ErrorCode.VALIDATION_FAILED)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "-1, non-negative",
    "-25380512, non-negative",
    "100000000, at most 8 digits",
    "2538, the year is unknown",
    "25440229, does not exist"
  })
  void shouldRefuseWithValidationFailedWhenTheIntegerIsNotABeDate(long be, String reason) {
    // when / then
    assertCode(() -> BuddhistDates.parse(be), ErrorCode.VALIDATION_FAILED)
        .hasMessageContaining(reason);
  }

  @Test
  void shouldRefuseWithValidationFailedWhenTheStringIsNull() {
    // when / then
    assertCode(() -> BuddhistDates.parse((String) null), ErrorCode.VALIDATION_FAILED);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1995-05-12, 25380512",
    "1995-05, 25380500",
    "1995, 25380000",
    "2000-02-29, 25430229"
  })
  void shouldWriteUnknownPartsAsZerosWhenFormattingForGdx(String iso, String be) {
    // when / then
    assertThat(BuddhistDates.format(PartialDate.parse(iso))).isEqualTo(be);
    assertThat(BuddhistDates.parse(be)).contains(PartialDate.parse(iso));
  }

  @Test
  void shouldWriteZerosWhenTheDateIsUnknownEntirely() {
    // when / then
    assertThat(BuddhistDates.format(null)).isEqualTo("00000000");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1995-00", "1995-05-00", "1995-02-30", "2001-02-29", "95", "1995-5-1"})
  void shouldRefuseWithValidationFailedWhenTheIsoDateIsNotAPartialDate(String iso) {
    // when / then
    assertCode(() -> PartialDate.parse(iso), ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void shouldGiveACalendarDateOnlyWhenEveryPartIsKnown() {
    // when / then
    assertThat(PartialDate.parse("1995-05-12").toLocalDate()).contains(LocalDate.of(1995, 5, 12));
    assertThat(PartialDate.parse("1995-05").toLocalDate()).isEmpty();
    assertThat(PartialDate.ofYear(1995).hasMonth()).isFalse();
  }
}
