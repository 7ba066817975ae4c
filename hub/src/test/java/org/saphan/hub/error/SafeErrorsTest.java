package org.saphan.hub.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;

class SafeErrorsTest {

  private static final String CITIZEN_ID = "1101799988870";

  @Test
  void shouldNameClassesAndSqlStateWithoutMessagesWhenDatabaseQuotesData() {
    // given: PostgreSQL's jsonb refusal quotes the stored JSON around the bad character
    PSQLException database =
        new PSQLException(
            "ERROR: unsupported Unicode escape sequence\n  Where: JSON data, line 1: "
                + "{\"child\":{\"citizenId\":\""
                + CITIZEN_ID,
            PSQLState.DATA_ERROR);
    DataIntegrityViolationException failure =
        new DataIntegrityViolationException("insert into application ... " + CITIZEN_ID, database);
    // when
    String described = SafeErrors.describe(failure);
    // then
    assertThat(described)
        .doesNotContain(CITIZEN_ID)
        .contains("DataIntegrityViolationException")
        .contains("PSQLException[sqlState=22000]");
  }

  @Test
  void shouldNameEveryClassOfTheChainWhenParserFails() {
    // given
    IllegalStateException failure =
        new IllegalStateException(
            "wrapped", new IllegalArgumentException("Unexpected character near " + CITIZEN_ID));
    // when
    String described = SafeErrors.describe(failure);
    // then
    assertThat(described)
        .startsWith("IllegalStateException <- IllegalArgumentException")
        .doesNotContain(CITIZEN_ID)
        .contains(" at org.saphan.hub.error.SafeErrorsTest");
  }
}
