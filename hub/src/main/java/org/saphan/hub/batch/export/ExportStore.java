package org.saphan.hub.batch.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.saphan.hub.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The export's rows in PostgreSQL: applications queued for a batch agency ({@code
 * batch_export_item}) and the files written for it ({@code batch_export_file}), with the SHA-256 of
 * each stored artefact. Every method runs in the caller's transaction.
 */
public class ExportStore {

  /** An application waiting for its file: the mapped record of its line. */
  public record Queued(String applicationId, String messageId, JsonNode record) {}

  /**
   * A file as recorded.
   *
   * @param sums the sum of each amount field of the detail records, by field name
   * @param resultState for an uploaded file of an agency that sends result files: {@code awaiting}
   *     (none yet, not overdue), {@code received}, {@code late} (received after its due time) or
   *     {@code overdue} (none by its due time); null otherwise
   * @param resultFileId the first result file answering it ({@code GET /ops/v1/batch/imports})
   */
  public record ExportFile(
      long id,
      String connector,
      int sequence,
      String fileName,
      String state,
      int recordCount,
      Map<String, Object> sums,
      String plainSha256,
      String signatureSha256,
      String signatureKid,
      boolean encrypted,
      String uploadName,
      String uploadSha256,
      String manifestSha256,
      Instant createdAt,
      Instant uploadedAt,
      int uploadAttempts,
      String uploadError,
      String resultState,
      Long resultFileId) {

    /** This file without a result state (its agency sends no result files). */
    public ExportFile withoutResults() {
      return new ExportFile(
          id,
          connector,
          sequence,
          fileName,
          state,
          recordCount,
          sums,
          plainSha256,
          signatureSha256,
          signatureKid,
          encrypted,
          uploadName,
          uploadSha256,
          manifestSha256,
          createdAt,
          uploadedAt,
          uploadAttempts,
          uploadError,
          null,
          null);
    }
  }

  private static final ObjectMapper JSON = Json.strict();

  private final JdbcClient jdbc;

  public ExportStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues an application (again: nothing, so a redelivered message adds no second line). */
  public boolean queue(
      String applicationId, String connector, String messageId, String record, Instant at) {
    return jdbc.sql(
                "insert into batch_export_item (application_id, connector, message_id, record,"
                    + " queued_at) values (?, ?, ?, cast(? as jsonb), ?)"
                    + " on conflict (application_id) do nothing")
            .params(applicationId, connector, messageId, record, Timestamp.from(at))
            .update()
        == 1;
  }

  /** The oldest applications of a connector waiting for a file, at most {@code limit}. */
  public List<Queued> queued(String connector, int limit) {
    return jdbc.sql(
            "select application_id, message_id, record::text as record from batch_export_item"
                + " where connector = ? and file_id is null and refused_reason is null"
                + " order by queued_at, application_id limit ?")
        .params(connector, limit)
        .query(
            (rs, n) ->
                new Queued(
                    rs.getString("application_id"),
                    rs.getString("message_id"),
                    readTree(rs.getString("record"))))
        .list();
  }

  /** The next file's sequence number for a connector (1 for its first). */
  public int nextSequence(String connector) {
    return jdbc.sql(
            "select coalesce(max(sequence), 0) + 1 from batch_export_file where connector = ?")
        .param(connector)
        .query(Integer.class)
        .single();
  }

  /** Records a stored file; returns its id. */
  public long insertFile(ExportFile f) {
    return jdbc.sql(
            "insert into batch_export_file (connector, sequence, file_name, state, record_count,"
                + " sums, plain_sha256, signature_sha256, signature_kid, encrypted, upload_name,"
                + " upload_sha256, manifest_sha256, created_at) values (?, ?, ?, 'stored', ?,"
                + " cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?) returning id")
        .params(
            f.connector(),
            f.sequence(),
            f.fileName(),
            f.recordCount(),
            write(f.sums()),
            f.plainSha256(),
            f.signatureSha256(),
            f.signatureKid(),
            f.encrypted(),
            f.uploadName(),
            f.uploadSha256(),
            f.manifestSha256(),
            Timestamp.from(f.createdAt()))
        .query(Long.class)
        .single();
  }

