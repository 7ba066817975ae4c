package org.saphan.sandbox.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.sandbox.gdx.GdxClient.AGENT;
import static org.saphan.sandbox.gdx.GdxClient.CONSUMER_KEY;
import static org.saphan.sandbox.gdx.GdxClient.CONSUMER_SECRET;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class GdxFaultsIT extends GdxSimulatorTestSupport {

  private static final String SOMCHAI = "3101200456789";

  @Test
  void shouldAnswer503EverywhereWhenGdxIsDown() {
    // given
    String token = gdx.token();
    gdx.fault("down");

    // when
    ResponseEntity<JsonNode> login = gdx.login(CONSUMER_KEY, CONSUMER_SECRET, AGENT);
    ResponseEntity<JsonNode> read = gdx.link(token, "001", SOMCHAI);
    ResponseEntity<JsonNode> permission = gdx.permission(CONSUMER_KEY, AGENT);

    // then
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(permission.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(read.getBody().get("Code").asText()).isEqualTo("503");
  }

  @Test
  void shouldAnswerLateWhenGdxIsSlow() {
    // given
    String token = gdx.token();
    gdx.fault("slow", 400, null);

    // when
    long start = System.nanoTime();
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void shouldAnswer401OnceWhenTokenExpiredFaultIsSet() {
    // given
    String token = gdx.token();
    gdx.fault("token_expired");

    // when
    ResponseEntity<JsonNode> first = gdx.link(token, "001", SOMCHAI);
    ResponseEntity<JsonNode> sameTokenAgain = gdx.link(token, "001", SOMCHAI);
    ResponseEntity<JsonNode> afterRelogin = gdx.link(gdx.token(), "001", SOMCHAI);

    // then
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(first.getBody().get("Code").asText()).isEqualTo("401");
    assertThat(first.getBody().get("Message").asText()).isEqualTo("token expired");
    assertThat(sameTokenAgain.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(afterRelogin.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.getForObject("/sandbox/v1/gdx/faults", JsonNode.class).get("mode").asText())
        .isEqualTo("none");
  }

  @Test
  void shouldAnswer404With00001WhenNotFoundFaultIsSet() {
    // given a citizen the registers do hold
    String token = gdx.token();
    gdx.fault("not_found");

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("00001");
  }

  @ParameterizedTest(name = "code={0}")
  @CsvSource(
      nullValues = "null",
      value = {"null, 500", "[2], [2]", "[4], [4]"})
  void shouldAnswer500WithGivenCodeWhenError500FaultIsSet(String code, String expected) {
    // given
    String token = gdx.token();
    gdx.fault("error_500", 0, code);

    // when
    ResponseEntity<JsonNode> read = gdx.link(token, "001", SOMCHAI);
    ResponseEntity<JsonNode> check =
        gdx.verify(token, SOMCHAI, "สมชาย", "ใจดี", "25180712", "JT3101245678");

    // then
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(read.getBody().get("Code").asText()).isEqualTo(expected);
    assertThat(check.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(check.getBody().get("Code").asText()).isEqualTo(expected);
  }

  @Test
  void shouldAnswerNormallyWhenFaultIsClearedWithNone() {
    // given
    String token = gdx.token();
    gdx.fault("down");
    gdx.fault("none");

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void shouldRefuseFaultWith400WhenModeIsUnknown() {
    // given / when
    ResponseEntity<JsonNode> answer = gdx.control("/faults", Map.of("mode", "flaky"));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("fault_mode_unknown");
  }

  @Test
  void shouldRefuseSessionWith400WhenStateIsUnknown() {
    // given / when
    ResponseEntity<JsonNode> answer =
        gdx.control("/agents/" + AGENT + "/session", Map.of("state", "Available"));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("session_state_unknown");
  }

  @Test
  void shouldRefuseClockWith400WhenAskedToGoBack() {
    // given / when
    ResponseEntity<JsonNode> answer = gdx.control("/clock", Map.of("advanceMinutes", -5));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("clock_advance_invalid");
  }
}
