package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.hub.gdx.GdxAssertions.assertCode;
import static org.saphan.hub.gdx.GdxFixtures.OPERATOR;
import static org.saphan.hub.gdx.GdxFixtures.SOMCHAI;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.saphan.catalog.Secret;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.security.egress.TestEgress;
import org.saphan.hub.support.MutableClock;

/** {@code read(citizenId, categories)} releases the asked categories' fields and nothing else. */
class GdxMinimisationTest {

  private static final Set<String> ADDRESS_FIELDS =
      Set.of(
          "houseId",
          "houseNo",
          "villageNo",
          "alley",
          "soi",
          "road",
          "subdistrictCode",
          "subdistrict",
          "districtCode",
          "district",
          "provinceCode",
          "province");

  @RegisterExtension final RetryWaits waits = new RetryWaits();
  private MutableClock clock;
  private FakeGdx gdx;
  private GdxClient client;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(GdxFixtures.START);
    gdx = new FakeGdx(clock);
    client =
        new GdxClient(
            GdxFixtures.properties(gdx.baseUrl()),
            Secret.of(FakeGdx.CONSUMER_KEY),
            Secret.of(FakeGdx.CONSUMER_SECRET),
            clock,
            TestEgress.loopback());
  }

  @AfterEach
  void tearDown() {
    gdx.close();
  }

  @Test
  void shouldReleaseOnlyIdentityFieldsAndNeverCall008WhenOnlyIdentityIsAsked() {
    // when
    LinkageExtract extract = client.read(SOMCHAI, Set.of(GdxFields.IDENTITY));
    // then
    assertThat(gdx.linkCalls("008")).isZero();
    assertThat(gdx.linkCalls("001")).isEqualTo(1);
    assertThat(extract.fields().keySet())
        .containsExactlyElementsOf(
            GdxFields.fieldsOf(Set.of(GdxFields.IDENTITY)).stream()
                .map(GdxFields.Field::name)
                .toList());
    assertThat(extract.fields().keySet())
        .doesNotContainAnyElementsOf(ADDRESS_FIELDS)
        .doesNotContain("fatherName", "motherCitizenId", "ownerStatus", "moveInDate");
    assertThat(extract.fields())
        .containsEntry("citizenId", SOMCHAI)
        .containsEntry("firstNameTh", "สมชาย")
        .containsEntry("lastNameEn", "Jaidee")
        .containsEntry("birthDate", "1975-07-12")
        .containsEntry("nationality", "ไทย");
    assertThat(extract.sources()).containsExactly(GdxFields.SOURCE_PERSON);
    assertThat(extract.categories()).containsExactly(GdxFields.IDENTITY);
  }

  @Test
  void shouldReadTheHouseAndAttributeEachFieldToItsServiceWhenHouseholdIsAsked() {
    // given
    clock.advance(Duration.ofMinutes(1));
    // when
    LinkageExtract extract = client.read(SOMCHAI, Set.of(GdxFields.HOUSEHOLD));
    // then
    assertThat(gdx.linkCalls("008")).isEqualTo(1);
    assertThat(extract.fields())
        .containsEntry("houseId", "10120184523")
        .containsEntry("houseNo", "45/12")
        .containsEntry("soi", "จันทน์ 43")
        .containsEntry("provinceCode", "10")
        .containsEntry("province", "กรุงเทพมหานคร")
        .containsEntry("districtCode", "1012")
        .containsEntry("subdistrictCode", "101203")
        .containsEntry("villageNo", null)
        .containsEntry("ownerStatus", "เจ้าบ้าน")
        .containsEntry("moveInDate", "2002-03-01")
        .doesNotContainKeys("firstNameTh", "birthDate", "fatherName");
    assertThat(extract.provenance().get("houseNo").source()).isEqualTo("gdx:dopa-linkage:008");
    assertThat(extract.provenance().get("ownerStatus").source()).isEqualTo("gdx:dopa-linkage:001");
    assertThat(extract.provenance().get("houseNo").retrievedAt()).isEqualTo(clock.instant());
    assertThat(extract.provenance().keySet()).isEqualTo(extract.fields().keySet());
    // and the extract names its two calls for the message log, by hashes only
    assertThat(extract.exchanges())
        .extracting(LinkageExtract.Exchange::operation)
        .containsExactly("link:001", "link:008");
    for (LinkageExtract.Exchange call : extract.exchanges()) {
      assertThat(call.status()).isEqualTo(200);
      assertThat(call.requestSha256()).matches("[0-9a-f]{64}");
      assertThat(call.answerSha256()).matches("[0-9a-f]{64}").isNotEqualTo(call.requestSha256());
      assertThat(call.at()).isEqualTo(clock.instant());
    }
    assertThat(extract.exchanges().get(0).requestSha256())
        .isNotEqualTo(extract.exchanges().get(1).requestSha256());
  }

  @Test
  void shouldReleaseOnlyParentFieldsWhenOnlyParentsAreAsked() {
    // when
    LinkageExtract extract = client.read(SOMCHAI, Set.of(GdxFields.PARENTS));
    // then
    assertThat(gdx.linkCalls("008")).isZero();
    assertThat(extract.fields())
        .containsOnlyKeys(
            "fatherCitizenId",
            "fatherName",
            "fatherNationality",
            "motherCitizenId",
            "motherName",
            "motherNationality")
        .containsEntry("fatherCitizenId", "3101200111234")
        .containsEntry("motherName", "นางบุญมี ใจดี");
  }

  @Test
  void shouldReleaseEveryCategoryWithOneReadOfEachServiceWhenAllAreAsked() {
    // when
    LinkageExtract extract =
        client.read(SOMCHAI, Set.of(GdxFields.IDENTITY, GdxFields.HOUSEHOLD, GdxFields.PARENTS));
    // then
    assertThat(extract.fields()).hasSize(GdxFields.fields().size());
    assertThat(gdx.linkCalls("001")).isEqualTo(1);
    assertThat(gdx.linkCalls("008")).isEqualTo(1);
    assertThat(extract.sources()).containsExactly(GdxFields.SOURCE_PERSON, GdxFields.SOURCE_HOUSE);
  }

  @Test
  void shouldReleaseOnlyTheYearWhenTheRegisterKnowsOnlyTheBirthYear() {
    // when
    LinkageExtract extract = client.read(OPERATOR, Set.of(GdxFields.IDENTITY));
    // then
    assertThat(extract.fields()).containsEntry("birthDate", "1986");
  }

  @Test
  void shouldRefuseWithValidationFailedWithoutCallingGdxWhenACategoryIsUnknown() {
    // when / then
    assertCode(
            () -> client.read(SOMCHAI, Set.of(GdxFields.IDENTITY, "health")),
            ErrorCode.VALIDATION_FAILED)
        .hasMessageContaining("health");
    assertThat(gdx.requests()).isZero();
  }

  @Test
  void shouldRefuseWithValidationFailedWithoutCallingGdxWhenNoCategoryIsAsked() {
    // when / then
    assertCode(() -> client.read(SOMCHAI, Set.of()), ErrorCode.VALIDATION_FAILED);
    assertThat(gdx.requests()).isZero();
  }

  @Test
  void shouldPrintNoPersonalDataWhenTheExtractIsPrinted() {
    // given
    LinkageExtract extract = client.read(SOMCHAI, Set.of(GdxFields.IDENTITY));
    // when
    String printed = extract + " " + client.person(SOMCHAI) + " " + client.house(SOMCHAI);
    // then
    assertThat(printed)
        .doesNotContain(SOMCHAI, "สมชาย", "Somchai", "1975", "45/12", "10120184523")
        .contains("3-1012-xxxxx-xx-9");
  }
}
