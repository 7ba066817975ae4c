package org.saphan.hub.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void shouldUseSnakeCaseCodesWhenRenderedOnTheWire() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code))
        .allMatch(code -> code.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"))
        .doesNotHaveDuplicates();
    assertThat(ErrorCode.PAYLOAD_TOO_LARGE.code()).isEqualTo("payload_too_large");
  }

  @Test
  void shouldMapEveryCodeToAnErrorStatusWhenAnswered() {
    assertThat(Arrays.stream(ErrorCode.values()))
        .allMatch(c -> c.httpStatus() >= 400 && c.httpStatus() < 600)
        .allMatch(c -> !c.title().isBlank());
  }
}
