package org.saphan.hub.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.settings.CardSettingsJson;
import org.saphan.catalog.settings.InfoSettings;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.saphan.hub.platform.RouteHeaders;
import org.saphan.hub.security.egress.AllowList;
import org.saphan.hub.security.egress.InfoSourceFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The steps of the {@code model0-e-info} route: fetch the agency's info source (where the card
 * names one; only that origin may answer, redirects included), merge the fields it publishes over
 * the card's information, and store the result in {@code service_info}, keeping the time it last
 * changed apart from the time it was last refreshed; a failing source keeps the last good
 * information and records the failure next to it, so its age shows.
 */
public class ServiceInfoRefresher {

  /** The fields an info source may publish (the card's {@code info} block). */
  static final List<String> INFO_FIELDS =
      List.of(
          "documentsRequired",
          "fee",
          "slaWorkingDays",
          "channels",
          "offices",
          "hours",
          "updatedAt");

  private static final Logger log = LoggerFactory.getLogger(ServiceInfoRefresher.class);

  private final Catalog catalog;
  private final JdbcClient jdbc;
  private final InfoSourceFetcher fetcher;
  private final MeterRegistry meters;
  private final ObjectMapper canonicalJson = Json.canonical();

  public ServiceInfoRefresher(
      Catalog catalog, JdbcClient jdbc, InfoSourceFetcher fetcher, MeterRegistry meters) {
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.fetcher = fetcher;
    this.meters = meters;
  }

  /**
   * Fetches the card's info source through the egress client (only its origin may answer).
   *
   * @return the source's JSON document, or null when the card is its own information
   */
  public JsonNode fetch(@ExchangeProperty(RouteHeaders.CONNECTOR) String connector) {
    return source(card(connector))
        .map(url -> fetcher.fetch(url, AllowList.origin(url)))
        .orElse(null);
  }

  /** The card's information, overridden by the fields the source publishes (others ignored). */
  public JsonNode merge(
      @ExchangeProperty(RouteHeaders.CONNECTOR) String connector, @Body JsonNode fetched) {
    JsonNode info = infoOf(card(connector));
    return fetched == null ? info : mergeFields(info, fetched);
  }

  /**
   * Stores a connector's information.
   *
   * @return whether the content changed
   */
  public boolean store(
      @ExchangeProperty(RouteHeaders.CONNECTOR) String connector, @Body JsonNode info) {
    ConnectorCard card = card(connector);
    Optional<URI> source = source(card);
    boolean changed = upsert(card, info, source.map(URI::toString).orElse("card"));
    if (source.isPresent()) {
      meters.counter("saphan.info.pulls", "connector", connector, "outcome", "ok").increment();
    }
    return changed;
  }

  /** Records a failed pull next to the last good information (or the card's, if none yet). */
  public void recordFailure(
      @ExchangeProperty(RouteHeaders.CONNECTOR) String connector,
      @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) SaphanException failure) {
    ConnectorCard card = card(connector);
    writeFailure(card, failure.code().code() + ": " + failure.getMessage());
    meters
        .counter("saphan.info.pulls", "connector", connector, "outcome", failure.code().code())
        .increment();
    log.warn(
        "Info source of {} failed ({}: {}); the catalog keeps the last good information",
        connector,
        failure.code().code(),
        failure.getMessage());
  }

  private ConnectorCard card(String connector) {
    return catalog
        .find(connector)
        .orElseThrow(
            () ->
                SaphanException.validation(
                    ErrorCode.CONNECTOR_NOT_FOUND, "No connector card named " + connector));
  }

  private static Optional<URI> source(ConnectorCard card) {
    return card.info().flatMap(InfoSettings::source).map(InfoSettings.Source::url);
  }

  /** The card's own information, as the card writes it (none when the card has no info). */
  private static JsonNode infoOf(ConnectorCard card) {
    return card.info().map(CardSettingsJson::tree).orElse(MissingNode.getInstance());
  }

  /** The card's info, overridden by the fields the source publishes (unknown fields ignored). */
  private static JsonNode mergeFields(JsonNode card, JsonNode fetched) {
    if (!fetched.isObject()) {
      throw SaphanException.validation(
          ErrorCode.UPSTREAM_BAD_RESPONSE, "the info source did not publish a JSON object");
    }
    ObjectNode merged =
        card.isObject() ? ((ObjectNode) card).deepCopy() : Json.strict().createObjectNode();
    for (String field : INFO_FIELDS) {
      if (fetched.has(field)) {
        merged.set(field, fetched.get(field));
      }
    }
    return merged;
  }

  private boolean upsert(ConnectorCard card, JsonNode infoNode, String from) {
    String info = canonical(infoNode);
    String hash = Digests.sha256(info);
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

  private void writeFailure(ConnectorCard card, String error) {
    int updated =
        jdbc.sql(
                "update service_info set last_error = ?, last_error_at = now() where connector = ?")
            .params(error, card.name())
            .update();
    if (updated == 0) {
      // Never pulled successfully: the card's own information stands, with the failure shown.
      upsert(card, infoOf(card), "card");
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
}
