package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.saphan.hub.platform.Json;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The evidence record of an application: every delivery attempt with the hash and signature of what
 * was sent, the agency's acknowledgement and reference, every status message and every portal
 * notification; searchable by application and by correlation id.
 */
public class Evidence {

  /** One piece of evidence. */
  @Schema(name = "EvidenceItem", description = "One exchange of an application, as evidence.")
  public record Item(
      long id,
      String applicationId,
      String correlationId,
      String messageId,
      String kind,
      Instant at,
      String outcome,
      String payloadSha256,
      String signature,
      String signatureKid,
      String agencyReference,
      JsonNode detail) {}

  private static final ObjectMapper JSON = Json.strict();

  private final JdbcClient jdbc;

  public Evidence(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records one item; the correlation id is taken from the logging context when not given. */
  public void record(
      String applicationId,
      String correlationId,
      String messageId,
      String kind,
      String outcome,
      String payloadSha256,
      String signature,
      String signatureKid,
      String agencyReference,
      Object detail) {
    jdbc.sql(
            "insert into evidence (application_id, correlation_id, message_id, kind, outcome,"
                + " payload_sha256, signature, signature_kid, agency_reference, detail)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))")
        .params(
            applicationId,
            correlationId != null ? correlationId : MDC.get("correlationId"),
            messageId,
            kind,
            outcome,
            payloadSha256,
            signature,
            signatureKid,
            agencyReference,
            detail == null ? null : JSON.valueToTree(detail).toString())
        .update();
  }

  /** The record of one application, in order. */
  public List<Item> ofApplication(String applicationId) {
    return jdbc.sql(SELECT + " where application_id = ? order by at, id")
        .param(applicationId)
        .query(this::row)
        .list();
  }

  /** Everything recorded under one correlation id. */
  public List<Item> ofCorrelation(String correlationId) {
    return jdbc.sql(SELECT + " where correlation_id = ? order by at, id")
        .param(correlationId)
        .query(this::row)
        .list();
  }

  /** Whether an item of this kind was already recorded for this message of an application. */
  public boolean has(String applicationId, String messageId, String kind) {
    return jdbc.sql(
            "select exists (select 1 from evidence where application_id = ? and message_id = ?"
                + " and kind = ?)")
        .params(applicationId, messageId, kind)
        .query(Boolean.class)
        .single();
  }

  /** Whether the agency has already acknowledged this message. */
  public boolean acknowledged(String messageId) {
    // index evidence_ack_message (V43)
    return jdbc.sql(
            "select exists (select 1 from evidence where message_id = ?"
                + " and kind in ('ack', 'payment_ack') and message_id is not null)")
        .param(messageId)
        .query(Boolean.class)
        .single();
  }

  private static final String SELECT =
      "select id, application_id, correlation_id, message_id, kind, at, outcome, payload_sha256,"
          + " signature, signature_kid, agency_reference, detail::text detail from evidence";

  private Item row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Item(
        rs.getLong("id"),
        rs.getString("application_id"),
        rs.getString("correlation_id"),
        rs.getString("message_id"),
        rs.getString("kind"),
        rs.getTimestamp("at").toInstant(),
        rs.getString("outcome"),
        rs.getString("payload_sha256"),
        rs.getString("signature"),
        rs.getString("signature_kid"),
        rs.getString("agency_reference"),
        ApplicationStore.json(rs.getString("detail")));
  }
}
