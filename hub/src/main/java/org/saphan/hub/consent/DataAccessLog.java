package org.saphan.hub.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.platform.AsyncCommit;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit of every consent-gate decision and every use of personal data it allowed: when, which
 * agency, which purpose and categories, on which basis, under which consent record. It never holds
 * the data itself.
 */
public class DataAccessLog {

  /** One logged decision. */
  public record Entry(
      long id,
      Instant at,
      String subject,
      String subjectMasked,
      String connector,
      String agency,
      String action,
      String purpose,
      List<String> categories,
      String lawfulBasis,
      String decision,
      UUID consentRecordId,
      List<String> missing) {}

  private final JdbcClient jdbc;

  private final AsyncCommit commits;

  public DataAccessLog(JdbcClient jdbc, AsyncCommit commits) {
    this.jdbc = jdbc;
    this.commits = commits;
  }

  /** Records a decision. */
  public void record(
      String subject,
      String connector,
      String agency,
      String action,
      String purpose,
      List<String> categories,
      String lawfulBasis,
      boolean allowed,
      UUID consentRecordId,
      List<String> missing) {
    // During an intake the application's own (durable) commit follows and flushes this row too;
    // anywhere else it is committed durably on its own.
    commits.runIfDurableCommitFollows(
        () ->
            jdbc.sql(
                    "insert into data_access (subject, subject_masked, connector, agency, action, purpose,"
                        + " categories, lawful_basis, decision, consent_record_id, missing, correlation_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?::text[], ?)")
                .params(
                    subject,
                    ThaiCitizenId.mask(subject),
                    connector,
                    agency,
                    action,
                    purpose,
                    array(categories),
                    lawfulBasis,
                    allowed ? "allowed" : "refused",
                    consentRecordId,
                    missing == null ? null : array(missing),
                    MDC.get("correlationId"))
                .update());
  }

  /** "Who used my data": every allowed use of a citizen's data, newest first. */
  public List<Entry> usesOf(String subject, int limit) {
    return jdbc.sql(
            SELECT
                + " where subject = ? and decision = 'allowed' order by at desc, id desc limit ?")
        .params(subject, limit)
        .query(this::row)
        .list();
  }

  /** Decisions for operators (subject masked), newest first, optionally of one connector. */
  public List<Entry> decisions(String connector, Instant since, int limit) {
    return jdbc.sql(
            SELECT
                + " where (cast(? as text) is null or connector = ?) and at >= ?"
                + " order by at desc, id desc limit ?")
        .params(connector, connector, Timestamp.from(since), limit)
        .query(this::row)
        .list();
  }

  private static final String SELECT =
      "select id, at, subject, subject_masked, connector, agency, action, purpose, categories,"
          + " lawful_basis, decision, consent_record_id, missing from data_access";

  private Entry row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    java.sql.Array missing = rs.getArray("missing");
    return new Entry(
        rs.getLong("id"),
        rs.getTimestamp("at").toInstant(),
        rs.getString("subject"),
        rs.getString("subject_masked"),
        rs.getString("connector"),
        rs.getString("agency"),
        rs.getString("action"),
        rs.getString("purpose"),
        List.of((String[]) rs.getArray("categories").getArray()),
        rs.getString("lawful_basis"),
        rs.getString("decision"),
        rs.getObject("consent_record_id", UUID.class),
        missing == null ? List.of() : List.of((String[]) missing.getArray()));
  }

  private static String array(List<String> values) {
    return "{" + String.join(",", values) + "}";
  }
}
