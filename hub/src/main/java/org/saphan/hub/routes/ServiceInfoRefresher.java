package org.saphan.hub.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.camel.Header;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.ClusterLock;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.egress.AllowList;
import org.saphan.hub.security.egress.InfoSourceFetcher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Model 0's work: writes a connector's service information into {@code service_info}, keeping the
 * time it last changed apart from the time it was last refreshed, so a stale source shows its age.
 */
@Component("serviceInfoRefresher")
public class ServiceInfoRefresher implements ConnectorRouteParameters {

  static final String TEMPLATE_ID = "model0-e-info";
  private static final long DEFAULT_REFRESH_MINUTES = 60;

  /** The fields an info source may publish (the card's {@code info} block). */
  static final java.util.List<String> INFO_FIELDS =
      java.util.List.of(
          "documentsRequired",
          "fee",
          "slaWorkingDays",
          "channels",
          "offices",
          "hours",
          "updatedAt");

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ServiceInfoRefresher.class);

  private final Catalog catalog;
  private final JdbcClient jdbc;
  private final InfoSourceFetcher fetcher;
  private final ClusterLock clusterLock;
  private final MeterRegistry meters;
  private final ObjectMapper canonicalJson = Json.canonical();

  public ServiceInfoRefresher(
      Catalog catalog,
      JdbcClient jdbc,
      InfoSourceFetcher fetcher,
      ClusterLock clusterLock,
      MeterRegistry meters) {
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.fetcher = fetcher;
    this.clusterLock = clusterLock;
    this.meters = meters;
  }

  @Override
  public String templateId() {
    return TEMPLATE_ID;
  }

  @Override
  public boolean appliesTo(ConnectorCard card) {
    return card.json().has("info");
  }

  @Override
  public Map<String, Object> parameters(ConnectorCard card) {
    long minutes =
        card.json()
            .path("info")
            .path("source")
            .path("refreshMinutes")
            .asLong(DEFAULT_REFRESH_MINUTES);
    return Map.of("connector", card.name(), "refreshPeriod", Long.toString(minutes * 60_000));
  }

  /**
   * Refreshes one connector's information: from its agency's info source where the card names one
   * (only that origin may answer, redirects included), else from the card. A failing source keeps
   * the last good information and records the failure next to it, so its age shows.
   *
   * @return whether the content changed
   */
  public boolean refreshFromCard(@Header(RouteHeaders.CONNECTOR) String connector) {
    ConnectorCard card =
        catalog
            .find(connector)
            .orElseThrow(
                () ->
                    SaphanException.validation(
                        ErrorCode.CONNECTOR_NOT_FOUND, "No connector card named " + connector));
    JsonNode source = card.at("/info/source/url");
    if (!source.isTextual()) {
      return store(card, card.json().path("info"), "card");
    }
    boolean[] changed = {false};
    clusterLock.runIfFree(
        "info-source:" + connector,
        () -> {
          URI url = URI.create(source.asText());
          try {
            JsonNode fetched = fetcher.fetch(url, AllowList.origin(url));
            changed[0] = store(card, merge(card.json().path("info"), fetched), url.toString());
            meters
                .counter("saphan.info.pulls", "connector", connector, "outcome", "ok")
                .increment();
          } catch (SaphanException e) {
            recordFailure(card, url.toString(), e.code().code() + ": " + e.getMessage());
            meters
                .counter("saphan.info.pulls", "connector", connector, "outcome", e.code().code())
                .increment();
            log.warn(
                "Info source of {} failed ({}: {}); the catalog keeps the last good information",
                connector,
                e.code().code(),
                e.getMessage());
          }
        });
    return changed[0];
  }

  /** The card's info, overridden by the fields the source publishes (unknown fields ignored). */
  private static JsonNode merge(JsonNode card, JsonNode fetched) {
    if (!fetched.isObject()) {
      throw SaphanException.validation(
          ErrorCode.UPSTREAM_BAD_RESPONSE, "the info source did not publish a JSON object");
    }
    com.fasterxml.jackson.databind.node.ObjectNode merged =
        card.isObject()
            ? ((com.fasterxml.jackson.databind.node.ObjectNode) card).deepCopy()
            : Json.strict().createObjectNode();
    for (String field : INFO_FIELDS) {
      if (fetched.has(field)) {
        merged.set(field, fetched.get(field));
      }
    }
    return merged;
  }

  private boolean store(ConnectorCard card, JsonNode infoNode, String from) {
    String info = canonical(infoNode);
    String hash = sha256(info);
    String previous =
        jdbc.sql("select content_hash from service_info where connector = ?")
            .param(card.name())
            .query(String.class)
            .optional()
            .orElse(null);
    jdbc.sql(
            "insert into service_info (connector, model, info, source, content_hash, refreshed_at,"
                + " changed_at) values (?, ?, cast(? as jsonb), ?, ?, now(), now())"
                + " on conflict (connector) do update set model = excluded.model,"
                + " info = excluded.info, source = excluded.source,"
                + " content_hash = excluded.content_hash, refreshed_at = excluded.refreshed_at,"
                + " last_error = null, last_error_at = null,"
                + " changed_at = case when service_info.content_hash = excluded.content_hash"
                + " then service_info.changed_at else excluded.changed_at end")
        .params(card.name(), card.model(), info, from, hash)
        .update();
    return !hash.equals(previous);
  }

  private void recordFailure(ConnectorCard card, String from, String error) {
    int updated =
        jdbc.sql(
                "update service_info set last_error = ?, last_error_at = now() where connector = ?")
            .params(error, card.name())
            .update();
    if (updated == 0) {
      // Never pulled successfully: the card's own information stands, with the failure shown.
      store(card, card.json().path("info"), "card");
      jdbc.sql("update service_info set last_error = ?, last_error_at = now() where connector = ?")
          .params(error, card.name())
          .update();
    }
  }

  private String canonical(JsonNode node) {
    try {
      Object tree = canonicalJson.treeToValue(node, Object.class);
      return canonicalJson.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw SaphanException.wrap(ErrorCode.INTERNAL_ERROR, "Cannot serialise service info", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
