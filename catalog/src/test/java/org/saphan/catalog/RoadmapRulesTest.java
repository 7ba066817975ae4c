package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saphan.catalog.cli.ValidateCommand;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.catalog.roadmap.RoadmapService;

/**
 * Cards against the roadmap service catalog, and the catalog file itself, as validate sees them.
 */
class RoadmapRulesTest {

  private static final String LINK_FILE = "connectors/led-bankruptcy-check.connector.yaml";
  private static final String SERVICES_FILE = "connectors/roadmap/services.json";

  /** The link-out card describing a service of its own, outside the roadmap. */
  private static final String OWN_SERVICE_CARD =
      TestHome.LINK_OUT_CARD.replace(
          """
            name: {th: การตรวจสอบบุคคลล้มละลาย, en: Bankruptcy status check}
            roadmap: {phase: 1, order: 48, targetGroup: บริการอื่น ๆ}
          """,
          """
            name: {th: ปฏิทินการขายทอดตลาด, en: Auction calendar}
            id: led-auction-calendar
            category: {th: บริการอื่น ๆ, en: Other services}
          """);

  @TempDir Path dir;

  @Test
  void shouldReportErrorWhenTheCardNamesARoadmapEntryThatDoesNotExist() {
    // given
    TestHome home = new TestHome(dir);
    home.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD.replace("order: 48", "order: 51"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":9: led-bankruptcy-check.service.roadmap.order: the roadmap has no service at"
                + " phase 1, order 51 (phase 1 has 50 services); see "
                + SERVICES_FILE);
    assertThat(result.cards()).isEmpty();
  }

  @Test
  void shouldRefuseTheCardWhenItsThaiServiceNameDiffersFromTheRoadmap() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace("th: การตรวจสอบบุคคลล้มละลาย", "th: ตรวจสอบบุคคลล้มละลาย"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then: a card never renames a roadmap entry (it was a warning before services outside the
    // roadmap could be described)
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":8: led-bankruptcy-check.service.name.th: the Thai service name differs from"
                + " the roadmap's name of service 1-048: expected 'การตรวจสอบบุคคลล้มละลาย'; a card"
                + " never renames a roadmap entry (the portal lists the roadmap's name): use it, or"
                + " describe a service outside the roadmap with service.id");
    assertThat(result.cards()).isEmpty();
  }

