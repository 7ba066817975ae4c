package org.saphan.hub.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.catalog.roadmap.RoadmapService;
import org.saphan.catalog.settings.CardSettingsJson;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal's service catalog: every roadmap service, joined with its connector card (model and
 * information) and with the information the model-0 route keeps current, then the services outside
 * the roadmap that cards describe, under their own names and ids. A roadmap service without a card
 * is model 0 with what the roadmap knows.
 */
public class ServiceDirectory {

  /** One service as listed: roadmap entry, card (if any), current information (if any). */
  public record Entry(
      RoadmapService roadmap, Optional<ConnectorCard> card, Optional<CurrentInfo> info) {

    /** The integration model (model 0 without a card). */
    public IntegrationModel model() {
      return card.map(ConnectorCard::integrationModel).orElse(IntegrationModel.ZERO);
    }

    /** The public id: the roadmap id, or the card's own id outside the roadmap. */
    public String id() {
      return roadmap.id();
    }
  }

  /**
   * Service information as last refreshed.
   *
   * @param info the information (the card's {@code info} shape)
   * @param source {@code card} or the source URL
   * @param refreshedAt when it was last confirmed
   * @param changedAt when its content last changed
   * @param lastError the last failed pull, if the source failed since
   * @param lastErrorAt when that was
   */
  public record CurrentInfo(
      JsonNode info,
      String source,
      Instant refreshedAt,
      Instant changedAt,
      String lastError,
      Instant lastErrorAt) {}

  /** Filters of a listing; null means "any". */
  public record Query(
      String agency,
      String ministry,
      String targetGroup,
      String phase,
      Integer model,
      String text,
      int page,
      int size) {}

  /** A page of a listing. */
  public record Page(List<Entry> items, int page, int size, int total) {}

  private static final ObjectMapper JSON = Json.strict();

  private final RoadmapCatalog roadmap;
  private final Catalog cards;
  private final JdbcClient jdbc;
  private final Map<String, RoadmapCatalog.ListedService> byId = new LinkedHashMap<>();
  private final Map<String, String> idOfConnector = new LinkedHashMap<>();

  public ServiceDirectory(RoadmapCatalog roadmap, Catalog cards, JdbcClient jdbc) {
    this.roadmap = roadmap;
    this.cards = cards;
    this.jdbc = jdbc;
    for (RoadmapCatalog.ListedService listed : roadmap.listing(cards)) {
      byId.put(listed.service().id(), listed);
      listed.card().ifPresent(card -> idOfConnector.put(card.name(), listed.service().id()));
    }
  }

  /** How many services the catalog holds. */
  public int size() {
    return byId.size();
  }

  /** A service by roadmap id ({@code 1-001}) or connector name ({@code dcy-newborn-grant}). */
  public Entry get(String idOrConnector) {
    RoadmapCatalog.ListedService listed = listed(idOrConnector);
    return new Entry(listed.service(), listed.card(), listed.card().flatMap(this::info));
  }

  /**
   * The public id (roadmap id) of a service named by id or connector; unlike {@link #get}, it does
   * not read the service's stored information.
   */
  public String idOf(String idOrConnector) {
    return listed(idOrConnector).service().id();
  }

  /** The card of a service, refusing a service without one (model 0 from the roadmap only). */
  public ConnectorCard cardOf(String idOrConnector, IntegrationModel... models) {
    RoadmapCatalog.ListedService listed = listed(idOrConnector);
    String id = listed.service().id();
    ConnectorCard card =
        listed
            .card()
            .orElseThrow(
                () ->
                    SaphanException.business(
                        ErrorCode.MODEL_NOT_OFFERED,
                        "service " + id + " is information only (model 0)",
                        Map.of("model", 0)));
    if (models.length > 0 && !List.of(models).contains(card.integrationModel())) {
      throw SaphanException.business(
          ErrorCode.MODEL_NOT_OFFERED,
          "service " + id + " is offered in model " + card.model() + ", not this way",
          Map.of("model", card.model()));
    }
    return card;
  }

