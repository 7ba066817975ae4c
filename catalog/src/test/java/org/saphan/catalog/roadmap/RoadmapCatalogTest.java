package org.saphan.catalog.roadmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saphan.catalog.Finding;

/** The committed catalog, {@code connectors/roadmap/services.json}, against the roadmap CSV. */
class RoadmapCatalogTest {

  private static RoadmapCatalog catalog;
  private static Map<String, CSVRecord> csvById;

  @TempDir Path dir;

  @BeforeAll
  static void loadCatalogAndCsv() throws IOException {
    catalog = RoadmapCatalog.load(RoadmapFiles.projectHome());
    try (Reader reader = new StringReader(RoadmapFiles.csvText())) {
      csvById =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(reader)
              .stream()
              .collect(Collectors.toMap(RoadmapCatalogTest::idOf, Function.identity()));
    }
  }

  @Test
  void shouldHoldEveryRoadmapServiceOnceWhenTheCommittedCatalogIsLoaded() {
    // given: the committed catalog

    // when
    List<String> ids = catalog.services().stream().map(RoadmapService::id).toList();

    // then
    assertThat(ids).hasSize(260).doesNotHaveDuplicates();
    assertThat(ids).containsExactlyInAnyOrderElementsOf(csvById.keySet());
    assertThat(catalog.byPhase(RoadmapPhase.ONE)).hasSize(50);
    assertThat(catalog.byPhase(RoadmapPhase.TWO)).hasSize(60);
    assertThat(catalog.byPhase(RoadmapPhase.THREE)).hasSize(60);
    assertThat(catalog.byPhase(RoadmapPhase.EXPANSION)).hasSize(90);
    assertThat(ids).startsWith("1-001", "1-002").endsWith("x-089", "x-090");
  }

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(
            "1-001",
            "dcy",
            "Department of Children and Youth",
            "Ministry of Social Development and Human Security",
            "Welfare for children and women",
            "Child support grant for newborns (status check)"),
        Arguments.of(
            "1-048",
            "led",
            "Legal Execution Department",
            "Ministry of Justice",
            "Other services",
            "Bankruptcy status check"),
        // The CSV splits this agency's name with a stray space; spelling-variants.csv joins it.
        Arguments.of(
            "2-024",
            "dlpw",
            "Department of Labour Protection and Welfare",
            "Ministry of Labour",
            "Services in other areas",
            "Online petitions about work rights"),
        // Target group, agency and ministry all come as spelling variants here.
        Arguments.of(
            "x-025",
            "opsmhesi",
            "Office of the Permanent Secretary, Ministry of Higher Education, Science, Research"
                + " and Innovation",
            "Ministry of Higher Education, Science, Research and Innovation",
            "Education services",
            "Thailand Cyber University project (TCU)"),
        // Garbled Thai in the roadmap: the English name is marked missing.
        Arguments.of(
            "x-065",
            "hss",
            "Department of Health Service Support",
            "Ministry of Public Health",
            "Health services",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldMatchTheCsvFieldByFieldWhenASampleServiceIsRead(
      String id,
      String agencyCode,
      String agencyEn,
      String ministryEn,
      String targetGroupEn,
      String nameEn) {
    // given
    CSVRecord row = csvById.get(id);

    // when
    RoadmapService service = catalog.get(id);

    // then
    assertThat(service.phase().csvValue()).isEqualTo(row.get("phase"));
    assertThat(service.order()).isEqualTo(Integer.parseInt(row.get("order")));
    assertThat(service.name().th()).isEqualTo(row.get("service_name_th"));
    assertThat(withoutSpaces(service.targetGroup().th()))
        .isEqualTo(withoutSpaces(row.get("target_group")));
    assertThat(withoutSpaces(service.agency().th())).isEqualTo(withoutSpaces(row.get("agency_th")));
    assertThat(withoutSpaces(service.ministry().th()))
        .isEqualTo(withoutSpaces(row.get("ministry_th")));
    assertThat(service.agency().code()).isEqualTo(agencyCode);
    assertThat(service.agency().en()).isEqualTo(agencyEn);
    assertThat(service.ministry().en()).isEqualTo(ministryEn);
    assertThat(service.targetGroup().en()).isEqualTo(targetGroupEn);
    assertThat(service.name().en()).isEqualTo(nameEn);
    assertThat(service.hasEnglishName()).isEqualTo(nameEn != null);
  }

  @Test
  void shouldListTheAgencysServicesWhenLookingUpByAgencyCode() {
    // given: the Department of Land Transport

    // when
    List<RoadmapService> services = catalog.byAgency("dlt");

    // then
    assertThat(services)
        .extracting(RoadmapService::id)
        .containsExactly("1-037", "2-030", "2-031", "2-032", "2-033", "2-034", "3-006", "3-007");
    assertThat(catalog.agency("dlt"))
        .contains(
            new RoadmapService.Agency("dlt", "กรมการขนส่งทางบก", "Department of Land Transport"));
  }

  @Test
  void shouldFindTheServiceWhenLookingUpByPhaseAndOrder() {
    // given: the expansion phase's twelfth service

    // when
    RoadmapService service = catalog.find(RoadmapPhase.EXPANSION, 12).orElseThrow();

    // then
    assertThat(service.id()).isEqualTo("x-012");
    assertThat(catalog.find("x-012")).contains(service);
    assertThat(catalog.find(RoadmapPhase.EXPANSION, 91)).isEmpty();
  }

  @Test
  void shouldGiveEveryAgencyItsOwnCodeWhenAgenciesAreListed() {
    // given: the committed catalog

    // when
    List<RoadmapService.Agency> agencies = catalog.agencies();

    // then
    assertThat(agencies).extracting(RoadmapService.Agency::code).doesNotHaveDuplicates();
    assertThat(agencies).extracting(RoadmapService.Agency::th).doesNotHaveDuplicates();
    assertThat(agencies).hasSize(97);
  }

  @Test
  void shouldMarkTheEnglishNameMissingWhenNoFaithfulTranslationWasGiven() {
    // given: the committed catalog

    // when
    List<RoadmapService> missing = catalog.withoutEnglishName();

    // then
    assertThat(missing)
        .extracting(RoadmapService::id)
        .containsExactly("1-049", "2-008", "x-020", "x-032", "x-046", "x-065", "x-082");
    assertThat(RoadmapFiles.read(RoadmapGenerator.servicesFile(RoadmapFiles.projectHome())))
        .contains(
            "\"th\": \"การขออนุญาตดำเนินการตั้งครุฑแทน\",\n"
                + "        \"en\": null,\n"
                + "        \"enMissing\": true\n");
  }

  @Test
  void shouldRecordTheCsvDigestWhenTheCatalogIsGenerated() {
    // given: the committed catalog

    // when
    String digest = catalog.csvSha256();

    // then
    assertThat(catalog.csvName()).isEqualTo("service-roadmap-th.csv");
    assertThat(digest).matches("[0-9a-f]{64}");
  }

  @Test
  void shouldThrowListingTheProblemWhenServicesJsonIsMissing() {
    // given: a home without connectors/roadmap/services.json

    // when / then
    assertThatThrownBy(() -> RoadmapCatalog.load(dir))
        .isInstanceOf(RoadmapException.class)
        .extracting(e -> ((RoadmapException) e).problems())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(Finding.class))
        .extracting(Finding::toString)
        .containsExactly(
            "connectors/roadmap/services.json: file does not exist; generate it with"
                + " ./saphan catalog import-roadmap");
  }

  private static String idOf(CSVRecord row) {
    RoadmapPhase phase = RoadmapPhase.fromCsv(row.get("phase")).orElseThrow();
    return RoadmapService.id(phase, Integer.parseInt(row.get("order")));
  }

  private static String withoutSpaces(String text) {
    return text.replace(" ", "");
  }
}
