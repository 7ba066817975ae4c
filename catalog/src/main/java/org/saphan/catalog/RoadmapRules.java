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
 * Checks a card's place in the service roadmap against {@code connectors/roadmap/services.json}: a
 * card names a roadmap entry ({@code service.roadmap}) or describes a service outside the roadmap
 * ({@code service.id}, starting with its agency code, and {@code service.category}), not both; the
 * roadmap entry it names must exist and keep its names, Thai and English (errors: a card never
 * renames a roadmap entry); its target group and agency code should be the roadmap's (warnings).
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
    checkOwnService(card, reporter);
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
    renames(reporter, card, "th", service.name().th(), service.id());
    if (service.hasEnglishName()) {
      renames(reporter, card, "en", service.name().en(), service.id());
    }
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

  /** A service outside the roadmap has its own id and category; a roadmap service has neither. */
  private static void checkOwnService(JsonNode card, CardRules.Reporter reporter) {
    JsonNode service = card.path("service");
    if (!service.isObject()) {
      return;
    }
    boolean inRoadmap = service.has("roadmap");
    JsonNode id = service.path("id");
    if (inRoadmap && service.has("id")) {
      reporter.error(
          "service.id",
          "a roadmap service takes the roadmap's id; give service.roadmap, or service.id and"
              + " service.category for a service outside the roadmap, not both");
    } else if (!inRoadmap && !service.has("id")) {
      reporter.error(
          "service",
          "name the service's roadmap entry (service.roadmap), or describe a service outside the"
              + " roadmap (service.id and service.category)");
    }
    JsonNode agency = card.path("agency").path("code");
    if (!inRoadmap
        && id.isTextual()
        && agency.isTextual()
        && !id.textValue().startsWith(agency.textValue() + "-")) {
      reporter.error(
          "service.id",
          "must start with the card's agency code, '"
              + agency.textValue()
              + "-', so that services"
              + " of different agencies never share an id");
    }
  }

  /** A card that names a roadmap entry keeps the entry's name in {@code language}. */
  private static void renames(
      CardRules.Reporter reporter, JsonNode card, String language, String expected, String id) {
    JsonNode actual = card.path("service").path("name").path(language);
    if (actual.isTextual() && !actual.textValue().equals(expected)) {
      reporter.error(
          "service.name." + language,
          "the "
              + (language.equals("th") ? "Thai" : "English")
              + " service name differs from the roadmap's name of service "
              + id
              + ": expected '"
              + expected
              + "'; a card never renames a roadmap entry (the portal lists the roadmap's name):"
              + " use it, or describe a service outside the roadmap with service.id");
    }
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
