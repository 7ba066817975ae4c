package org.saphan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.catalog.roadmap.RoadmapException;
import org.saphan.catalog.roadmap.RoadmapGenerator;
import org.saphan.catalog.roadmap.RoadmapPhase;
import org.saphan.catalog.roadmap.RoadmapService;

/**
 * Checks a card's place in the service roadmap against {@code connectors/roadmap/services.json}:
 * the roadmap entry its {@code service.roadmap.{phase, order}} names must exist (error), and its
 * Thai service name, target group and agency code should be the roadmap's (warnings).
 */
final class RoadmapRules {

  private final RoadmapCatalog roadmap;
  private final List<Finding> findings;

  private RoadmapRules(RoadmapCatalog roadmap, List<Finding> findings) {
    this.roadmap = roadmap;
    this.findings = List.copyOf(findings);
  }

  /**
   * Reads the roadmap of a Saphan home. A missing file is a warning (the cards' roadmap references
   * are then not checked); an unreadable or invalid one is an error.
   */
  static RoadmapRules of(Path home) {
    if (!Files.exists(home.resolve(RoadmapCatalog.SERVICES_FILE))) {
      return new RoadmapRules(
          null,
          List.of(
              Finding.warning(
                  "",
                  "",
                  "file does not exist, so the cards' service.roadmap references are not checked;"
                      + " generate it with "
                      + RoadmapGenerator.COMMAND,
                  RoadmapCatalog.SERVICES_FILE,
                  0)));
    }
    try {
      return new RoadmapRules(RoadmapCatalog.load(home), List.of());
    } catch (RoadmapException e) {
      return new RoadmapRules(null, e.problems());
    }
  }

  /** What reading the roadmap found, reported once per home. */
  List<Finding> findings() {
    return findings;
  }

  /** Checks the card's roadmap reference; silent where the schema already reports a problem. */
  void check(JsonNode card, CardRules.Reporter reporter) {
    if (roadmap == null) {
      return;
    }
    JsonNode reference = card.path("service").path("roadmap");
    Optional<RoadmapPhase> phase = RoadmapPhase.fromJson(reference.path("phase"));
    JsonNode order = reference.path("order");
    if (phase.isEmpty()
        || !order.isIntegralNumber()
        || !order.canConvertToInt()
        || order.intValue() < 1
        || order.intValue() > RoadmapService.MAX_ORDER) {
      return;
    }
    Optional<RoadmapService> found = roadmap.find(phase.get(), order.intValue());
    if (found.isEmpty()) {
      int services = roadmap.byPhase(phase.get()).size();
      reporter.error(
          "service.roadmap.order",
          "the roadmap has no service at "
              + phase.get().label()
              + ", order "
              + order.intValue()
              + " ("
              + phase.get().label()
              + " has "
              + services
              + " services); see "
              + slashes(RoadmapCatalog.SERVICES_FILE));
      return;
    }
    RoadmapService service = found.get();
    differs(
        reporter,
        card.path("service").path("name").path("th"),
        service.name().th(),
        "service.name.th",
        "the Thai service name differs from the roadmap's name of service " + service.id());
    differs(
        reporter,
        reference.path("targetGroup"),
        service.targetGroup().th(),
        "service.roadmap.targetGroup",
        "differs from the roadmap's target group of service " + service.id());
    differs(
        reporter,
        card.path("agency").path("code"),
        service.agency().code(),
        "agency.code",
        "differs from the code of the agency the roadmap lists for service "
            + service.id()
            + " ("
            + service.agency().th()
            + ")");
  }

  private static void differs(
      CardRules.Reporter reporter, JsonNode actual, String expected, String path, String reason) {
    if (actual.isTextual() && !actual.textValue().equals(expected)) {
      reporter.warning(path, reason + ": expected '" + expected + "'");
    }
  }

  private static String slashes(Path path) {
    return path.toString().replace('\\', '/');
  }
}
