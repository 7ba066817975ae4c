package org.saphan.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The operators' audit log line: whose data an action touched, never the citizen id itself. */
class OperatorAuditLogTest {

  @Test
  void shouldMaskEveryValidCitizenIdAndKeepOtherNumbersWhenTheTargetIsLogged() {
    assertThat(OperatorAudit.masked("citizenId=3101200456789"))
        .isEqualTo("citizenId=3-1012-xxxxx-xx-9");
    // 13 digits without a valid check digit, and longer or shorter numbers, are not ids
    assertThat(OperatorAudit.masked("ref=3101200456788, run=12345678901234, id=42"))
        .isEqualTo("ref=3101200456788, run=12345678901234, id=42");
    assertThat(OperatorAudit.masked(null)).isNull();
  }
}
