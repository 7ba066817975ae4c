package org.saphan.sandbox.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.sandbox.gdx.GdxClient.AGENT;
import static org.saphan.sandbox.gdx.GdxClient.CONSUMER_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class GdxLinkageIT extends GdxSimulatorTestSupport {

  private static final String SOMCHAI = "3101200456789";
  private static final String SOMYING = "1234567890121";

  private static final List<String> PERSON_FIELDS =
      List.of(
          "titleCode",
          "titleDesc",
          "titleName",
          "titleSex",
          "firstName",
          "middleName",
          "lastName",
          "fullnameAndRank",
          "englishTitleDesc",
          "englishFirstName",
          "englishMiddleName",
          "englishLastName",
          "genderCode",
          "genderDesc",
          "dateOfBirth",
          "age",
          "nationalityCode",
          "nationalityDesc",
          "ownerStatusDesc",
          "statusOfPersonCode",
          "statusOfPersonDesc",
          "dateOfMoveIn",
          "fatherPersonalID",
          "fatherName",
          "fatherNationalityCode",
          "fatherNationalityDesc",
          "motherPersonalID",
          "motherName",
          "motherNationalityCode",
          "motherNationalityDesc");

  private static final List<String> HOUSE_FIELDS =
      List.of(
          "houseID",
          "houseNo",
          "houseType",
          "houseTypeDesc",
          "villageNo",
          "alleyCode",
          "alleyDesc",
          "alleyWayCode",
          "alleyWayDesc",
          "roadCode",
          "roadDesc",
          "subdistrictCode",
          "subdistrictDesc",
          "districtCode",
          "districtDesc",
          "provinceCode",
          "provinceDesc",
          "rcodeCode",
          "rcodeDesc",
          "dateOfTerminate");

  @Test
  void shouldAnswerPersonRecordWithLinkageFieldsWhenServiceIs001() {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode person = answer.getBody();
    assertThat(fieldNames(person)).containsExactlyElementsOf(PERSON_FIELDS);
    assertThat(person.get("titleCode").isInt()).isTrue();
    assertThat(person.get("titleCode").asInt()).isEqualTo(3);
    assertThat(person.get("titleDesc").asText()).isEqualTo("นาย");
    assertThat(person.get("firstName").asText()).isEqualTo("สมชาย");
    assertThat(person.get("lastName").asText()).isEqualTo("ใจดี");
    assertThat(person.get("englishFirstName").asText()).isEqualTo("Somchai");
    assertThat(person.get("genderCode").asInt()).isEqualTo(1);
    assertThat(person.get("dateOfBirth").isInt()).isTrue();
    assertThat(person.get("dateOfBirth").asInt()).isEqualTo(25180712);
    assertThat(person.get("age").asInt()).isEqualTo(expectedAge(1975, 7, 12));
    assertThat(person.get("nationalityCode").asInt()).isEqualTo(99);
    assertThat(person.get("fatherPersonalID").isIntegralNumber()).isTrue();
    assertThat(person.get("fatherPersonalID").asText()).hasSize(13);
  }

  @Test
  void shouldAnswerHouseRecordWithNestedAddressCodesWhenServiceIs008() {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "008", SOMYING);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode house = answer.getBody();
    assertThat(fieldNames(house)).containsExactlyElementsOf(HOUSE_FIELDS);
    assertThat(house.get("houseID").asText()).hasSize(11);
    assertThat(house.get("provinceCode").asInt()).isEqualTo(10);
    assertThat(house.get("provinceDesc").asText()).isEqualTo("กรุงเทพมหานคร");
    assertThat(house.get("districtCode").asInt()).isEqualTo(1004);
    assertThat(house.get("districtDesc").asText()).isEqualTo("เขตบางรัก");
    assertThat(house.get("subdistrictCode").asInt()).isEqualTo(100401);
    assertThat(house.get("subdistrictDesc").asText()).isEqualTo("แขวงมหาพฤฒาราม");
    assertThat(house.get("dateOfTerminate").asInt()).isZero();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "citizen-somchai, 3101200456789",
    "citizen-somying, 1234567890121",
    "citizen-wichai, 1100500123451",
    "citizen-malee, 3659900012347",
    "officer-dcy, 1103700112235",
    "officer-dsd-1, 5100100987656",
    "officer-dsd-2, 1101400765436",
    "admin-dsd, 1102200334459",
    "officer-dld, 1100900998871",
    "operator, 2300100556675",
  })
  void shouldAnswerPersonAndHouseWhenCitizenIsPersona(String persona, String citizenId) {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> person = gdx.link(token, "001", citizenId);
    ResponseEntity<JsonNode> house = gdx.link(token, "008", citizenId);

    // then
    assertThat(person.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(person.getBody().get("firstName").asText()).isNotBlank();
    assertThat(house.getStatusCode()).isEqualTo(HttpStatus.OK);
    int subdistrict = house.getBody().get("subdistrictCode").asInt();
    assertThat(subdistrict / 100).isEqualTo(house.getBody().get("districtCode").asInt());
    assertThat(subdistrict / 10_000).isEqualTo(house.getBody().get("provinceCode").asInt());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "citizen-wichai (unknown day), 1100500123451, 25380500, 1995, 5, 1",
    "operator (unknown month and day), 2300100556675, 25290000, 1986, 1, 1",
  })
  void shouldAnswerBeDateWithZeroPartsWhenRegisterDoesNotKnowThem(
      String persona, String citizenId, int dateOfBirth, int year, int month, int day) {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", citizenId);

    // then
    assertThat(answer.getBody().get("dateOfBirth").asInt()).isEqualTo(dateOfBirth);
    assertThat(answer.getBody().get("age").asInt()).isEqualTo(expectedAge(year, month, day));
  }

  @Test
  void shouldAnswer404With00001WhenCitizenIsUnknown() {
    // given a well-formed id the registers do not hold
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", "1111111111119");

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("00001");
    assertThat(answer.getBody().get("Message").asText()).isEqualTo("ไม่พบข้อมูล");
  }

  @Test
  void shouldAnswer403With90001WhenAgentSessionIsNotAvailable() {
    // given
    String token = gdx.token();
    gdx.session(AGENT, "AgentNotAvailable");

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("90001");
  }

  @Test
  void shouldAnswer403With90001WhenAgentIsNotRegistered() {
    // given a token of an officer with no GovAMI session (officer-dsd-1)
    String token =
        gdx.login(CONSUMER_KEY, GdxClient.CONSUMER_SECRET, "5100100987656")
            .getBody()
            .get("Result")
            .asText();

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("90001");
  }

  @Test
  void shouldAnswerRecordWhenAgentSessionIsAvailableAgain() {
    // given
    String token = gdx.token();
    gdx.session(AGENT, "AgentNotAvailable");
    gdx.session(AGENT, "CitizenAvailable");

    // when
    ResponseEntity<JsonNode> answer = gdx.link(token, "001", SOMCHAI);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @ParameterizedTest(name = "office={0} service={1} version={2} citizen={3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "00099, 001, 01, 3101200456789",
        "00023, 002, 01, 3101200456789",
        "00023, 001, 02, 3101200456789",
        "null, 001, 01, 3101200456789",
        "00023, 001, 01, 3101200456788",
        "00023, 001, 01, null",
      })
  void shouldAnswer400WhenServiceOrCitizenIdIsMalformed(
      String officeId, String serviceId, String version, String citizenId) {
    // given
    String token = gdx.token();

    // when
    ResponseEntity<JsonNode> answer =
        gdx.link(CONSUMER_KEY, token, officeId, serviceId, version, citizenId);

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("Code").asText()).isEqualTo("400");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static int expectedAge(int year, int month, int day) {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Bangkok"));
    return Period.between(LocalDate.of(year, month, day), today).getYears();
  }
}
