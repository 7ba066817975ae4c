package org.saphan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.cli.ValidateCommand;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.catalog.roadmap.RoadmapService;

/**
 * Cards against the roadmap service catalog, and the catalog file itself, as validate sees them.
 */
class RoadmapRulesTest {

  private static final String LINK_FILE = "connectors/led-bankruptcy-check.connector.yaml";
  private static final String SERVICES_FILE = "connectors/roadmap/services.json";

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
  void shouldWarnWhenTheThaiServiceNameDiffersFromTheRoadmap() {
    // given
    TestHome home = new TestHome(dir);
    home.card(
        "led-bankruptcy-check",
        TestHome.LINK_OUT_CARD.replace("th: การตรวจสอบบุคคลล้มละลาย", "th: ตรวจสอบบุคคลล้มละลาย"));

    // when
    LoadResult result = home.load(LoadOptions.runtime());

    // then
    assertThat(TestHome.lines(result))
        .containsExactly(
            "WARNING "
                + LINK_FILE
                + ":8: led-bankruptcy-check.service.name.th: the Thai service name differs from"
                + " the roadmap's name of service 1-048: expected 'การตรวจสอบบุคคลล้มละลาย'");
    assertThat(result.cards())
        .extracting(ConnectorCard::name)
        .containsExactly("led-bankruptcy-check");
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
