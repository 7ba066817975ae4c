package org.saphan.hub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.saphan.catalog.common.Digests;
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
      JsonNode detail,
      @Schema(description = "The exchange (docs/evidence.md), e.g. delivery, status_callback.")
          String exchange,
      @Schema(description = "in (the hub received it) or out (the hub sent it).") String direction,
      @Schema(description = "The connector (card) of the exchange.") String connector,
      @Schema(description = "The consent record that authorised the exchange.")
          UUID consentRecordId,
      @Schema(description = "The lawful basis that authorised it without consent.")
          String lawfulBasis,
      @Schema(description = "SHA-256 of the canonical record, as a manifest lists it.")
          String recordSha256,
      @Schema(description = "The manifest that seals the record; null until timestamped.")
          Long manifestId,
      @Schema(description = "The record's 0-based position in its manifest.") Integer position,
      @Schema(
              description =
                  "Whether the exact bytes are kept, encrypted (the connector's evidence.mode is"
                      + " body): an operator reads them at /ops/v1/evidence/{id}/body.")
          boolean bodyKept) {}

  private static final ObjectMapper JSON = Json.strict();
  static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final EvidenceBodies bodies;

  /** A message log that keeps no bodies (metadata only, whatever the cards say). */
  public Evidence(JdbcClient jdbc, Clock clock) {
    this(jdbc, clock, null);
  }

  /**
   * @param bodies seals the bodies of the connectors whose card keeps them ({@code evidence.mode:
   *     body}); null keeps none
   */
  public Evidence(JdbcClient jdbc, Clock clock, EvidenceBodies bodies) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.bodies = bodies;
  }

  /** A message log entry of this kind, to fill in and {@link #record(Entry) record}. */
  public static Entry entry(String kind) {
    return new Entry(kind);
  }

  /**
   * Records one entry in the caller's transaction (the state change it describes commits with it,
   * or neither does); the correlation id is taken from the logging context when not given.
   */
  public void record(Entry e) {
    String correlation = e.correlationId != null ? e.correlationId : MDC.get("correlationId");
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    JsonNode details = e.detail == null ? null : JSON.valueToTree(e.detail);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("v", 1);
    record.put("at", AT.format(at));
    record.put("kind", e.kind);
    record.put("exchange", e.exchange);
    record.put("direction", e.direction);
    record.put("applicationId", e.applicationId);
    record.put("connector", e.connector);
    record.put("correlationId", correlation);
    record.put("messageId", e.messageId);
    record.put("outcome", e.outcome);
    record.put("sha256", e.payloadSha256);
    record.put("signature", e.signature);
    record.put("kid", e.signatureKid);
    record.put("agencyReference", e.agencyReference);
    record.put("consentRecordId", e.consentRecordId == null ? null : e.consentRecordId.toString());
    record.put("lawfulBasis", e.lawfulBasis);
    record.put("detail", details);
    record.values().removeIf(java.util.Objects::isNull);
    String canonical = canonical(record);
    String recordSha = Digests.sha256(canonical);
    EvidenceBodies.Sealed body =
        bodies == null || e.body == null
            ? null
            : bodies.seal(e.connector, e.citizenId, e.body, recordSha);
    jdbc.sql(
            "insert into evidence (at, application_id, correlation_id, message_id, kind, outcome,"
                + " payload_sha256, signature, signature_kid, agency_reference, detail, exchange,"
                + " direction, connector, consent_record_id, lawful_basis, record, record_sha256,"
                + " body, body_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?)")
        .params(
            java.sql.Timestamp.from(at),
            e.applicationId,
            correlation,
            e.messageId,
            e.kind,
            e.outcome,
            e.payloadSha256,
            e.signature,
            e.signatureKid,
            e.agencyReference,
            details == null ? null : details.toString(),
            e.exchange,
            e.direction,
            e.connector,
            e.consentRecordId,
            e.lawfulBasis,
            canonical,
            recordSha,
            body == null ? null : body.body(),
            body == null ? null : body.key())
        .update();
  }

  /** One message log entry: only {@code kind} is required. */
  public static final class Entry {
    private final String kind;
    private String applicationId;
    private String correlationId;
    private String messageId;
    private String outcome;
    private String payloadSha256;
    private String signature;
    private String signatureKid;
    private String agencyReference;
    private Object detail;
    private String exchange;
    private String direction;
    private String connector;
    private UUID consentRecordId;
    private String lawfulBasis;
    private byte[] body;
    private String citizenId;

    private Entry(String kind) {
      this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    public Entry application(String id) {
      this.applicationId = id;
      return this;
    }

    public Entry correlation(String id) {
      this.correlationId = id;
      return this;
    }

    public Entry message(String id) {
      this.messageId = id;
      return this;
    }

    public Entry outcome(String value) {
      this.outcome = value;
      return this;
    }

    /** SHA-256 (lowercase hex) of the exact bytes sent or received. */
    public Entry sha256(String hex) {
      this.payloadSha256 = hex;
      return this;
    }

    /**
     * The exact bytes sent or received, whose citizen they concern: kept, encrypted with the
     * citizen's data key, only when the entry's connector's card says {@code evidence.mode: body}
     * (never part of the canonical record). {@link #sha256} is still to be given.
     */
    public Entry body(byte[] bytes, String citizen) {
      this.body = bytes;
      this.citizenId = citizen;
      return this;
    }

    /** The detached signature (or {@code <profile>:<kid>} when it is inside the body) and key. */
    public Entry signature(String value, String kid) {
      this.signature = value;
      this.signatureKid = kid;
      return this;
    }

    public Entry agencyReference(String value) {
      this.agencyReference = value;
      return this;
    }

    public Entry detail(Object value) {
      this.detail = value;
      return this;
    }

    /** The exchange (docs/evidence.md) and whether the hub sent ({@code out}) or received it. */
    public Entry exchange(String name, String inOrOut) {
      if (inOrOut != null && !inOrOut.equals("in") && !inOrOut.equals("out")) {
        throw new IllegalArgumentException("direction is in or out, not " + inOrOut);
      }
      this.exchange = name;
      this.direction = inOrOut;
      return this;
    }

    public Entry connector(String name) {
      this.connector = name;
      return this;
    }

    /**
     * The connector of a card, and the card's lawful basis ({@code consent.lawfulBasis}) as what
     * authorised the exchange unless {@link #authorisedBy} names a consent record or a basis.
     */
    public Entry card(org.saphan.catalog.ConnectorCard card) {
      this.connector = card.name();
      if (consentRecordId == null && lawfulBasis == null) {
        this.lawfulBasis =
            card.consent()
                .map(org.saphan.catalog.settings.ConsentSettings::lawfulBasis)
                .orElse(null);
      }
      return this;
    }

    /** What authorised the exchange: the consent record, or the lawful basis without consent. */
    public Entry authorisedBy(UUID consentRecord, String basis) {
      this.consentRecordId = consentRecord;
      this.lawfulBasis = basis;
      return this;
    }
  }

  /**
   * The canonical record: the UTF-8 JSON text the message log seals (docs/evidence.md), written
   * once; its SHA-256 goes into a timestamped manifest, so the text itself is the evidence.
   */
  static String canonical(Map<String, Object> record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("evidence record is not JSON: " + e.getMessage(), e);
    }
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

  /**
   * What one connector exchanged in a time window (records without an application too: GDX reads,
   * SSO assertions), oldest first, at most {@code limit}.
   */
  public List<Item> ofConnector(String connector, Instant from, Instant to, int limit) {
    // index evidence_connector_at (V141)
    return jdbc.sql(SELECT + " where connector = ? and at >= ? and at < ? order by at, id limit ?")
        .params(connector, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to), limit)
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
          + " signature, signature_kid, agency_reference, detail::text detail, exchange, direction,"
          + " connector, consent_record_id, lawful_basis, record_sha256, manifest_id, position,"
          + " body_key is not null body_kept from evidence";

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
        detail(rs.getString("detail")),
        rs.getString("exchange"),
        rs.getString("direction"),
        rs.getString("connector"),
        rs.getObject("consent_record_id", UUID.class),
        rs.getString("lawful_basis"),
        rs.getString("record_sha256"),
        rs.getObject("manifest_id", Long.class),
        rs.getObject("position", Integer.class),
        rs.getBoolean("body_kept"));
  }

  private static JsonNode detail(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored evidence detail unreadable", e);
    }
  }
}
