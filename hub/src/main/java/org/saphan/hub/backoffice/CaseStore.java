package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saphan.hub.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Cases, tasks and correspondence of the back office in PostgreSQL. */
public class CaseStore {

  /**
   * A case, one per model-4 application.
   *
   * @param applicationId the application (and the case's id)
   * @param messageId the intake message that opened it
   * @param connector the card
   * @param agency the agency code
   * @param citizenId the applicant
   * @param state open, completed, rejected or cancelled
   * @param stage the stage being worked
   * @param currentForm the form as corrected by the citizen, or {@code null}
   * @param feeAmount the fee the officer set, or {@code null}
   * @param feeCurrency its currency
   * @param feeState required or paid, or {@code null}
   * @param openedAt when the case opened
   * @param dueAt when the whole service is due (the card's info.slaWorkingDays)
   * @param closedAt when it ended
   * @param closingReason why it ended (rejection reason)
   * @param version optimistic-lock version
   */
  public record CaseRecord(
      String applicationId,
      String messageId,
      String connector,
      String agency,
      String citizenId,
      CaseState state,
      int stage,
      JsonNode currentForm,
      BigDecimal feeAmount,
      String feeCurrency,
      String feeState,
      Instant openedAt,
      Instant dueAt,
      Instant closedAt,
      String closingReason,
      int version) {}

  /** A task: one step of one case. */
  public record TaskRecord(
      UUID id,
      String applicationId,
      String agency,
      String connector,
      String stepId,
      int stepIndex,
      int stage,
      String role,
      TaskState state,
      String assignee,
      Outcome outcome,
      String reason,
      int slaWorkingDays,
      Instant activatedAt,
      Instant clockStartedAt,
      Instant dueAt,
      Instant claimedAt,
      Instant waitingSince,
      Instant decidedAt,
      String decidedBy,
      int version) {

    /** The engine's view of it. */
    WorkflowEngine.TaskView view() {
      return new WorkflowEngine.TaskView(stepId, state, outcome);
    }
  }

  /** A letter between the agency and the citizen. */
  public record Letter(
      UUID id,
      String applicationId,
      UUID taskId,
      String direction,
      String authorMasked,
      String message,
      JsonNode fields,
      JsonNode documents,
      JsonNode form,
      UUID inReplyTo,
      Instant createdAt,
      Instant answeredAt) {}

  /** Filters of the officers' queue. */
  public record QueueFilter(
      List<String> agencies,
      List<String> states,
      String connector,
      String stepId,
      String assignee,
      boolean unassigned,
      List<String> roles,
      Instant dueBefore,
      int limit,
      int offset) {}

  private static final ObjectMapper JSON = Json.strict();

  private final JdbcClient jdbc;