  @Test
  void shouldRefuseTheCardWhenItsEnglishServiceNameDiffersFromTheRoadmap() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace("en: Bankruptcy status check", "en: Bankruptcy check"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + LINK_FILE
                + ":8: led-bankruptcy-check.service.name.en: the English service name differs from"
                + " the roadmap's name of service 1-048: expected 'Bankruptcy status check'; a card"
                + " never renames a roadmap entry (the portal lists the roadmap's name): use it, or"
                + " describe a service outside the roadmap with service.id");
  }

  @Test
  void shouldListTheCardsOwnServiceWhenItDescribesAServiceOutsideTheRoadmap() {
    // given
    TestHome home = new TestHome(dir);
    home.card("led-bankruptcy-check", OWN_SERVICE_CARD);
    Catalog cards =
        new CatalogLoader(home.home, TestHome.SECRETS, LoadOptions.runtime()).loadOrThrow();

    // when
    List<RoadmapCatalog.ListedService> listing = RoadmapCatalog.load(home.home).listing(cards);

    // then: after the 260 roadmap services, under its own id and names
    assertThat(listing).hasSize(RoadmapCatalog.ROADMAP_SIZE + 1);
    RoadmapCatalog.ListedService own = listing.get(RoadmapCatalog.ROADMAP_SIZE);
    assertThat(own.service().id()).isEqualTo("led-auction-calendar");
    assertThat(own.service().inRoadmap()).isFalse();
    assertThat(own.service().name().th()).isEqualTo("ปฏิทินการขายทอดตลาด");
    assertThat(own.service().name().en()).isEqualTo("Auction calendar");
    assertThat(own.service().targetGroup().th()).isEqualTo("บริการอื่น ๆ");
    assertThat(own.service().agency().code()).isEqualTo("led");
    assertThat(own.card()).map(ConnectorCard::name).contains("led-bankruptcy-check");
    assertThat(own.model()).isEqualTo(IntegrationModel.ONE);
    assertThat(listing.stream().filter(l -> l.service().id().equals("1-048")))
        .allSatisfy(l -> assertThat(l.card()).isEmpty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // both a roadmap entry and an own id
        "'  id: led-auction-calendar' | '  id: led-auction-calendar\n  roadmap: {phase: 1,"
            + " order: 48, targetGroup: บริการอื่น ๆ}'"
            + " | 9: led-bankruptcy-check.service.id: a roadmap service takes the roadmap's id;"
            + " give service.roadmap, or service.id and service.category for a service outside"
            + " the roadmap, not both",
        // neither
        "'  id: led-auction-calendar\n' | ''"
            + " | 7: led-bankruptcy-check.service: name the service's roadmap entry"
            + " (service.roadmap), or describe a service outside the roadmap (service.id and"
            + " service.category)",
        // an id of another agency
        "'id: led-auction-calendar' | 'id: dlt-auction-calendar'"
            + " | 9: led-bankruptcy-check.service.id: must start with the card's agency code,"
            + " 'led-', so that services of different agencies never share an id",
        // an id shaped like a roadmap id
        "'id: led-auction-calendar' | 'id: x-041'"
            + " | 9: led-bankruptcy-check.service.id: must match"
            + " ^[a-z][a-z0-9]{1,15}-[a-z0-9]+(-[a-z0-9]+)*$ (for example 'dld-inspection-booking'),"
            + " found 'x-041'"
      })
  void shouldRefuseTheCardWhenItsServiceIsNeitherInNorClearlyOutsideTheRoadmap(
      String original, String broken, String expected) {
    // given
    TestHome home = new TestHome(dir);
    String card =
        OWN_SERVICE_CARD.replace(original.replace("\\n", "\n"), broken.replace("\\n", "\n"));
    assertThat(card).isNotEqualTo(OWN_SERVICE_CARD);
    home.card("led-bankruptcy-check", card);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result)).contains("ERROR " + LINK_FILE + ":" + expected);
    assertThat(result.cards()).isEmpty();
  }

  @Test
  void shouldWarnWhenTheTargetGroupDiffersFromTheRoadmap() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace("targetGroup: บริการอื่น ๆ", "targetGroup: บริการอื่นๆ"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + LINK_FILE
                + ":9: led-bankruptcy-check.service.roadmap.targetGroup: differs from the"
                + " roadmap's target group of service 1-048: expected 'บริการอื่น ๆ'");
  }

  @Test
  void shouldAcceptExpansionPhaseWhenTheCardNamesIt() {
    // given: service x-041, the Legal Execution Department's case status check
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD
            .replace("th: การตรวจสอบบุคคลล้มละลาย", "th: การตรวจสอบสถานะคดี")
            .replace("en: Bankruptcy status check", "en: Case status check")
            .replace(
                "roadmap: {phase: 1, order: 48, targetGroup: บริการอื่น ๆ}",
                "roadmap: {phase: expansion, order: 41, targetGroup: งานบริการด้านความมั่นคงปลอดภัย}"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void shouldWarnWhenTheHomeHasNoRoadmapCatalog() {
    // given
    TestHome home = new TestHome(dir).withoutRoadmap();
    home.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + SERVICES_FILE
                + ": file does not exist, so the cards' service.roadmap references are not"
                + " checked; generate it with ./saphan catalog import-roadmap");
    assertThat(result.cards()).hasSize(1);
  }

  @Test
  void shouldReportTheLineWhenServicesJsonRepeatsAnId() throws Exception {
    // given: the second service rewritten as a copy of the first one's id and order
    TestHome home = new TestHome(dir);
    Path services = home.home.resolve(RoadmapCatalog.SERVICES_FILE);
    String json = Files.readString(services, StandardCharsets.UTF_8);
    Files.writeString(
        services,
        json.replace(
            "\"id\": \"1-002\",\n      \"phase\": 1,\n      \"order\": 2,",
            "\"id\": \"1-001\",\n      \"phase\": 1,\n      \"order\": 1,"),
        StandardCharsets.UTF_8);

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "ERROR "
                + SERVICES_FILE
                + ":38: services[1].id: '1-001' is listed twice (first as services[0], line 15)");
  }

  @Test
  void shouldExitInvalidWhenServicesJsonIsNotJson() throws Exception {
    // given
    TestHome home = new TestHome(dir);
    home.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD);
    Path services = home.home.resolve(RoadmapCatalog.SERVICES_FILE);
    String json = Files.readString(services, StandardCharsets.UTF_8);
    Files.writeString(services, json.substring(0, json.indexOf("\"id\": \"1-003\"")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ValidateCommand command = home.validateCommand(out);

    // when
    int status = command.run();

    // then
    assertThat(status).isEqualTo(ValidateCommand.INVALID);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith(
            "error: "
                + SERVICES_FILE
                + ":61: is not valid JSON: Unexpected end-of-input: expected close marker for"
                + " Object (start marker at [line: 60, column: 5])\n");
  }

  @Test
  void shouldListEveryServiceWithItsModelWhenCardsAreJoinedToTheRoadmap() {
    // given
    TestHome home = new TestHome(dir).withApiCard();
    home.card("led-bankruptcy-check", TestHome.LINK_OUT_CARD);
    Catalog cards =
        new CatalogLoader(home.home, TestHome.SECRETS, LoadOptions.runtime()).loadOrThrow();
    RoadmapCatalog roadmap = RoadmapCatalog.load(home.home);

    // when
    List<RoadmapCatalog.ListedService> listing = roadmap.listing(cards);

    // then
    assertThat(listing).hasSize(RoadmapCatalog.ROADMAP_SIZE);
    assertThat(listing.get(0).service().id()).isEqualTo("1-001");
    assertThat(listing.get(0).model()).isEqualTo(IntegrationModel.THREE);
    assertThat(listing.get(0).card()).map(ConnectorCard::name).contains("dcy-newborn-grant");
    RoadmapCatalog.ListedService bankruptcy =
        listing.stream().filter(l -> l.service().id().equals("1-048")).findFirst().orElseThrow();
    assertThat(bankruptcy.model()).isEqualTo(IntegrationModel.ONE);
    assertThat(listing.stream().filter(l -> l.card().isEmpty()))
        .hasSize(RoadmapCatalog.ROADMAP_SIZE - 2)
        .allSatisfy(l -> assertThat(l.model()).isEqualTo(IntegrationModel.ZERO));
    assertThat(listing.get(1).service())
        .extracting(RoadmapService::id, s -> s.agency().code())
        .containsExactly("1-002", "dcy");
  }
}
