package org.saphan.hub.batch.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import's rows in PostgreSQL: the result files found ({@code batch_import_file}, accepted or
 * refused whole), their lines ({@code batch_import_line}, one per detail line, committed with the
 * status it applied) and the link from an export to its first result file. Every method runs in the
 * caller's transaction.
 */
public class ImportStore {

  /** A result file as recorded. */
  public record ImportFile(
      long id,
      String connector,
      String manifestName,
      String fileName,
      String state,
      Integer sequence,
      Integer forSequence,
      String sha256,
      String signatureSha256,
      String signatureKid,
      Integer recordCount,
      boolean late,
      String refusalCode,
      String reason,
      int linesApplied,
      int linesUnchanged,
      int linesBad,
      Instant receivedAt,
      Instant appliedAt) {}

  /** One detail line as applied (or not). */
  public record ImportLine(
      int lineNumber,
      String applicationId,
      String outcome,
      String agencyStatusCode,
      String reason) {}

  /** An uploaded export file still without results after its due time. */
  public record Overdue(
      long exportId, String connector, String fileName, int sequence, Instant uploadedAt) {}

  private static final String FILE_COLUMNS =
      "id, connector, manifest_name, file_name, state, sequence, for_sequence, sha256,"
          + " signature_sha256, signature_kid, record_count, late, refusal_code, reason,"
          + " lines_applied, lines_unchanged, lines_bad, received_at, applied_at";

  private final JdbcClient jdbc;

