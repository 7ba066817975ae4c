package org.saphan.hub.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The payment ledger: payment orders in PostgreSQL. */
public class PaymentLedger {

  private static final String SELECT =
      "select id, application_id, connector, model, agency, citizen_id, biller_id, ref1, ref2,"
          + " amount, currency, amount_source, status, qr_payload, bot_barcode, message_id,"
          + " created_at, expires_at, updated_at, last_event_at, paid_at, transaction_id, bank_ref,"
          + " payer_bank, receipt_url from payment_order";

  private final JdbcClient jdbc;

  public PaymentLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new order (inside the caller's transaction). */
  public void insert(PaymentOrder o) {
    jdbc.sql(
            "insert into payment_order (id, application_id, connector, model, agency, citizen_id,"
                + " biller_id, ref1, ref2, amount, currency, amount_source, status, finished,"
                + " qr_payload, bot_barcode, message_id, created_at, expires_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            o.id(),
            o.applicationId(),
            o.connector(),
            o.model(),
            o.agency(),
            o.citizenId(),
            o.billerId(),
            o.ref1(),
            o.ref2(),
            o.amount(),
            o.currency(),
            o.amountSource(),
            o.status().wire(),
            o.finished(),
            o.qrPayload(),
            o.botBarcode(),
            o.messageId(),
            Timestamp.from(o.createdAt()),
            Timestamp.from(o.expiresAt()),
            Timestamp.from(o.updatedAt()))
        .update();
  }

  /** One order. */
  public Optional<PaymentOrder> find(String id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(PaymentLedger::row).optional();
  }

  /** One order; refuses an unknown id. */
  public PaymentOrder get(String id) {
    return find(id)
        .orElseThrow(
            () -> SaphanException.validation(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + id));
  }

  /** The order the bank and the gateway know by (biller id, ref1), locked for an update. */
  public Optional<PaymentOrder> lockByReference(String billerId, String ref1) {
    return jdbc.sql(SELECT + " where biller_id = ? and ref1 = ? for update")
        .params(billerId, ref1)
        .query(PaymentLedger::row)
        .optional();
  }

  /** The order with this ref1, whatever the biller (to tell a wrong biller from an unknown ref). */
  public Optional<PaymentOrder> byRef1(String ref1) {
    return jdbc.sql(SELECT + " where ref1 = ?").param(ref1).query(PaymentLedger::row).optional();
  }

  /** The order whose paid-order message carries this id (the notice forwarded to the agency). */
  public Optional<PaymentOrder> byMessageId(java.util.UUID messageId) {
    return jdbc.sql(SELECT + " where message_id = ?")
        .param(messageId)
        .query(PaymentLedger::row)
        .optional();
  }

  /** An application's orders, oldest first. */
  public List<PaymentOrder> ofApplication(String applicationId) {
    return jdbc.sql(SELECT + " where application_id = ? order by created_at, id")
        .param(applicationId)
        .query(PaymentLedger::row)
        .list();
  }

  /** The application's order that still waits for money, if any. */
  public Optional<PaymentOrder> openOf(String applicationId) {
    return jdbc.sql(SELECT + " where application_id = ? and status in ('created', 'pending')")
        .param(applicationId)
        .query(PaymentLedger::row)
        .optional();
  }

  /** Whether a ref1 is taken. */
  public boolean ref1Exists(String ref1) {
    return jdbc.sql("select count(*) from payment_order where ref1 = ?")
            .param(ref1)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Moves an order to a status after a gateway event (inside the caller's transaction). */
  public void transition(
      String id,
      PaymentStatus status,
      Instant eventAt,
      Instant paidAt,
      String transactionId,
      String bankRef,
      String payerBank,
      String receiptUrl,
      Instant now) {
    jdbc.sql(
            "update payment_order set status = ?, finished = ?, last_event_at = ?,"
                + " paid_at = coalesce(?, paid_at), transaction_id = coalesce(?, transaction_id),"
                + " bank_ref = coalesce(?, bank_ref), payer_bank = coalesce(?, payer_bank),"
                + " receipt_url = coalesce(?, receipt_url), updated_at = ?, version = version + 1"
                + " where id = ?")
        .params(
            status.wire(),
            status.finished(),
            eventAt == null ? null : Timestamp.from(eventAt),
            paidAt == null ? null : Timestamp.from(paidAt),
            transactionId,
            bankRef,
            payerBank,
            receiptUrl,
            Timestamp.from(now),
            id)
        .update();
  }

  /** Expires every open order past its expiry; returns the expired orders' ids. */
  public List<String> expireDue(Instant now) {
    return jdbc.sql(
            "update payment_order set status = 'expired', finished = true, updated_at = ?,"
                + " version = version + 1 where status in ('created', 'pending') and expires_at <= ?"
                + " returning id")
        .params(Timestamp.from(now), Timestamp.from(now))
        .query(String.class)
        .list();
  }

  /** Paid orders whose e-Receipt was not fetched yet (never tried), oldest first. */
  public List<PaymentOrder> paidWithoutReceipt(int limit) {
    return jdbc.sql(
            SELECT
                + " o where o.status in ('paid', 'refunded') and o.receipt_url is not null"
                + " and not exists (select 1 from payment_receipt r where r.order_id = o.id)"
                + " order by o.paid_at limit ?")
        .param(limit)
        .query(PaymentLedger::row)
        .list();
  }

  static PaymentOrder row(ResultSet rs, int row) throws SQLException {
    return new PaymentOrder(
        rs.getString("id"),
        rs.getString("application_id"),
        rs.getString("connector"),
        rs.getInt("model"),
        rs.getString("agency"),
        rs.getString("citizen_id"),
        rs.getString("biller_id"),
        rs.getString("ref1"),
        rs.getString("ref2"),
        rs.getBigDecimal("amount"),
        rs.getString("currency"),
        rs.getString("amount_source"),
        PaymentStatus.fromWire(rs.getString("status")),
        rs.getString("qr_payload"),
        rs.getString("bot_barcode"),
        rs.getObject("message_id", UUID.class),
        instant(rs, "created_at"),
        instant(rs, "expires_at"),
        instant(rs, "updated_at"),
        instant(rs, "last_event_at"),
        instant(rs, "paid_at"),
        rs.getString("transaction_id"),
        rs.getString("bank_ref"),
        rs.getString("payer_bank"),
        rs.getString("receipt_url"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /** Amounts compare by value: 100.0 equals 100.00. */
  static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a != null && b != null && a.compareTo(b) == 0;
  }
}
