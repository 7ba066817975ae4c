package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.platform.Json;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail of the back office: every officer, admin and citizen action on a case, allowed or
 * refused, with who (masked citizen id), what, when, on which case or task, and the outcome. An
 * allowed action is audited in its own transaction (it is recorded if and only if it happened); a
 * refusal is recorded on its own.
 */
public class BackOfficeAudit {

  /** One audited action. */
  @Schema(name = "BackOfficeAuditEntry", description = "One audited back-office action.")
  public record Entry(
      long id,
      Instant at,
      String actor,
      String actorKind,
      String agency,
      String action,
      String applicationId,
      UUID taskId,
      String target,
      String outcome,
      String errorCode,
      JsonNode detail,
      String correlationId) {}

  /**
   * What an action is about.
   *
   * @param actorKind officer, admin, citizen, operator or system
   * @param action what is done, e.g. {@code task.claim}
   * @param agency the agency whose work it is, when known
   * @param applicationId the case, when any
   * @param taskId the task, when any
   * @param targetCitizenId the person acted upon (role assignments), when any; stored masked
   */
  public record Subject(
      String actorKind,
      String action,
      String agency,
      String applicationId,
      UUID taskId,
      String targetCitizenId) {}

  /** Filters for reading the trail. */
  public record Filter(String agency, String applicationId, String action, int limit) {}

  private static final ObjectMapper JSON = Json.strict();

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final TransactionTemplate separate;
  private final Clock clock;

  public BackOfficeAudit(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.separate = new TransactionTemplate(transactions.getTransactionManager());
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /**
   * Runs {@code work} in a transaction and audits it: the entry commits with the work; a refusal
   * ({@link SaphanException}) is audited separately and thrown on.
   *
   * @param subject what the action is about; its agency, case and task may be completed by {@code
   *     work} through the returned value's detail
   */
  public <T> T run(Caller caller, Subject subject, Supplier<T> work) {
    return run(actor(caller), as(caller, subject), work, r -> Map.of());
  }

  /** As {@link #run(Caller, Subject, Supplier)}, with a detail taken from the result. */
  public <T> T run(
      Caller caller,
      Subject subject,
      Supplier<T> work,
      java.util.function.Function<T, Map<String, Object>> detail) {
    return run(actor(caller), as(caller, subject), work, detail);
  }

  /**
   * A portal operator is audited as an operator, whatever the action's usual actor: an operator
   * reading a case is not an agency officer, and the trail must tell them apart.
   */
  private static Subject as(Caller caller, Subject subject) {
    if (caller == null || !caller.operator() || "operator".equals(subject.actorKind())) {
      return subject;
    }
    return new Subject(
        "operator",
        subject.action(),
        subject.agency(),
        subject.applicationId(),
        subject.taskId(),
        subject.targetCitizenId());
  }

  private <T> T run(
      String actor,
      Subject subject,
      Supplier<T> work,
      java.util.function.Function<T, Map<String, Object>> detail) {
    try {
      return transactions.execute(
          tx -> {
            T result = work.get();
            write(actor, subject, "succeeded", null, detail.apply(result));
            return result;
          });
    } catch (SaphanException e) {
      separate.executeWithoutResult(
          tx ->
              write(actor, subject, "refused", e.code().code(), Map.of("reason", e.getMessage())));
      throw e;
    }
  }

  /** Records an action of the hub itself (inside the caller's transaction). */
  public void system(Subject subject, Map<String, Object> detail) {
    write("hub", subject, "succeeded", null, detail);
  }

  private void write(
      String actor, Subject s, String outcome, String errorCode, Map<String, Object> detail) {
    jdbc.sql(
            "insert into bo_audit (at, actor_masked, actor_kind, agency, action, application_id,"
                + " task_id, target_masked, outcome, error_code, detail, correlation_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)")
        .params(
            Timestamp.from(clock.instant()),
            actor,
            s.actorKind(),
            s.agency(),
            s.action(),
            s.applicationId(),
            s.taskId(),
            s.targetCitizenId() == null ? null : ThaiCitizenId.mask(s.targetCitizenId()),
            outcome,
            errorCode,
            detail == null || detail.isEmpty() ? null : JSON.valueToTree(detail).toString(),
            MDC.get("correlationId"))
        .update();
  }

  /** The trail, newest first. */
  public List<Entry> list(Filter filter) {
    StringBuilder sql =
        new StringBuilder(
            "select id, at, actor_masked, actor_kind, agency, action, application_id, task_id,"
                + " target_masked, outcome, error_code, detail, correlation_id from bo_audit"
                + " where true");
    List<Object> params = new ArrayList<>();
    if (filter.agency() != null) {
      sql.append(" and agency = ?");
      params.add(filter.agency());
    }
    if (filter.applicationId() != null) {
      sql.append(" and application_id = ?");
      params.add(filter.applicationId());
    }
    if (filter.action() != null) {
      sql.append(" and action = ?");
      params.add(filter.action());
    }
    sql.append(" order by id desc limit ?");
    params.add(filter.limit());
    return jdbc.sql(sql.toString())
        .params(params)
        .query(
            (rs, row) ->
                new Entry(
                    rs.getLong("id"),
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("actor_masked"),
                    rs.getString("actor_kind"),
                    rs.getString("agency"),
                    rs.getString("action"),
                    rs.getString("application_id"),
                    rs.getObject("task_id", UUID.class),
                    rs.getString("target_masked"),
                    rs.getString("outcome"),
                    rs.getString("error_code"),
                    CaseStore.json(rs.getString("detail")),
                    rs.getString("correlation_id")))
        .list();
  }

  private static String actor(Caller caller) {
    if (caller == null) {
      return "hub";
    }
    return caller.citizenId() != null ? caller.maskedCitizenId() : "client:" + caller.subject();
  }
}