  public ImportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether a manifest of the connector has been recorded (accepted or refused). */
  public boolean known(String connector, String manifestName) {
    return jdbc.sql(
                "select count(*) from batch_import_file where connector = ? and manifest_name = ?")
            .params(connector, manifestName)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** The accepted file with these bytes or this sequence, if any: a new one is its duplicate. */
  public Optional<String> duplicateOf(String connector, String sha256, int sequence) {
    return jdbc.sql(
            "select file_name from batch_import_file where connector = ? and state <> 'refused'"
                + " and (sha256 = ? or sequence = ?) order by id limit 1")
        .params(connector, sha256, sequence)
        .query(String.class)
        .optional();
  }

  /** Records an accepted file; returns its id. */
  public long accept(ImportFile f) {
    return jdbc.sql(
            "insert into batch_import_file (connector, manifest_name, file_name, state, sequence,"
                + " for_sequence, sha256, signature_sha256, signature_kid, record_count, late,"
                + " received_at) values (?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?) returning id")
        .params(
            f.connector(),
            f.manifestName(),
            f.fileName(),
            f.sequence(),
            f.forSequence(),
            f.sha256(),
            f.signatureSha256(),
            f.signatureKid(),
            f.recordCount(),
            f.late(),
            Timestamp.from(f.receivedAt()))
        .query(Long.class)
        .single();
  }

  /** Records a file refused whole; returns its id. */
  public long refuse(
      String connector,
      String manifestName,
      String fileName,
      String sha256,
      String code,
      String reason,
      Instant at) {
    return jdbc.sql(
            "insert into batch_import_file (connector, manifest_name, file_name, state, sha256,"
                + " refusal_code, reason, received_at) values (?, ?, ?, 'refused', ?, ?, ?, ?)"
                + " returning id")
        .params(connector, manifestName, fileName, sha256, code, reason, Timestamp.from(at))
        .query(Long.class)
        .single();
  }

  /** Ties the connector's export of {@code forSequence} to its first result file. */
  public void answer(String connector, int forSequence, long resultFileId) {
    jdbc.sql(
            "update batch_export_file set result_file_id = ? where connector = ? and sequence = ?"
                + " and result_file_id is null")
        .params(resultFileId, connector, forSequence)
        .update();
  }

  /** When the connector's export of {@code forSequence} was uploaded; empty when it was not. */
  public Optional<Instant> uploadedAt(String connector, int forSequence) {
    return jdbc.sql(
            "select uploaded_at from batch_export_file where connector = ? and sequence = ?"
                + " and state = 'uploaded'")
        .params(connector, forSequence)
        .query((rs, n) -> rs.getTimestamp(1).toInstant())
        .optional();
  }

  /** The export file (its sequence) an application was written into, if any. */
  public Optional<Integer> exportSequenceOf(String connector, String applicationId) {
    return jdbc.sql(
            "select f.sequence from batch_export_item i join batch_export_file f on f.id ="
                + " i.file_id where i.connector = ? and i.application_id = ?")
        .params(connector, applicationId)
        .query(Integer.class)
        .optional();
  }

  /** The connector's accepted files whose lines are not all applied yet, oldest first. */
  public List<ImportFile> received(String connector) {
    return jdbc.sql(
            "select "
                + FILE_COLUMNS
                + " from batch_import_file where connector = ? and state = 'received' order by id")
        .param(connector)
        .query(ImportStore::file)
        .list();
  }

  /** The highest line number of a file already recorded (0 when none). */
  public int lastLine(long fileId) {
    return jdbc.sql("select coalesce(max(line_number), 0) from batch_import_line where file_id = ?")
        .param(fileId)
        .query(Integer.class)
        .single();
  }

  /**
   * Records a line; false when the line was recorded already (then the caller's status work must
   * not count: its transaction is the one this line commits with).
   */
  public boolean line(long fileId, ImportLine line) {
    return jdbc.sql(
                "insert into batch_import_line (file_id, line_number, application_id, outcome,"
                    + " agency_status_code, reason) values (?, ?, ?, ?, ?, ?)"
                    + " on conflict (file_id, line_number) do nothing")
            .params(
                fileId,
                line.lineNumber(),
                line.applicationId(),
                line.outcome(),
                line.agencyStatusCode(),
                line.reason())
            .update()
        == 1;
  }

  /** Whether a line of a file is recorded. */
  public boolean hasLine(long fileId, int lineNumber) {
    return jdbc.sql("select count(*) from batch_import_line where file_id = ? and line_number = ?")
            .params(fileId, lineNumber)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Marks a file's lines all applied, with the counts of each outcome. */
  public void markApplied(long fileId, Instant at) {
    jdbc.sql(
            "update batch_import_file f set state = 'applied', applied_at = ?,"
                + " lines_applied = (select count(*) from batch_import_line where file_id = f.id"
                + " and outcome = 'applied'), lines_unchanged = (select count(*) from"
                + " batch_import_line where file_id = f.id and outcome = 'unchanged'),"
                + " lines_bad = (select count(*) from batch_import_line where file_id = f.id and"
                + " outcome = 'bad') where id = ? and state = 'received'")
        .params(Timestamp.from(at), fileId)
        .update();
  }

  /** The files found, newest first, of one connector when given. */
  public List<ImportFile> files(String connector, int limit) {
    return jdbc.sql(
            "select "
                + FILE_COLUMNS
                + " from batch_import_file where (cast(? as text) is null or connector = ?)"
                + " order by id desc limit ?")
        .params(connector, connector, limit)
        .query(ImportStore::file)
        .list();
  }

  /** One file, if recorded. */
  public Optional<ImportFile> file(long id) {
    return jdbc.sql("select " + FILE_COLUMNS + " from batch_import_file where id = ?")
        .param(id)
        .query(ImportStore::file)
        .optional();
  }

  /** A file's lines in order, of one outcome when given, from line {@code after} on. */
  public List<ImportLine> lines(long fileId, String outcome, int after, int limit) {
    return jdbc.sql(
            "select line_number, application_id, outcome, agency_status_code, reason from"
                + " batch_import_line where file_id = ? and (cast(? as text) is null or outcome"
                + " = ?) and line_number > ? order by line_number limit ?")
        .params(fileId, outcome, outcome, after, limit)
        .query(
            (rs, n) ->
                new ImportLine(
                    rs.getInt("line_number"),
                    rs.getString("application_id"),
                    rs.getString("outcome"),
                    rs.getString("agency_status_code"),
                    rs.getString("reason")))
        .list();
  }

  /** The connector's uploaded exports without results more than {@code due} after upload. */
  public List<Overdue> overdue(String connector, Duration due, Instant now) {
    return jdbc.sql(
            "select id, connector, file_name, sequence, uploaded_at from batch_export_file where"
                + " connector = ? and state = 'uploaded' and result_file_id is null and"
                + " uploaded_at < ? order by sequence")
        .params(connector, Timestamp.from(now.minus(due)))
        .query(
            (rs, n) ->
                new Overdue(
                    rs.getLong("id"),
                    rs.getString("connector"),
                    rs.getString("file_name"),
                    rs.getInt("sequence"),
                    rs.getTimestamp("uploaded_at").toInstant()))
        .list();
  }

  /** Marks an overdue export as signalled; false when it was already. */
  public boolean signalOverdue(long exportId, Instant at) {
    return jdbc.sql(
                "update batch_export_file set overdue_signalled_at = ? where id = ? and"
                    + " overdue_signalled_at is null")
            .params(Timestamp.from(at), exportId)
            .update()
        == 1;
  }

  private static ImportFile file(ResultSet rs, int n) throws SQLException {
    Timestamp applied = rs.getTimestamp("applied_at");
    return new ImportFile(
        rs.getLong("id"),
        rs.getString("connector"),
        rs.getString("manifest_name"),
        rs.getString("file_name"),
        rs.getString("state"),
        (Integer) rs.getObject("sequence"),
        (Integer) rs.getObject("for_sequence"),
        rs.getString("sha256"),
        rs.getString("signature_sha256"),
        rs.getString("signature_kid"),
        (Integer) rs.getObject("record_count"),
        rs.getBoolean("late"),
        rs.getString("refusal_code"),
        rs.getString("reason"),
        rs.getInt("lines_applied"),
        rs.getInt("lines_unchanged"),
        rs.getInt("lines_bad"),
        rs.getTimestamp("received_at").toInstant(),
        applied == null ? null : applied.toInstant());
  }
}
