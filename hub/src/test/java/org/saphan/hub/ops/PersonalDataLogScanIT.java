package org.saphan.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * No personal data in any hub log line of the whole integration suite: citizen ids, names and
 * addresses of the sandbox personas never appear (ids are masked, payloads hashed). Runs last.
 */
@Order(Integer.MAX_VALUE)
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

  @Test
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
