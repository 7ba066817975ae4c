package org.saphan.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * No personal data in any hub log line of the whole integration suite: citizen ids, names and
 * addresses of the sandbox personas never appear (ids are masked, payloads hashed). Runs last but
 * for the API description check (which reads the description only), after driving the error paths
 * (database, parser, schema) with a citizen id in the input.
 */
@Order(Integer.MAX_VALUE - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersonalDataLogScanIT extends HubIntegrationTest {

  /** Citizen ids and Thai names of the personas (sandbox/CONTRACTS.md) and their GDX addresses. */
  private static final List<String> PERSONAL_DATA =
      List.of(
          "3101200456789",
          "1234567890121",
          "1100500123451",
          "3659900012347",
          "1103700112235",
          "5100100987656",
          "1101400765436",
          "1102200334459",
          "1100900998871",
          "2300100556675",
          "สมชาย",
          "ใจดี",
          "สมหญิง",
          "ตัวอย่าง",
          "วิชัย",
          "มีสุข",
          "มาลี",
          "ศรีสวัสดิ์",
          "ประเสริฐ",
          "ทองดี",
          "กนกวรรณ",
          "แสงทอง",
          "ธนากร",
          "พูลผล",
          "สุนีย์",
          "วงศ์ใหญ่",
          "ปกรณ์",
          "เกษตรสุข",
          "อนุชา",
          "รักษ์ไทย",
          "Somchai",
          "Jaidee",
          "Somying",
          "Malee");

  /** A valid citizen id that only the error-path requests below send. */
  private static final String ERROR_PATH_ID = "1101799988870";

  @Test
  @Order(1)
  void shouldRefuseWithoutEchoingWhenFormHasNulCharacter() throws Exception {
    // given: U+0000 in a form next to a child's citizen id (PostgreSQL jsonb refuses it)
    consent("citizen-somchai", "dcy-newborn-grant");
    String form =
        "{\"child\":{\"citizenId\":\""
            + ERROR_PATH_ID
            + "\",\"givenName\":\"a\\u0000b\",\"birthDate\":\"2025-02-01\"},"
            + "\"bankAccount\":{\"bankCode\":\"006\",\"accountNo\":\"1234567890\"},"
            + "\"householdIncomePerYear\":85000}";
    // when
    HttpResponse<String> response = apply(form);
    // then: refused by the strict JSON parser before anything reaches the database; never a 500
    assertProblem(response, 400, "malformed_json");
    assertThat(response.body()).doesNotContain(ERROR_PATH_ID);
  }

  @Test
  @Order(2)
  void shouldRefuseWithValidationFailedWhenDatabaseRefusesAQueryValue() throws Exception {
    // when: a NUL byte in a text parameter of a query, which the database driver refuses
    HttpResponse<String> response =
        get("/backoffice/v1/tasks?step=" + ERROR_PATH_ID + "%00", "officer-dsd-1");
    // then
    assertProblem(response, 400, "validation_failed");
    assertThat(response.body()).doesNotContain(ERROR_PATH_ID);
  }

  @Test
  @Order(3)
  void shouldRefuseWithMalformedJsonWhenBodyDoesNotParse() throws Exception {
    // when: a body cut off after a citizen id
    HttpResponse<String> response =
        apply("{\"child\":{\"citizenId\":\"" + ERROR_PATH_ID + "\", \"givenName\": tru");
    // then
    assertProblem(response, 400, "malformed_json");
    assertThat(response.body()).doesNotContain(ERROR_PATH_ID);
  }

  @Test
  @Order(4)
  void shouldRefuseWithFormInvalidWhenFormBreaksItsSchema() throws Exception {
    // when: the citizen id where the schema wants a number
    HttpResponse<String> response =
        apply(
            "{\"child\":{\"citizenId\":\""
                + ERROR_PATH_ID
                + "\",\"givenName\":\"x\",\"birthDate\":\"2025-02-01\"},"
                + "\"bankAccount\":{\"bankCode\":\"006\",\"accountNo\":\"1234567890\"},"
                + "\"householdIncomePerYear\":\""
                + ERROR_PATH_ID
                + "\"}");
    // then
    assertProblem(response, 400, "form_invalid");
  }

  @Test
  @Order(100)
  void shouldFindNoErrorPathCitizenIdWhenLogLinesAreScanned() {
    // when
    List<String> leaks =
        LOGS.lines().stream().filter(line -> line.contains(ERROR_PATH_ID)).toList();
    // then
    assertThat(leaks).as("log lines quoting the error-path citizen id").isEmpty();
  }

  private HttpResponse<String> apply(String form) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/api/v1/applications"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "log-scan-" + UUID.randomUUID())
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"serviceId\":\"1-001\",\"form\":"
                        + form
                        + ",\"applicant\":{\"phone\":\"0800000000\","
                        + "\"address\":{\"postcode\":\"10500\"}}}")),
        "citizen-somchai");
  }

  private void consent(String persona, String agreement) throws Exception {
    send(
        HttpRequest.newBuilder(uri("/api/v1/consents"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"agreementId\":\"" + agreement + "\"}")),
        persona);
  }

  @Test
  @Order(101)
  void shouldFindNoPersonalDataWhenEveryLogLineOfTheSuiteIsScanned() {
    // given
    List<String> lines = LOGS.lines();
    // when
    List<String> leaks = new ArrayList<>();
    for (String line : lines) {
      // The test harness's own message logging (Citrus prints what the tests send and receive)
      // is not the hub's.
      if (line.startsWith("org.citrusframework")) {
        continue;
      }
      for (String datum : PERSONAL_DATA) {
        if (line.contains(datum)) {
          leaks.add(datum + " in: " + (line.length() > 300 ? line.substring(0, 300) : line));
        }
      }
    }
    // then
    assertThat(lines).isNotEmpty();
    assertThat(leaks).as("log lines with personal data").isEmpty();
  }
}
