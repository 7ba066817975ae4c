package org.saphan.sandbox.gdx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class GdxVerificationIT extends GdxSimulatorTestSupport {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "somchai's current card, 3101200456789, สมชาย, ใจดี, 25180712, JT3101245678, true",
    "laser code in lower case, 3101200456789, สมชาย, ใจดี, 25180712, jt3101245678, true",
    "somchai's card reported lost, 3101200456789, สมชาย, ใจดี, 25180712, ME0123456789, false",
    "malee's new card after moving, 3659900012347, มาลี, ศรีสวัสดิ์, 25230918, MF5678901234, true",
    "wichai with the unknown day, 1100500123451, วิชัย, มีสุข, 25380500, BT4567890123, true",
    "wichai with only the year, 1100500123451, วิชัย, มีสุข, 25380000, BT4567890123, true",
    "operator with only the year, 2300100556675, อนุชา, รักษ์ไทย, 25290000, BC1357924680, true",
  })
  void shouldAnswerResultWhenLaserCodeIsTheCitizens(
      String what,
      String citizenId,
      String firstName,
      String lastName,
      String birthDate,
      String laserCode,
      boolean expected) {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer =
        gdx.verify(token, citizenId, firstName, lastName, birthDate, laserCode);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().get("Result").isBoolean()).isTrue();
    assertThat(answer.getBody().get("Result").asBoolean()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "null",
      value = {
        "malee's card void after address change, 3659900012347, มาลี, ศรีสวัสดิ์, 25230918,"
            + " MF1209876543, [2]",
        "laser of another citizen, 3101200456789, สมชาย, ใจดี, 25180712, JC2345678901, [4]",
        "unknown laser, 3101200456789, สมชาย, ใจดี, 25180712, ZZ0000000000, [4]",
        "unknown citizen, 1111111111119, สมชาย, ใจดี, 25180712, JT3101245678, [4]",
        "wrong first name, 3101200456789, สมชัย, ใจดี, 25180712, JT3101245678, [4]",
        "wrong last name, 3101200456789, สมชาย, ใจงาม, 25180712, JT3101245678, [4]",
        "wrong birth date, 3101200456789, สมชาย, ใจดี, 25180713, JT3101245678, [4]",
        "a day the register does not know, 1100500123451, วิชัย, มีสุข, 25380512, BT4567890123,"
            + " [4]",
        "birth date in CE, 3101200456789, สมชาย, ใจดี, 19750712, JT3101245678, [4]",
        "void card with wrong data, 3659900012347, มาลี, ศรีสุข, 25230918, MF1209876543, [4]",
        "no laser code, 3101200456789, สมชาย, ใจดี, 25180712, null, [5]",
        "no birth date, 3101200456789, สมชาย, ใจดี, null, JT3101245678, [5]",
      })
  void shouldAnswer500WithCodeWhenCardIsVoidOrDataDoNotMatch(
      String what,
      String citizenId,
      String firstName,
      String lastName,
      String birthDate,
      String laserCode,
      String code) {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer =
        gdx.verify(token, citizenId, firstName, lastName, birthDate, laserCode);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo(code);
    assertThat(answer.getBody().get("Message").asText()).isNotBlank();
  }

  @Test
  void shouldRefuseCheckWith401WhenTokenIsMissing() {
    // given / when
    ResponseEntity<JsonNode> answer =
        gdx.verify(null, "3101200456789", "สมชาย", "ใจดี", "25180712", "JT3101245678");

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("401");
  }

  @Test
  void shouldCheckCardWhenAgentSessionIsNotAvailable() {
    // given the laser check is a GDX service, not a Linkage read: no GovAMI session needed
    String token = gdx.token();
    gdx.session(GdxClient.AGENT, "AgentNotAvailable");

    // when
    ResponseEntity<JsonNode> answer =
        gdx.verify(token, "3101200456789", "สมชาย", "ใจดี", "25180712", "JT3101245678");

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().get("Result").asBoolean()).isTrue();
  }
}