  public CaseStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Opens a case; false when one already exists for the application or the message. */
  boolean insertCase(
      String applicationId,
      String messageId,
      String connector,
      String agency,
      String citizenId,
      Instant openedAt,
      Instant dueAt) {
    return jdbc.sql(
                "insert into bo_case (application_id, message_id, connector, agency, citizen_id,"
                    + " opened_at, due_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
            .params(
                applicationId,
                messageId,
                connector,
                agency,
                citizenId,
                Timestamp.from(openedAt),
                Timestamp.from(dueAt))
            .update()
        > 0;
  }

  /** A case. */
  public Optional<CaseRecord> findCase(String applicationId) {
    return jdbc.sql(CASE_SELECT + " where application_id = ?")
        .param(applicationId)
        .query(CaseStore::caseRow)
        .optional();
  }

  /** A case, its row locked until the transaction ends (serialises its transitions). */
  Optional<CaseRecord> lockCase(String applicationId) {
    return jdbc.sql(CASE_SELECT + " where application_id = ? for update")
        .param(applicationId)
        .query(CaseStore::caseRow)
        .optional();
  }

  void setStage(String applicationId, int stage) {
    jdbc.sql("update bo_case set stage = ?, version = version + 1 where application_id = ?")
        .params(stage, applicationId)
        .update();
  }

  void closeCase(String applicationId, CaseState state, Instant at, String reason) {
    jdbc.sql(
            "update bo_case set state = ?, closed_at = ?, closing_reason = ?,"
                + " version = version + 1 where application_id = ?")
        .params(state.wire(), Timestamp.from(at), reason, applicationId)
        .update();
  }

  void setFee(String applicationId, BigDecimal amount, String currency, String state) {
    jdbc.sql(
            "update bo_case set fee_amount = ?, fee_currency = ?, fee_state = ?,"
                + " version = version + 1 where application_id = ?")
        .params(amount, currency, state, applicationId)
        .update();
  }

  void setCurrentForm(String applicationId, JsonNode form) {
    jdbc.sql(
            "update bo_case set current_form = cast(? as jsonb), version = version + 1"
                + " where application_id = ?")
        .params(form.toString(), applicationId)
        .update();
  }

  void insertTask(TaskRecord t) {
    jdbc.sql(
            "insert into bo_task (id, application_id, agency, connector, step_id, step_index,"
                + " stage, role, state, sla_working_days, activated_at, clock_started_at, due_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            t.id(),
            t.applicationId(),
            t.agency(),
            t.connector(),
            t.stepId(),
            t.stepIndex(),
            t.stage(),
            t.role(),
            t.state().wire(),
            t.slaWorkingDays(),
            Timestamp.from(t.activatedAt()),
            Timestamp.from(t.clockStartedAt()),
            Timestamp.from(t.dueAt()))
        .update();
  }

  /** A task. */
  public Optional<TaskRecord> findTask(UUID id) {
    return jdbc.sql(TASK_SELECT + " where id = ?").param(id).query(CaseStore::taskRow).optional();
  }

  /** The tasks of a case, in step order. */
  public List<TaskRecord> tasksOf(String applicationId) {
    return jdbc.sql(TASK_SELECT + " where application_id = ? order by step_index")
        .param(applicationId)
        .query(CaseStore::taskRow)
        .list();
  }

  /** The tasks of one stage of a case. */
  List<TaskRecord> tasksOfStage(String applicationId, int stage) {
    return jdbc.sql(TASK_SELECT + " where application_id = ? and stage = ? order by step_index")
        .params(applicationId, stage)
        .query(CaseStore::taskRow)
        .list();
  }

  /**
   * Moves a task if nobody changed it since {@code expectedVersion}; false when the version moved
   * on (the caller answers {@code stale_update}).
   */
  boolean updateTask(
      UUID id,
      int expectedVersion,
      TaskState state,
      String assignee,
      Outcome outcome,
      String reason,
      Instant claimedAt,
      Instant waitingSince,
      Instant decidedAt,
      String decidedBy) {
    return jdbc.sql(
                "update bo_task set state = ?, assignee = ?, outcome = ?, reason = ?,"
                    + " claimed_at = ?, waiting_since = ?, decided_at = ?, decided_by = ?,"
                    + " version = version + 1 where id = ? and version = ?")
            .params(
                state.wire(),
                assignee,
                outcome == null ? null : outcome.wire(),
                reason,
                ts(claimedAt),
                ts(waitingSince),
                ts(decidedAt),
                decidedBy,
                id,
                expectedVersion)
            .update()
        > 0;
  }

  /** Claims an open task for an officer; false when it is no longer open at that version. */
  boolean claim(UUID id, int expectedVersion, String officer, Instant at) {
    return jdbc.sql(
                "update bo_task set state = 'claimed', assignee = ?, claimed_at = ?,"
                    + " version = version + 1 where id = ? and version = ? and state = 'open'")
            .params(officer, Timestamp.from(at), id, expectedVersion)
            .update()
        > 0;
  }

  /** Restarts a task's SLA clock (the citizen answered); false when the version moved on. */
  boolean resume(UUID id, int expectedVersion, TaskState state, Instant at, Instant dueAt) {
    return jdbc.sql(
                "update bo_task set state = ?, waiting_since = null, clock_started_at = ?,"
                    + " due_at = ?, version = version + 1 where id = ? and version = ?")
            .params(state.wire(), Timestamp.from(at), Timestamp.from(dueAt), id, expectedVersion)
            .update()
        > 0;
  }

  /** Cancels the still-active tasks of a case (the case ended). */
  int cancelActive(String applicationId, List<String> stepIds, Instant at) {
    if (stepIds.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            "update bo_task set state = 'cancelled', decided_at = ?, version = version + 1"
                + " where application_id = ? and step_id = any(?)"
                + " and state not in ('done', 'cancelled')")
        .params(Timestamp.from(at), applicationId, stepIds.toArray(String[]::new))
        .update();
  }

  /** The queue: tasks matching a filter, soonest due first. */
  public List<TaskRecord> queue(QueueFilter filter) {
    StringBuilder sql = new StringBuilder(TASK_SELECT + " where agency = any(?)");
    List<Object> params = new ArrayList<>();
    params.add(filter.agencies().toArray(String[]::new));
    sql.append(" and state = any(?)");
    params.add(filter.states().toArray(String[]::new));
    if (filter.connector() != null) {
      sql.append(" and connector = ?");
      params.add(filter.connector());
    }
    if (filter.stepId() != null) {
      sql.append(" and step_id = ?");
      params.add(filter.stepId());
    }
    if (filter.assignee() != null) {
      sql.append(" and assignee = ?");
      params.add(filter.assignee());
    }
    if (filter.unassigned()) {
      sql.append(" and assignee is null");
    }
    if (filter.roles() != null) {
      sql.append(" and role = any(?)");
      params.add(filter.roles().toArray(String[]::new));
    }
    if (filter.dueBefore() != null) {
      sql.append(" and due_at <= ?");
      params.add(Timestamp.from(filter.dueBefore()));
    }
    sql.append(" order by due_at, activated_at, id limit ? offset ?");
    params.add(filter.limit());
    params.add(filter.offset());
    return jdbc.sql(sql.toString()).params(params).query(CaseStore::taskRow).list();
  }

  /** Tasks waiting for a payment (the payment sync checks them). */
  List<TaskRecord> awaitingPayment(int limit) {
    return jdbc.sql(
            TASK_SELECT + " where state = 'awaiting_payment' order by waiting_since limit ?")
        .param(limit)
        .query(CaseStore::taskRow)
        .list();
  }

  void insertLetter(Letter l) {
    jdbc.sql(
            "insert into bo_correspondence (id, application_id, task_id, direction, author_masked,"
                + " message, fields, documents, form, in_reply_to, created_at)"
                + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb),"
                + " ?, ?)")
        .params(
            l.id(),
            l.applicationId(),
            l.taskId(),
            l.direction(),
            l.authorMasked(),
            l.message(),
            text(l.fields()),
            text(l.documents()),
            text(l.form()),
            l.inReplyTo(),
            Timestamp.from(l.createdAt()))
        .update();
  }

