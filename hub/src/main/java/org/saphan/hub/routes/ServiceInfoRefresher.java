package org.saphan.hub.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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

  private final Catalog catalog;
  private final JdbcClient jdbc;
  private final ObjectMapper canonicalJson =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  public ServiceInfoRefresher(Catalog catalog, JdbcClient jdbc) {
    this.catalog = catalog;
    this.jdbc = jdbc;
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

  /** Refreshes the entry of one connector from its card; returns whether the content changed. */
  public boolean refreshFromCard(@Header(RouteHeaders.CONNECTOR) String connector) {
    ConnectorCard card =
        catalog
            .find(connector)
            .orElseThrow(
                () ->
                    SaphanException.validation(
                        ErrorCode.CONNECTOR_NOT_FOUND, "No connector card named " + connector));
    String info = canonical(card.json().path("info"));
    String hash = sha256(info);
    String previous =
        jdbc.sql("select content_hash from service_info where connector = ?")
            .param(connector)
            .query(String.class)
            .optional()
            .orElse(null);
    jdbc.sql(
            "insert into service_info (connector, model, info, source, content_hash, refreshed_at,"
                + " changed_at) values (?, ?, cast(? as jsonb), 'card', ?, now(), now())"
                + " on conflict (connector) do update set model = excluded.model,"
                + " info = excluded.info, source = excluded.source,"
                + " content_hash = excluded.content_hash, refreshed_at = excluded.refreshed_at,"
                + " changed_at = case when service_info.content_hash = excluded.content_hash"
                + " then service_info.changed_at else excluded.changed_at end")
        .params(connector, card.model(), info, hash)
        .update();
    return !hash.equals(previous);
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
