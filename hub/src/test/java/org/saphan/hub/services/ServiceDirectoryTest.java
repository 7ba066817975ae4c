package org.saphan.hub.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.LoadOptions;
import org.saphan.catalog.SecretResolver;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.hub.support.SampleCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A card that describes a service outside the roadmap is listed under its own id and names, not
 * under a borrowed roadmap entry. No Spring context: the directory needs the roadmap, the cards and
 * (for stored information, none here) the database.
 */
class ServiceDirectoryTest {

  private static final String CARD =
      """
      metadata:
        name: led-auction-calendar
      agency:
        code: led
        name: {th: กรมบังคับคดี, en: Legal Execution Department}
        ministry: {th: กระทรวงยุติธรรม, en: Ministry of Justice}
      service:
        name: {th: ปฏิทินการขายทอดตลาด, en: Auction calendar}
        id: led-auction-calendar
        category: {th: บริการอื่น ๆ, en: Other services}
      model: 1
      info:
        documentsRequired: []
        fee: {amount: 0.00, currency: THB}
        slaWorkingDays: 0
        channels: [agency_website]
      linkOut:
        url: https://e-service.led.example.go.th/auctions
        allowedHosts: [e-service.led.example.go.th]
      """;

  @TempDir Path home;

  private ServiceDirectory directory;

  @BeforeEach
  void directory() throws Exception {
    Path roadmap = home.resolve(RoadmapCatalog.SERVICES_FILE);
    Files.createDirectories(roadmap.getParent());
    Files.copy(SampleCatalog.HOME.resolve(RoadmapCatalog.SERVICES_FILE), roadmap);
    Files.writeString(
        home.resolve("connectors/led-auction-calendar.connector.yaml"),
        CARD,
        StandardCharsets.UTF_8);
    Catalog cards =
        new CatalogLoader(home, SecretResolver.of(Map.of()), LoadOptions.runtime()).loadOrThrow();
    directory = new ServiceDirectory(RoadmapCatalog.load(home), cards, noStoredInfo());
  }

  /** A database without stored service information: every query finds no row. */
  private static JdbcClient noStoredInfo() {
    return stub(JdbcClient.class);
  }

  private static <T> T stub(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) ->
                method.getName().equals("optional")
                    ? Optional.empty()
                    : method.getReturnType().isInterface() ? stub(method.getReturnType()) : null));
  }

  @Test
  void shouldListTheCardsOwnServiceWhenItIsOutsideTheRoadmap() {
    // when
    ServiceDirectory.Entry entry = directory.get("led-auction-calendar");

    // then
    assertThat(directory.size()).isEqualTo(RoadmapCatalog.ROADMAP_SIZE + 1);
    assertThat(entry.id()).isEqualTo("led-auction-calendar");
    assertThat(entry.roadmap().inRoadmap()).isFalse();
    assertThat(entry.roadmap().name().th()).isEqualTo("ปฏิทินการขายทอดตลาด");
    assertThat(entry.roadmap().name().en()).isEqualTo("Auction calendar");
    assertThat(entry.roadmap().agency().en()).isEqualTo("Legal Execution Department");
    assertThat(entry.model()).isEqualTo(IntegrationModel.ONE);
    assertThat(entry.info()).map(ServiceDirectory.CurrentInfo::source).contains("card");
  }

  @Test
  void shouldLeaveEveryRoadmapEntryItsOwnNameWhenACardIsOutsideTheRoadmap() {
    // when
    ServiceDirectory.Entry bankruptcy = directory.get("1-048");

    // then
    assertThat(bankruptcy.card()).isEmpty();
    assertThat(bankruptcy.roadmap().name().th()).isEqualTo("การตรวจสอบบุคคลล้มละลาย");
  }

  @Test
  void shouldFindTheOwnServiceByTextButNotByPhaseWhenTheListingIsFiltered() {
    // when
    ServiceDirectory.Page byText =
        directory.list(new ServiceDirectory.Query(null, null, null, null, null, "Auction", 0, 20));
    ServiceDirectory.Page byPhase =
        directory.list(new ServiceDirectory.Query("led", null, null, "1", null, null, 0, 20));

    // then
    assertThat(byText.items())
        .extracting(ServiceDirectory.Entry::id)
        .contains("led-auction-calendar");
    assertThat(byPhase.items())
        .extracting(ServiceDirectory.Entry::id)
        .doesNotContain("led-auction-calendar")
        .contains("1-048");
  }
}
