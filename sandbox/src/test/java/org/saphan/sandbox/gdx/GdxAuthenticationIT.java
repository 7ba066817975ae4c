package org.saphan.sandbox.gdx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.sandbox.gdx.GdxClient.AGENT;
import static org.saphan.sandbox.gdx.GdxClient.CONSUMER_KEY;
import static org.saphan.sandbox.gdx.GdxClient.CONSUMER_SECRET;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class GdxAuthenticationIT extends GdxSimulatorTestSupport {

  private static final String SOMCHAI = "3101200456789";

  @Test
  void shouldIssueUuidTokenWhenConsumerKeyAndSecretAreRight() {
    // given the sandbox credentials and the registered agent
    // when
    ResponseEntity<JsonNode> answer = gdx.login(CONSUMER_KEY, CONSUMER_SECRET, AGENT);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
        .isTrue();
    assertThat(answer.getHeaders().getContentType().getCharset()).isEqualTo(UTF_8);
    assertThat(answer.getBody().get("Result").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void shouldAnswerPersonRecordWhenDataCallCarriesFreshToken() {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().get("firstName").asText()).isEqualTo("สมชาย");
  }

  @ParameterizedTest(name = "key={0} secret={1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "wrong-key, sandbox-gdx-consumer-secret",
        "sandbox-gdx-consumer-key, wrong-secret",
        "null, sandbox-gdx-consumer-secret",
        "sandbox-gdx-consumer-key, null",
      })
  void shouldRefuseLoginWith401WhenConsumerKeyOrSecretIsWrong(String key, String secret) {
    // given wrong or missing credentials
    // when
    ResponseEntity<JsonNode> answer = gdx.login(key, secret, AGENT);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("401");
  }

  @Test
  void shouldRefuseLoginWith400WhenAgentIdIsMissing() {
    // given / when
    ResponseEntity<JsonNode> answer = gdx.login(CONSUMER_KEY, CONSUMER_SECRET, null);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("400");
  }

  @Test
  void shouldRefuseDataCallWith401WhenConsumerKeyIsWrong() {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer = gdx.link("wrong-key", token, "00023", "001", "01", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("401");
  }

  @ParameterizedTest(name = "token={0}")
  @CsvSource(
      nullValues = "null",
      value = {"null, Token is required", "8e1ac089-0000-aaaa-0000-403c0c9ab867, invalid token"})
  void shouldRefuseDataCallWith401WhenTokenIsMissingOrUnknown(String token, String message) {
    // given a token the simulator never issued, or none
    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("401");
    assertThat(answer.getBody().get("Message").asText()).isEqualTo(message);
  }

  @Test
  void shouldExpireTokenWhenIdleFor61MinutesOnSimulatorClock() {
    // given
    String token = gdx.token();
    gdx.advanceMinutes(61);

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("401");
    assertThat(answer.getBody().get("Message").asText()).isEqualTo("token expired");
  }

  @Test
  void shouldRenewTokenWhenCallsComeEvery59Minutes() {
    // given
    String token = gdx.token();

    // when three calls, 59 minutes apart: 177 minutes after login, never 60 idle
    for (int i = 0; i < 3; i++) {
      gdx.advanceMinutes(59);
      ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

      // then
      assertThat(answer.getStatusCode()).as("call %d", i + 1).isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void shouldKeepTokenDeadWhenItExpiredOnce() {
    // given a token that expired
    String token = gdx.token();
    gdx.advanceMinutes(61);
    gdx.link(token, "001", SOMCHAI);

    // when it is presented again at once
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getBody().get("Message").asText()).isEqualTo("token expired");
  }

  @Test
  void shouldAnswerAgentAvailableWhenRegisteredAgentAsksPermission() {
    // given the default sessions
    // when
    ResponseEntity<JsonNode> answer = gdx.permission(CONSUMER_KEY, AGENT);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().get("AgentID").asText()).isEqualTo(AGENT);
    assertThat(answer.getBody().get("CitizenID").asText()).isEqualTo(AGENT);
    assertThat(answer.getBody().get("SessionState").asText()).isEqualTo("AgentAvailable");
  }

  @Test
  void shouldAnswerAgentNotAvailableWhenSessionWasSwitchedOff() {
    // given
    gdx.session(AGENT, "AgentNotAvailable");

    // when
    ResponseEntity<JsonNode> answer = gdx.permission(CONSUMER_KEY, AGENT);

    // then
    assertThat(answer.getBody().get("SessionState").asText()).isEqualTo("AgentNotAvailable");
  }

  @Test
  void shouldAnswerAgentNotAvailableWhenAgentIsNotRegistered() {
    // given an officer who never logged in to GovAMI (officer-dsd-1)
    // when
    ResponseEntity<JsonNode> answer = gdx.permission(CONSUMER_KEY, "5100100987656");

    // then
    assertThat(answer.getBody().get("SessionState").asText()).isEqualTo("AgentNotAvailable");
  }

  @Test
  void shouldRefusePermissionWith401WhenConsumerIsWrong() {
    // given / when
    ResponseEntity<JsonNode> answer = gdx.permission("wrong-key", AGENT);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("401");
  }
}
