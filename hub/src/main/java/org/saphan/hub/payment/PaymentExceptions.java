package org.saphan.hub.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What e-Payment raises to operators: notifications refused for amount or reference, e-Receipts
 * that do not verify. Each stays open until an operator resolves it with a note.
 */
public class PaymentExceptions {

  private static final ObjectMapper JSON = Json.strict();

  /** One exception. */
  @Schema(name = "PaymentException", description = "An e-Payment exception for operators.")
  public record Item(
      long id,
      String kind,
      String orderId,
      String notificationId,
      String transactionId,
      String code,
      String message,
      JsonNode detail,
      Instant createdAt,
      String state,
      String resolvedBy,
      Instant resolvedAt,
      String resolutionNote) {}

  private final JdbcClient jdbc;
  private final MeterRegistry meters;
  private final Clock clock;

  public PaymentExceptions(JdbcClient jdbc, MeterRegistry meters, Clock clock) {
    this.jdbc = jdbc;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Raises one (in the caller's transaction, or its own); a notification raises each kind once.
   *
   * @param kind notification_refused or receipt_refused
   */
  public void raise(
      String kind,
      String orderId,
      String notificationId,
      String transactionId,
      ErrorCode code,
      String message,
      Map<String, ?> detail) {
    int added =
        jdbc.sql(
                "insert into payment_exception (kind, order_id, notification_id, transaction_id,"
                    + " code, message, detail) values (?, ?, ?, ?, ?, ?, cast(? as jsonb))"
                    + " on conflict (kind, notification_id) where notification_id is not null"
                    + " do nothing")
            .params(
                kind,
                orderId,
                notificationId,
                transactionId,
                code.code(),
                message,
                detail == null ? null : JSON.valueToTree(detail).toString())
            .update();
    if (added > 0) {
      meters.counter("saphan.payment.exceptions", "kind", kind, "code", code.code()).increment();
    }
  }

  /** Exceptions, newest first; {@code state} open, resolved or null for all. */
  public List<Item> list(String state, int limit) {
    return jdbc.sql(
            "select * from payment_exception where (cast(? as text) is null or state = ?)"
                + " order by id desc limit ?")
        .params(state, state, limit)
        .query(PaymentExceptions::row)
        .list();
  }

  /** The exceptions of one order, oldest first. */
  public List<Item> ofOrder(String orderId) {
    return jdbc.sql("select * from payment_exception where order_id = ? order by id")
        .param(orderId)
        .query(PaymentExceptions::row)
        .list();
  }

  private static Item row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Item(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("order_id"),
        rs.getString("notification_id"),
        rs.getString("transaction_id"),
        rs.getString("code"),
        rs.getString("message"),
        PaymentViews.json(rs.getString("detail")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("state"),
        rs.getString("resolved_by"),
        rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant(),
        rs.getString("resolution_note"));
  }

  /**
   * Resolves an open exception with a note.
   *
   * @throws SaphanException {@code payment_exception_not_found}, {@code exception_already_resolved}
   */
  public void resolve(long id, String operator, String note) {
    int updated =
        jdbc.sql(
                "update payment_exception set state = 'resolved', resolved_by = ?, resolved_at = ?,"
                    + " resolution_note = ? where id = ? and state = 'open'")
            .params(operator, Timestamp.from(clock.instant()), note, id)
            .update();
    if (updated == 0) {
      boolean exists =
          jdbc.sql("select count(*) from payment_exception where id = ?")
                  .param(id)
                  .query(Long.class)
                  .single()
              > 0;
      throw exists
          ? SaphanException.business(
              ErrorCode.EXCEPTION_ALREADY_RESOLVED, "exception " + id + " is resolved", Map.of())
          : SaphanException.validation(
              ErrorCode.PAYMENT_EXCEPTION_NOT_FOUND, "no payment exception " + id);
    }
  }
}