  /** Marks an application as written on line {@code line} of file {@code fileId}. */
  public void markExported(String applicationId, long fileId, int line) {
    jdbc.sql(
            "update batch_export_item set file_id = ?, line_number = ? where application_id = ?"
                + " and file_id is null")
        .params(fileId, line, applicationId)
        .update();
  }

  /** Marks an application as refused from every file, with the reason. */
  public void markRefused(String applicationId, String reason) {
    jdbc.sql("update batch_export_item set refused_reason = ? where application_id = ?")
        .params(reason, applicationId)
        .update();
  }

  /** The files of a connector recorded but not uploaded, in sequence order. */
  public List<ExportFile> stored(String connector) {
    return jdbc.sql(SELECT + " where connector = ? and state = 'stored' order by sequence")
        .param(connector)
        .query(this::file)
        .list();
  }

  /** The latest files, newest first; of one connector when it is given. */
  public List<ExportFile> files(String connector, int limit) {
    return jdbc.sql(
            SELECT + " where (cast(? as text) is null or connector = ?) order by id desc limit ?")
        .params(connector, connector, limit)
        .query(this::file)
        .list();
  }

  /** The applications written in a file, with their message ids, in line order. */
  public List<Map<String, Object>> lines(long fileId) {
    return jdbc.sql(
            "select application_id, message_id from batch_export_item where file_id = ?"
                + " order by line_number")
        .param(fileId)
        .query()
        .listOfRows();
  }

  /** Marks a file uploaded. */
  public void markUploaded(long fileId, Instant at) {
    jdbc.sql(
            "update batch_export_file set state = 'uploaded', uploaded_at = ?, upload_attempts ="
                + " upload_attempts + 1, upload_error = null where id = ?")
        .params(Timestamp.from(at), fileId)
        .update();
  }

  /** Records a failed upload; the file stays stored for the next run. */
  public void markUploadFailed(long fileId, String error) {
    jdbc.sql(
            "update batch_export_file set upload_attempts = upload_attempts + 1, upload_error = ?"
                + " where id = ?")
        .params(error, fileId)
        .update();
  }

  private static final String SELECT =
      "select id, connector, sequence, file_name, state, record_count, sums::text as sums,"
          + " plain_sha256, signature_sha256, signature_kid, encrypted, upload_name, upload_sha256,"
          + " manifest_sha256, created_at, uploaded_at, upload_attempts, upload_error,"
          + " result_file_id, coalesce((select case when r.late then 'late' else 'received' end"
          + " from batch_import_file r where r.id = batch_export_file.result_file_id),"
          + " case when overdue_signalled_at is not null then 'overdue'"
          + " when state = 'uploaded' then 'awaiting' end) as result_state"
          + " from batch_export_file";

  @SuppressWarnings("unchecked")
  private ExportFile file(ResultSet rs, int n) throws SQLException {
    Timestamp uploaded = rs.getTimestamp("uploaded_at");
    return new ExportFile(
        rs.getLong("id"),
        rs.getString("connector"),
        rs.getInt("sequence"),
        rs.getString("file_name"),
        rs.getString("state"),
        rs.getInt("record_count"),
        JSON.convertValue(readTree(rs.getString("sums")), Map.class),
        rs.getString("plain_sha256"),
        rs.getString("signature_sha256"),
        rs.getString("signature_kid"),
        rs.getBoolean("encrypted"),
        rs.getString("upload_name"),
        rs.getString("upload_sha256"),
        rs.getString("manifest_sha256"),
        rs.getTimestamp("created_at").toInstant(),
        uploaded == null ? null : uploaded.toInstant(),
        rs.getInt("upload_attempts"),
        rs.getString("upload_error"),
        rs.getString("result_state"),
        (Long) rs.getObject("result_file_id"));
  }

  private JsonNode readTree(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