  void markAnswered(UUID letterId, Instant at) {
    jdbc.sql("update bo_correspondence set answered_at = ? where id = ?")
        .params(Timestamp.from(at), letterId)
        .update();
  }

  /** The correspondence of a case, oldest first. */
  public List<Letter> letters(String applicationId) {
    return jdbc.sql(LETTER_SELECT + " where application_id = ? order by created_at, id")
        .param(applicationId)
        .query(CaseStore::letterRow)
        .list();
  }

  /** The correction requests of a case the citizen has not answered yet. */
  List<Letter> openRequests(String applicationId) {
    return jdbc.sql(
            LETTER_SELECT
                + " where application_id = ? and direction = 'to_citizen' and answered_at is null"
                + " order by created_at")
        .param(applicationId)
        .query(CaseStore::letterRow)
        .list();
  }

  private static final String CASE_SELECT =
      "select application_id, message_id, connector, agency, citizen_id, state, stage,"
          + " current_form, fee_amount, fee_currency, fee_state, opened_at, due_at, closed_at,"
          + " closing_reason, version from bo_case";

  private static final String TASK_SELECT =
      "select id, application_id, agency, connector, step_id, step_index, stage, role, state,"
          + " assignee, outcome, reason, sla_working_days, activated_at, clock_started_at, due_at,"
          + " claimed_at, waiting_since, decided_at, decided_by, version from bo_task";

  private static final String LETTER_SELECT =
      "select id, application_id, task_id, direction, author_masked, message, fields, documents,"
          + " form, in_reply_to, created_at, answered_at from bo_correspondence";

  private static CaseRecord caseRow(ResultSet rs, int row) throws SQLException {
    return new CaseRecord(
        rs.getString("application_id"),
        rs.getString("message_id"),
        rs.getString("connector"),
        rs.getString("agency"),
        rs.getString("citizen_id"),
        CaseState.fromWire(rs.getString("state")).orElseThrow(),
        rs.getInt("stage"),
        json(rs.getString("current_form")),
        rs.getBigDecimal("fee_amount"),
        rs.getString("fee_currency"),
        rs.getString("fee_state"),
        instant(rs, "opened_at"),
        instant(rs, "due_at"),
        instant(rs, "closed_at"),
        rs.getString("closing_reason"),
        rs.getInt("version"));
  }

  private static TaskRecord taskRow(ResultSet rs, int row) throws SQLException {
    String outcome = rs.getString("outcome");
    return new TaskRecord(
        rs.getObject("id", UUID.class),
        rs.getString("application_id"),
        rs.getString("agency"),
        rs.getString("connector"),
        rs.getString("step_id"),
        rs.getInt("step_index"),
        rs.getInt("stage"),
        rs.getString("role"),
        TaskState.fromWire(rs.getString("state")).orElseThrow(),
        rs.getString("assignee"),
        outcome == null ? null : Outcome.fromWire(outcome).orElse(null),
        rs.getString("reason"),
        rs.getInt("sla_working_days"),
        instant(rs, "activated_at"),
        instant(rs, "clock_started_at"),
        instant(rs, "due_at"),
        instant(rs, "claimed_at"),
        instant(rs, "waiting_since"),
        instant(rs, "decided_at"),
        rs.getString("decided_by"),
        rs.getInt("version"));
  }

  private static Letter letterRow(ResultSet rs, int row) throws SQLException {
    return new Letter(
        rs.getObject("id", UUID.class),
        rs.getString("application_id"),
        rs.getObject("task_id", UUID.class),
        rs.getString("direction"),
        rs.getString("author_masked"),
        rs.getString("message"),
        json(rs.getString("fields")),
        json(rs.getString("documents")),
        json(rs.getString("form")),
        rs.getObject("in_reply_to", UUID.class),
        instant(rs, "created_at"),
        instant(rs, "answered_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
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

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() ? null : node.toString();
  }
}