  private RoadmapCatalog.ListedService listed(String idOrConnector) {
    String id = idOfConnector.getOrDefault(idOrConnector, idOrConnector);
    RoadmapCatalog.ListedService listed = byId.get(id);
    if (listed == null) {
      throw SaphanException.validation(
          ErrorCode.SERVICE_NOT_FOUND, "no service with id '" + idOrConnector + "'");
    }
    return listed;
  }

  /** A filtered, paged listing in roadmap order. */
  public Page list(Query query) {
    List<RoadmapCatalog.ListedService> matching = new ArrayList<>();
    for (RoadmapCatalog.ListedService listed : byId.values()) {
      if (matches(listed, query)) {
        matching.add(listed);
      }
    }
    int from = Math.min(query.page() * query.size(), matching.size());
    int to = Math.min(from + query.size(), matching.size());
    List<Entry> items =
        matching.subList(from, to).stream()
            .map(l -> new Entry(l.service(), l.card(), l.card().flatMap(this::info)))
            .toList();
    return new Page(items, query.page(), query.size(), matching.size());
  }

  private static boolean matches(RoadmapCatalog.ListedService listed, Query query) {
    RoadmapService s = listed.service();
    if (query.agency() != null && !s.agency().code().equalsIgnoreCase(query.agency())) {
      return false;
    }
    if (query.ministry() != null
        && !contains(s.ministry().th(), query.ministry())
        && !contains(s.ministry().en(), query.ministry())) {
      return false;
    }
    if (query.targetGroup() != null
        && !contains(s.targetGroup().th(), query.targetGroup())
        && !contains(s.targetGroup().en(), query.targetGroup())) {
      return false;
    }
    if (query.phase() != null
        && (!s.inRoadmap()
            || !s.phase().csvValue().equalsIgnoreCase(query.phase())
                && !s.phase().idPrefix().equalsIgnoreCase(query.phase()))) {
      return false;
    }
    if (query.model() != null && listed.model().number() != query.model()) {
      return false;
    }
    if (query.text() != null) {
      String q = query.text();
      return contains(s.name().th(), q)
          || contains(s.name().en(), q)
          || contains(s.agency().th(), q)
          || contains(s.agency().en(), q)
          || s.agency().code().equalsIgnoreCase(q)
          || listed.card().map(c -> c.name().contains(q.toLowerCase(Locale.ROOT))).orElse(false);
    }
    return true;
  }

  private static boolean contains(String text, String part) {
    return text != null
        && text.toLowerCase(Locale.ROOT).contains(part.trim().toLowerCase(Locale.ROOT));
  }

  /** The information the model-0 route keeps for a card; the card's own as the fallback. */
  private Optional<CurrentInfo> info(ConnectorCard card) {
    Optional<CurrentInfo> stored =
        jdbc.sql(
                "select info, source, refreshed_at, changed_at, last_error, last_error_at"
                    + " from service_info where connector = ?")
            .param(card.name())
            .query(
                (rs, row) ->
                    new CurrentInfo(
                        readJson(rs.getString("info")),
                        rs.getString("source"),
                        rs.getTimestamp("refreshed_at").toInstant(),
                        rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("last_error"),
                        rs.getTimestamp("last_error_at") == null
                            ? null
                            : rs.getTimestamp("last_error_at").toInstant()))
            .optional();
    if (stored.isPresent()) {
      return stored;
    }
    return card.info()
        .map(CardSettingsJson::tree)
        .map(info -> new CurrentInfo(info, "card", null, null, null, null));
  }

  /** How old information is, for "shows its age". */
  public static Duration age(CurrentInfo info, Clock clock) {
    return info.refreshedAt() == null
        ? Duration.ZERO
        : Duration.between(info.refreshedAt(), clock.instant());
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("service_info holds invalid JSON", e);
    }
  }

  /** The roadmap this directory was built from. */
  public RoadmapCatalog roadmap() {
    return roadmap;
  }

  /** The connector cards. */
  public Catalog cards() {
    return cards;
  }
}
