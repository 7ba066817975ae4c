package org.saphan.sandbox.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GdxRecordsTest {

  /** A persona row of the table in CONTRACTS.md: name, citizen id, Thai name / English name. */
  private static final Pattern PERSONA_ROW =
      Pattern.compile("^\\| `([a-z0-9-]+)` \\| (\\d{13}) \\| ([^|/]+?) / ([^|]+?) \\|");

  private static GdxRecords records;

  record PersonaRow(String persona, String citizenId, String thaiName, String englishName) {}

  @BeforeAll
  static void load() throws IOException {
    try (InputStream json = GdxRecordsTest.class.getResourceAsStream("/gdx/records.json")) {
      records = GdxRecords.read(json);
    }
  }

  @Test
  void shouldHoldRecordForEveryPersonaWhenContractListsThem() throws IOException {
    // given
    List<PersonaRow> personas = personasOfContract();

    // when / then
    assertThat(personas).hasSize(10);
    for (PersonaRow row : personas) {
      assertThat(records.find(row.citizenId())).as(row.persona()).isPresent();
    }
  }

  @Test
  void shouldCarryPersonaNamesWhenRecordsAreRead() throws IOException {
    // given / when
    for (PersonaRow row : personasOfContract()) {
      LinkagePerson person = records.find(row.citizenId()).orElseThrow().person();

      // then
      assertThat(person.titleName() + person.firstName() + " " + person.lastName())
          .as(row.persona())
          .isEqualTo(row.thaiName());
      assertThat(person.englishFirstName() + " " + person.englishLastName())
          .as(row.persona())
          .isEqualTo(row.englishName());
      assertThat(person.titleSex()).as(row.persona()).isEqualTo(person.genderCode());
    }
  }

  @Test
  void shouldHoldBeDatesWithUnknownPartsWhenRegisterDoesNotKnowThem() {
    // given / when
    List<Integer> partial =
        records.all().stream()
            .map(r -> r.person().dateOfBirth())
            .filter(d -> d % 100 == 0)
            .toList();

    // then
    assertThat(partial).contains(25380500, 25290000);
  }

  @Test
  void shouldHoldCardsOfEveryStatusWhenRecordsAreRead() {
    // given / when
    List<IdCard.Status> statuses =
        records.all().stream().flatMap(r -> r.cards().stream()).map(IdCard::status).toList();

    // then
    assertThat(statuses).contains(IdCard.Status.values());
  }

  @Test
  void shouldUseSeveralProvincesWhenAddressesAreRead() {
    // given / when
    List<Integer> provinces =
        records.all().stream().map(r -> r.house().provinceCode()).distinct().toList();

    // then
    assertThat(provinces).contains(10, 23, 50, 65);
  }

  @Test
  void shouldRefuseRecordsListingEveryProblemWhenDataAreBroken() {
    // given a record with a bad check digit, a bad laser code, a bad date and codes that do not
    // nest
    String json =
        """
        [{"citizenId": "3101200456788", "persona": "broken",
          "cards": [{"laserCode": "J-123", "issueDate": 25660412, "expiryDate": 25740711,
                     "status": "NORMAL"}],
          "person": {"titleCode": 3, "titleDesc": "นาย", "titleName": "นาย", "titleSex": 1,
                     "firstName": "ทดสอบ", "lastName": "ระบบ", "genderCode": 1,
                     "dateOfBirth": 25181332},
          "house": {"houseID": 1012018452, "provinceCode": 10, "districtCode": 1012,
                    "subdistrictCode": 501203, "rcodeCode": 1012}}]
        """;

    // when / then
    assertThatThrownBy(() -> GdxRecords.read(stream(json)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[0].citizenId")
        .hasMessageContaining("[0].cards.laserCode")
        .hasMessageContaining("[0].person.dateOfBirth")
        .hasMessageContaining("[0].house.houseID")
        .hasMessageContaining("[0].house.subdistrictCode");
  }

  private static List<PersonaRow> personasOfContract() throws IOException {
    Path contract = Path.of("CONTRACTS.md");
    if (!Files.exists(contract)) {
      contract = Path.of("sandbox", "CONTRACTS.md");
    }
    List<PersonaRow> rows = new ArrayList<>();
    for (String line : Files.readAllLines(contract, StandardCharsets.UTF_8)) {
      Matcher m = PERSONA_ROW.matcher(line);
      if (m.find()) {
        rows.add(new PersonaRow(m.group(1), m.group(2), m.group(3).trim(), m.group(4).trim()));
      }
    }
    return rows;
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
