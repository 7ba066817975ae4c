package org.saphan.catalog.roadmap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.Finding;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.settings.AgencySettings;
import org.saphan.catalog.settings.LocalizedText;
import org.saphan.catalog.settings.ServiceSettings;

/**
 * The Citizen Portal service roadmap as data: every roadmap service with its phase, target group,
 * agency and ministry, in Thai and (where given) English, read from {@code
 * connectors/roadmap/services.json}. Immutable.
 */
public final class RoadmapCatalog {

  /** The catalog file, relative to the Saphan home. */
  public static final Path SERVICES_FILE = RoadmapTables.FOLDER.resolve("services.json");

  /** How many services the roadmap lists (phase 1: 50, phase 2: 60, phase 3: 60, expansion: 90). */
  public static final int ROADMAP_SIZE = 260;

  private final List<RoadmapService> services;
  private final Map<String, RoadmapService> byId;
  private final Map<String, RoadmapService.Agency> agencies;
  private final String csvName;
  private final String csvSha256;

  private RoadmapCatalog(List<RoadmapService> services, String csvName, String csvSha256) {
    List<RoadmapService> sorted = new ArrayList<>(services);
    sorted.sort(
        Comparator.comparing(RoadmapService::phase).thenComparingInt(RoadmapService::order));
    this.services = List.copyOf(sorted);
    Map<String, RoadmapService> ids = new LinkedHashMap<>();
    Map<String, RoadmapService.Agency> codes = new TreeMap<>();
    for (RoadmapService service : this.services) {
      ids.put(service.id(), service);
      codes.putIfAbsent(service.agency().code(), service.agency());
    }
    this.byId = Collections.unmodifiableMap(ids);
    this.agencies = Collections.unmodifiableMap(codes);
    this.csvName = csvName;
    this.csvSha256 = csvSha256;
  }

