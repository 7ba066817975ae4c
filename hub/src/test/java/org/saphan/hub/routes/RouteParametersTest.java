package org.saphan.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.RecurringJob;
import org.saphan.catalog.RouteBindings;
import org.saphan.catalog.RouteTemplateRules;
import org.saphan.hub.support.SampleCatalog;

/**
 * Every route template in {@code routes/} has its {@link ConnectorRouteParameters} class, and each
 * class binds, for every sample card it serves, exactly the parameters its template declares (and
 * {@link RouteBindings}, validate's copy of the contract, lists), all as strings. No Spring
 * context: the classes need nothing but the card.
 */
class RouteParametersTest {

  /** One per template (the hub's beans of this type). */
  private static final List<ConnectorRouteParameters> SOURCES =
      List.of(
          new Model0RouteParameters(),
          new Model1RouteParameters(),
          new Model2RouteParameters(),
          new Model3RouteParameters(),
          new StatusPollRouteParameters(),
          new BatchExportRouteParameters(),
          new BatchImportRouteParameters(),
          new CheckRouteParameters(),
          new Model4RouteParameters());

  @Test
  void shouldBindExactlyTheDeclaredParametersWhenGivenEachSampleCard() throws Exception {
    // given
    Map<String, Set<String>> declared = RouteTemplateRules.declaredParameters(SampleCatalog.HOME);
    List<String> served = new ArrayList<>();
    for (ConnectorRouteParameters source : SOURCES) {
      for (ConnectorCard card : SampleCatalog.get().cards()) {
        if (!source.appliesTo(card)) {
          continue;
        }
        // when
        Map<String, Object> parameters = source.parameters(card);
        // then
        assertThat(parameters.keySet())
            .as(source.templateId() + " for " + card.name())
            .containsExactlyInAnyOrderElementsOf(declared.get(source.templateId()));
        assertThat(parameters.keySet())
            .as(source.templateId() + " for " + card.name() + ", as validate expects")
            .containsExactlyInAnyOrderElementsOf(
                RouteBindings.bound(source.templateId()).orElseThrow());
        assertThat(parameters.values()).allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
        served.add(source.templateId());
      }
    }
    // and every template has its class, which serves at least one sample card
    assertThat(served).containsAll(declared.keySet());
    // and validate's list of what the hub binds names exactly these classes' templates
    assertThat(SOURCES)
        .extracting(ConnectorRouteParameters::templateId)
        .containsExactlyInAnyOrderElementsOf(RouteBindings.templates());
  }

  @Test
  void shouldGiveTheCardsCadenceWhenTheTemplateIsAPerConnectorJob() {
    for (ConnectorRouteParameters source : SOURCES) {
      Optional<RecurringJob> job = RecurringJob.forRouteTemplate(source.templateId());
      for (ConnectorCard card : SampleCatalog.get().cards()) {
        if (!source.appliesTo(card)) {
          continue;
        }
        // when
        Optional<Duration> cadence = source.cadence(card);
        // then: fired by the job scheduler at the card's setting, or consuming messages
        assertThat(cadence.isPresent())
            .as(source.templateId() + " for " + card.name())
            .isEqualTo(job.isPresent());
        cadence.ifPresent(every -> assertThat(every).isPositive());
      }
    }
  }

  @Test
  void shouldReadEachPerConnectorJobsCardSettingWhenTheCardGivesIt() {
    // given: the sample cards' settings (the schema's default where a card says nothing)
    ConnectorCard polled = card("dld-animal-movement-permit");
    ConnectorCard linkOut = card("led-bankruptcy-check");
    ConnectorCard info = card("dcy-newborn-grant");
    // then
    assertThat(new StatusPollRouteParameters().cadence(polled)).contains(Duration.ofSeconds(60));
    assertThat(new Model1RouteParameters().cadence(linkOut)).contains(Duration.ofSeconds(300));
    assertThat(new Model0RouteParameters().cadence(info)).contains(Duration.ofMinutes(60));
  }

  @Test
  void shouldStartNoRouteOnATimerWhenRouteFilesAreRead() throws Exception {
    // recurring work is fired by the job scheduler (batch/schedules.yaml), never by a free timer
    try (Stream<Path> files = Files.list(SampleCatalog.HOME.resolve("routes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
        assertThat(Files.readString(file))
            .as(file.getFileName().toString())
            .doesNotContain("timer:", "scheduler:", "quartz:", "cron:");
      }
    }
  }

  private static ConnectorCard card(String name) {
    return SampleCatalog.get().cards().stream()
        .filter(card -> card.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
