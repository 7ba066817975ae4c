package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.Authorisation;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Applications and their timelines in PostgreSQL. */
public class ApplicationStore {

  /** One timeline entry. */
  public record TimelineEntry(
      long id,
      CanonicalStatus status,
      String source,
      String agencyStatusCode,
      Instant occurredAt,
      Instant recordedAt,
      String messageId,
      String note,
      JsonNode detail) {}

  private static final ObjectMapper JSON = Json.strict();

  private final JdbcClient jdbc;

  public ApplicationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new application (inside the caller's transaction). */
  public void insert(Application a) {
    jdbc.sql(
            "insert into application (id, message_id, service_id, connector, model, agency,"
                + " citizen_id, status, body, prefill, submitted_at, updated_at, last_status_at,"
                + " lawful_basis, consent_record_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?,"
                + " ?, ?)")
        .params(
            a.id(),
            a.messageId(),
            a.serviceId(),
            a.connector(),
            a.model(),
            a.agency(),
            a.citizenId(),
            a.status().wire(),
            a.body().toString(),
            a.prefill().toString(),
            Timestamp.from(a.submittedAt()),
            Timestamp.from(a.updatedAt()),
            Timestamp.from(a.submittedAt()),
            a.authorisation() == null ? null : a.authorisation().lawfulBasis(),
            a.authorisation() == null ? null : a.authorisation().consentRecordId())
        .update();
  }

  /** One application. */
  public Optional<Application> find(String id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(ApplicationStore::row).optional();
  }

  /** One application; refuses an unknown id. */
  public Application get(String id) {
    return find(id)
        .orElseThrow(
            () ->
                SaphanException.validation(
                    ErrorCode.APPLICATION_NOT_FOUND, "no application " + id));
  }

  /** A citizen's applications, newest first. */
  public List<Application> ofCitizen(String citizenId, int limit) {
    return jdbc.sql(SELECT + " where citizen_id = ? order by submitted_at desc limit ?")
        .params(citizenId, limit)
        .query(ApplicationStore::row)
        .list();
  }

  /** Open applications of a connector (for status polling), oldest status first. */
  public List<Application> open(String connector, int limit) {
    return jdbc.sql(
            SELECT
                + " where connector = ? and status not in ('approved', 'rejected', 'completed',"
                + " 'cancelled', 'failed', 'submitted') and agency_reference is not null"
                + " order by last_status_at limit ?")
        .params(connector, limit)
        .query(ApplicationStore::row)
        .list();
  }

  /**
   * Appends a status to the timeline and makes it the current one; the caller has already judged
   * the transition (StatusRecorder, under the row lock). The timeline keeps each entry at the time
   * it happened.
   *
   * @param messageId the status message's id (recorded once), or {@code null}
   * @return false when the message was already recorded
   */
  public boolean appendStatus(
      String applicationId,
      CanonicalStatus status,
      String source,
      String agencyStatusCode,
      Instant occurredAt,
      String messageId,
      String note,
      JsonNode detail) {
    int inserted =
        jdbc.sql(
                "insert into timeline_entry (application_id, status, source, agency_status_code,"
                    + " occurred_at, message_id, note, detail)"
                    + " values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))"
                    + " on conflict (application_id, message_id) where message_id is not null"
                    + " do nothing")
            .params(
                applicationId,
                status.wire(),
                source,
                agencyStatusCode,
                Timestamp.from(occurredAt),
                messageId,
                note,
                detail == null ? null : detail.toString())
            .update();
    if (inserted == 0) {
      return false;
    }
    // The caller has judged the move (StatusTransitions, under the row lock): the status moves even
    // when the agency's clock says it happened earlier than the last one (agencies report to the
    // second, the hub records to the millisecond: an approval in the ack's second was lost).
    jdbc.sql(
            "update application set status = ?, last_status_at = greatest(last_status_at, ?),"
                + " updated_at = now(), version = version + 1 where id = ?")
        .params(status.wire(), Timestamp.from(occurredAt), applicationId)
        .update();
    return true;
  }

  /**
   * The current status, locked until the caller's transaction ends, so two reports about one
   * application are judged one after the other.
   */
  public CanonicalStatus lockStatus(String applicationId) {
    return jdbc.sql("select status from application where id = ? for update")
        .param(applicationId)
        .query((rs, row) -> CanonicalStatus.fromWire(rs.getString(1)).orElseThrow())
        .optional()
        .orElseThrow(
            () ->
                SaphanException.validation(
                    ErrorCode.APPLICATION_NOT_FOUND, "no application " + applicationId));
  }

  /** Whether this status message is already on the application's timeline. */
  public boolean hasStatusMessage(String applicationId, String messageId) {
    return jdbc.sql(
            "select exists (select 1 from timeline_entry where application_id = ?"
                + " and message_id = ?)")
        .params(applicationId, messageId)
        .query(Boolean.class)
        .single();
  }

  /** When the hub itself last recorded something on the timeline (submission, delivery). */
  public Instant lastHubEventAt(String applicationId) {
    return jdbc.sql(
            "select max(occurred_at) from timeline_entry where application_id = ?"
                + " and source in ('citizen', 'hub')")
        .param(applicationId)
        .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
        .single();
  }

  /** Records the agency's reference once it acknowledged. */
  public void setAgencyReference(String applicationId, String reference) {
    jdbc.sql(
            "update application set agency_reference = coalesce(agency_reference, ?),"
                + " updated_at = now() where id = ?")
        .params(reference, applicationId)
        .update();
  }

  /** The application whose agency reference this is, for a connector. */
  public Optional<Application> byAgencyReference(String connector, String reference) {
    return jdbc.sql(SELECT + " where connector = ? and agency_reference = ?")
        .params(connector, reference)
        .query(ApplicationStore::row)
        .optional();
  }

  /** The timeline in the order things happened. */
  public List<TimelineEntry> timeline(String applicationId) {
    return jdbc.sql(
            "select id, status, source, agency_status_code, occurred_at, recorded_at, message_id,"
                + " note, detail from timeline_entry where application_id = ?"
                + " order by occurred_at, id")
        .param(applicationId)
        .query(
            (rs, row) ->
                new TimelineEntry(
                    rs.getLong("id"),
                    CanonicalStatus.fromWire(rs.getString("status")).orElseThrow(),
                    rs.getString("source"),
                    rs.getString("agency_status_code"),
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getTimestamp("recorded_at").toInstant(),
                    rs.getString("message_id"),
                    rs.getString("note"),
                    json(rs.getString("detail"))))
        .list();
  }

  /** Counts by status, for operators and benchmarks. */
  public Map<String, Long> countByStatus(String connector) {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    jdbc.sql("select status, count(*) n from application where connector = ? group by status")
        .param(connector)
        .query((rs, row) -> counts.put(rs.getString("status"), rs.getLong("n")))
        .list();
    return counts;
  }

  private static final String SELECT =
      "select id, message_id, service_id, connector, model, agency, citizen_id, status, body,"
          + " prefill, agency_reference, submitted_at, updated_at, last_status_at, version,"
          + " lawful_basis, consent_record_id from application";

  private static Application row(ResultSet rs, int row) throws SQLException {
    return new Application(
        rs.getString("id"),
        rs.getObject("message_id", UUID.class),
        rs.getString("service_id"),
        rs.getString("connector"),
        rs.getInt("model"),
        rs.getString("agency"),
        rs.getString("citizen_id"),
        CanonicalStatus.fromWire(rs.getString("status")).orElseThrow(),
        json(rs.getString("body")),
        json(rs.getString("prefill")),
        rs.getString("agency_reference"),
        rs.getTimestamp("submitted_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getTimestamp("last_status_at") == null
            ? null
            : rs.getTimestamp("last_status_at").toInstant(),
        rs.getInt("version"),
        rs.getString("lawful_basis") == null
            ? null
            : new Authorisation(
                rs.getString("lawful_basis"), rs.getObject("consent_record_id", UUID.class)));
  }

  static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON unreadable", e);
    }
  }
}
