package org.saphan.sandbox.gdx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class GdxCallLogIT extends GdxSimulatorTestSupport {

  private static final String SOMCHAI = "3101200456789";

  @Test
  void shouldCountOneReloginWhenTokenExpiredDuringWork() {
    // given a client that logs in, works, finds its token expired and logs in again
    String token = gdx.token();
    gdx.link(token, "001", SOMCHAI);
    gdx.advanceMinutes(61);
    gdx.link(token, "001", SOMCHAI);
    gdx.link(gdx.token(), "001", SOMCHAI);

    // when
    JsonNode calls = gdx.calls();

    // then
    assertThat(paths(calls))
        .containsExactly(
            GdxClient.VALIDATE, GdxClient.LINK, GdxClient.LINK, GdxClient.VALIDATE, GdxClient.LINK);
    assertThat(statuses(calls)).containsExactly(200, 200, 401, 200, 200);
  }

  @Test
  void shouldMaskCitizenIdsAndTokensWhenCallIsLogged() {
    // given
    String token = gdx.token();
    gdx.link(token, "008", SOMCHAI);

    // when
    JsonNode read = gdx.calls().get(1);

    // then
    assertThat(read.get("path").asText()).isEqualTo(GdxClient.LINK);
    assertThat(read.get("serviceId").asText()).isEqualTo("008");
    assertThat(read.get("agentId").asText()).isEqualTo("1-1037-xxxxx-xx-5");
    assertThat(read.get("citizenId").asText()).isEqualTo("3-1012-xxxxx-xx-9");
    assertThat(read.get("status").asInt()).isEqualTo(200);
    assertThat(read.get("token").asText())
        .isEqualTo(token.substring(0, 4) + "****" + token.substring(token.length() - 4));
    assertThat(read.get("time").asText()).isNotBlank();
    assertThat(gdx.calls().toString()).doesNotContain(SOMCHAI).doesNotContain(token);
  }

  @Test
  void shouldRecordErrorCodeWhenCallIsRefused() {
    // given
    String token = gdx.token();
    gdx.session(GdxClient.AGENT, "AgentNotAvailable");
    gdx.link(token, "001", SOMCHAI);

    // when
    JsonNode refused = gdx.calls().get(1);

    // then
    assertThat(refused.get("status").asInt()).isEqualTo(403);
    assertThat(refused.get("code").asText()).isEqualTo("90001");
  }

  @Test
  void shouldListOnlyLoginsWhenFilteredByPath() {
    // given
    String token = gdx.token();
    gdx.link(token, "001", SOMCHAI);
    gdx.token();

    // when
    JsonNode logins =
        rest.getForEntity("/sandbox/v1/gdx/calls?path=" + GdxClient.VALIDATE, JsonNode.class)
            .getBody();

    // then
    assertThat(logins).hasSize(2);
  }

  @Test
  void shouldForgetCallsWhenLogIsCleared() {
    // given
    gdx.token();

    // when
    ResponseEntity<Void> answer = gdx.clearCalls();

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(gdx.calls()).isEmpty();
  }

  private static List<String> paths(JsonNode calls) {
    List<String> paths = new ArrayList<>();
    calls.forEach(c -> paths.add(c.get("path").asText()));
    return paths;
  }

  private static List<Integer> statuses(JsonNode calls) {
    List<Integer> statuses = new ArrayList<>();
    calls.forEach(c -> statuses.add(c.get("status").asInt()));
    return statuses;
  }
}
