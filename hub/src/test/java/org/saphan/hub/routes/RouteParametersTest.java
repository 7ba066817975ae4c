package org.saphan.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.ConnectorCard;
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
}