  /**
   * Reads {@code connectors/roadmap/services.json} of a Saphan home.
   *
   * @throws RoadmapException listing every problem when the file is missing, is not the catalog's
   *     JSON, lists other than {@value #ROADMAP_SIZE} services, or repeats an id
   */
  public static RoadmapCatalog load(Path home) {
    Path file = home.resolve(SERVICES_FILE);
    List<Finding> problems = new ArrayList<>();
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        throw new RoadmapException(
            List.of(
                Finding.error(
                    "",
                    "",
                    "file does not exist; generate it with " + RoadmapGenerator.COMMAND,
                    SERVICES_FILE,
                    0)));
      }
      if (Files.size(file) > CsvTable.MAX_BYTES) {
        throw new RoadmapException(
            List.of(
                Finding.error(
                    "",
                    "",
                    "file is larger than " + CsvTable.MAX_BYTES + " bytes",
                    SERVICES_FILE,
                    0)));
      }
      text = CsvTable.decode(Files.readAllBytes(file));
    } catch (CharacterCodingException e) {
      throw new RoadmapException(
          List.of(Finding.error("", "", "file is not valid UTF-8", SERVICES_FILE, 0)));
    } catch (IOException e) {
      throw new RoadmapException(
          List.of(
              Finding.error("", "", "file cannot be read: " + e.getMessage(), SERVICES_FILE, 0)));
    }
    RoadmapJson.Parsed parsed = RoadmapJson.read(text, SERVICES_FILE, problems);
    if (!problems.isEmpty()) {
      throw new RoadmapException(problems);
    }
    return new RoadmapCatalog(
        parsed.services(), parsed.provenance().csvName(), parsed.provenance().csvSha256());
  }

  /** Every service, in roadmap order: phase 1, 2, 3, expansion; then order. */
  public List<RoadmapService> services() {
    return services;
  }

  /** How many services the catalog holds. */
  public int size() {
    return services.size();
  }

  /** The service with this id, such as {@code 1-001} or {@code x-012}. */
  public Optional<RoadmapService> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The service with this id; throws when there is none. */
  public RoadmapService get(String id) {
    RoadmapService service = byId.get(id);
    if (service == null) {
      throw new NoSuchElementException("No roadmap service with id '" + id + "'");
    }
    return service;
  }

  /** The service at {@code order} in {@code phase}. */
  public Optional<RoadmapService> find(RoadmapPhase phase, int order) {
    if (order < 1 || order > RoadmapService.MAX_ORDER) {
      return Optional.empty();
    }
    return find(RoadmapService.id(phase, order));
  }

  /**
   * The service a card's {@code service.roadmap} block names, when its {@code phase} and {@code
   * order} are well-formed and the roadmap has that service.
   */
  public Optional<RoadmapService> findByCardReference(JsonNode roadmap) {
    Optional<RoadmapPhase> phase = RoadmapPhase.fromJson(roadmap.path("phase"));
    JsonNode order = roadmap.path("order");
    if (phase.isEmpty() || !order.isIntegralNumber() || !order.canConvertToInt()) {
      return Optional.empty();
    }
    return find(phase.get(), order.intValue());
  }

  /** The services of one phase, in order. */
  public List<RoadmapService> byPhase(RoadmapPhase phase) {
    return services.stream().filter(service -> service.phase() == phase).toList();
  }

  /** The services of the agency with this code (such as {@code dlt}), in roadmap order. */
  public List<RoadmapService> byAgency(String code) {
    return services.stream().filter(service -> service.agency().code().equals(code)).toList();
  }

  /** The services of one ministry, by its Thai name, in roadmap order. */
  public List<RoadmapService> byMinistry(String ministryTh) {
    return services.stream().filter(service -> service.ministry().th().equals(ministryTh)).toList();
  }

  /** The services of one target group, by its Thai name, in roadmap order. */
  public List<RoadmapService> byTargetGroup(String targetGroupTh) {
    return services.stream()
        .filter(service -> service.targetGroup().th().equals(targetGroupTh))
        .toList();
  }

  /** The agency with this code. */
  public Optional<RoadmapService.Agency> agency(String code) {
    return Optional.ofNullable(agencies.get(code));
  }

  /** Every agency of the roadmap, sorted by code. */
  public List<RoadmapService.Agency> agencies() {
    return List.copyOf(agencies.values());
  }

  /** The services whose English name is marked missing, in roadmap order. */
  public List<RoadmapService> withoutEnglishName() {
    return services.stream().filter(service -> !service.hasEnglishName()).toList();
  }

  /** File name of the CSV the catalog was generated from. */
  public String csvName() {
    return csvName;
  }

  /** SHA-256 of the CSV the catalog was generated from, lower-case hex. */
  public String csvSha256() {
    return csvSha256;
  }

  /**
   * Every roadmap service with its connector card, in roadmap order, then the services outside the
   * roadmap that cards describe ({@code service.id}), by id: a roadmap service no card names is
   * served as model 0 (e-Information) from what the roadmap knows. When several cards name one
   * service, the first by connector name is used.
   */
  public List<ListedService> listing(Catalog cards) {
    Map<String, ConnectorCard> cardOf = new LinkedHashMap<>();
    Map<String, ListedService> outside = new TreeMap<>();
    for (ConnectorCard card : cards.cards()) {
      card.service()
          .roadmap()
          .flatMap(roadmap -> find(roadmap.phase(), roadmap.order()))
          .ifPresent(service -> cardOf.putIfAbsent(service.id(), card));
      outside(card)
          .ifPresent(
              service ->
                  outside.putIfAbsent(service.id(), new ListedService(service, Optional.of(card))));
    }
    List<ListedService> listing = new ArrayList<>();
    services.stream()
        .map(service -> new ListedService(service, Optional.ofNullable(cardOf.get(service.id()))))
        .forEach(listing::add);
    listing.addAll(outside.values());
    return List.copyOf(listing);
  }

  /** The service outside the roadmap a card describes, if it describes one. */
  private Optional<RoadmapService> outside(ConnectorCard card) {
    ServiceSettings service = card.service();
    if (service.roadmap().isPresent() || service.id().isEmpty()) {
      return Optional.empty();
    }
    AgencySettings agency = card.agency();
    RoadmapService.Agency owner =
        agency(agency.code())
            .orElseGet(
                () ->
                    new RoadmapService.Agency(
                        agency.code(), agency.name().th(), agency.name().englishOrThai()));
    return Optional.of(
        RoadmapService.outside(
            service.id().orElseThrow(),
            text(service.category().orElseThrow()),
            text(service.name()),
            owner,
            text(agency.ministry())));
  }

  private static RoadmapService.Text text(LocalizedText localized) {
    return new RoadmapService.Text(localized.th(), localized.en().orElse(null));
  }

  /**
   * A roadmap service as the portal lists it.
   *
   * @param service the roadmap entry
   * @param card the connector card that names it, if any
   */
  public record ListedService(RoadmapService service, Optional<ConnectorCard> card) {

    /** The card's integration model; model 0 (e-Information) for a service without a card. */
    public IntegrationModel model() {
      return card.map(ConnectorCard::integrationModel).orElse(IntegrationModel.ZERO);
    }
  }
}
