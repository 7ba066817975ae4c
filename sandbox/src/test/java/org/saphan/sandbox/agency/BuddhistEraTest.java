package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BuddhistEraTest {

  // 2025-04-02T07:10:00Z is 14:10 in Bangkok: the approved.status example of the DCY mapping.
  static final ZonedDateTime APPROVED =
      BuddhistEra.inBangkok(Instant.parse("2025-04-02T07:10:00Z"));

  @Test
  void shouldWriteBuddhistEraDateAndThaiTimeWhenFormattingCallbackFields() {
    // when / then
    assertThat(BuddhistEra.date(APPROVED)).isEqualTo("25680402");
    assertThat(BuddhistEra.time(APPROVED)).isEqualTo("141000");
    assertThat(BuddhistEra.shortDate(APPROVED)).isEqualTo("680402");
    assertThat(BuddhistEra.iso(APPROVED)).isEqualTo("2025-04-02T14:10:00+07:00");
  }

  @Test
  void shouldUseThaiDateWhenUtcIsStillTheDayBefore() {
    // given: 2025-03-13T20:00Z is already 2025-03-14 03:00 in Bangkok
    ZonedDateTime thai = BuddhistEra.inBangkok(Instant.parse("2025-03-13T20:00:00Z"));

    // when / then
    assertThat(BuddhistEra.date(thai)).isEqualTo("25680314");
  }

  @Test
  void shouldReadBuddhistEraDateWhenValidAndRefuseWhenNot() {
    // when / then
    assertThat(BuddhistEra.parseDate("25680201")).isEqualTo(LocalDate.of(2025, 2, 1));
    assertThat(BuddhistEra.parseDate("25680230")).isNull();
    assertThat(BuddhistEra.parseDate("20250201")).isNull();
    assertThat(BuddhistEra.parseDate("2568-02-01")).isNull();
  }
}
