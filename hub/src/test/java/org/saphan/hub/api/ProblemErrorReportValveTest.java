package org.saphan.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tomcat.util.res.StringManager;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;

class ProblemErrorReportValveTest {

  private static final StringManager HTTP11 = StringManager.getManager("org.apache.coyote.http11");

  @Test
  void shouldAnswerMalformedPathWhenContainerRefusedAnEncodedSlash() {
    assertThat(ProblemErrorReportValve.codeOf(400, "/api%2Fv1/services?x=1", null))
        .isEqualTo(ErrorCode.MALFORMED_PATH);
  }

  @Test
  void shouldAnswerMalformedPathWhenRequestTargetHasARefusedCharacter() {
    // given: Tomcat's own message for a backslash in the request line
    IllegalArgumentException cause =
        new IllegalArgumentException(HTTP11.getString("iib.invalidRequestTarget", "/api\\v1"));
    // when / then
    assertThat(ProblemErrorReportValve.codeOf(400, null, cause))
        .isEqualTo(ErrorCode.MALFORMED_PATH);
  }

  @Test
  void shouldAnswerHeadersTooLargeWhenHeaderBufferOverflowed() {
    // given
    IllegalArgumentException cause =
        new IllegalArgumentException(HTTP11.getString("iib.requestheadertoolarge.error"));
    // when / then
    assertThat(ProblemErrorReportValve.codeOf(400, "/api/v1/services", cause))
        .isEqualTo(ErrorCode.HEADERS_TOO_LARGE);
  }

  @Test
  void shouldAnswerMalformedRequestWhenHeaderBytesAreBad() {
    // given
    IllegalArgumentException cause =
        new IllegalArgumentException(HTTP11.getString("iib.invalidheader.reject", "X-Bad"));
    // when / then
    assertThat(ProblemErrorReportValve.codeOf(400, "/api/v1/services", cause))
        .isEqualTo(ErrorCode.MALFORMED_REQUEST);
  }
}
