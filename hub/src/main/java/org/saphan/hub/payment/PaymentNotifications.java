package org.saphan.hub.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.outbox.Outbox;
import org.saphan.hub.payment.PaymentStatus.GatewayStatus;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.security.VerificationRules;
import org.saphan.hub.security.VerifiedSignature;
import org.saphan.hub.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the e-Payment gateway's notifications: verifies the detached JWS with the gateway's pinned
 * certificate (replay-protected on {@code jti}), applies each {@code notificationId} once, checks
 * the reference and amount against the order, and moves the order through its state machine
 * whatever order the notifications arrive in.
 *
 * <p>A PAID order records {@code paid} on the application's timeline (which tells the portal),
 * forwards the payment through the application's model (an outbox row of kind {@code payment} on
 * the connector's own queue: model 3, the delivery route sends the agency a signed payment notice;
 * model 4, the back office settles the case's fee), and then has its e-Receipt fetched. A
 * notification whose amount or reference disagrees with the order is refused with an exact code and
 * raised to operators; it never marks anything paid.
 */
public class PaymentNotifications {

  /** Outbox kind of a paid-order message. */
  public static final String OUTBOX_KIND = "payment";

  private static final Logger log = LoggerFactory.getLogger(PaymentNotifications.class);
  private static final ObjectMapper JSON = Json.strict();

  /**
   * What a notification did.
   *
   * @param result applied (moved the order), stale (arrived late, kept, no effect) or duplicate
   *     (this notificationId was already taken)
   */
  public record Outcome(String notificationId, String paymentId, String result, String status) {}

  private final Signing signing;
  private final GatewayTrust trust;
  private final PaymentLedger ledger;
  private final ApplicationStore applications;
  private final Outbox outbox;
  private final StatusRecorder statuses;
  private final Evidence evidence;
  private final PaymentExceptions exceptions;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final PaymentProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;
  private volatile Consumer<String> onPaid = id -> {};

  public PaymentNotifications(
      Signing signing,
      GatewayTrust trust,
      PaymentLedger ledger,
      ApplicationStore applications,
      Outbox outbox,
      StatusRecorder statuses,
      Evidence evidence,
      PaymentExceptions exceptions,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      PaymentProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.signing = signing;
    this.trust = trust;
    this.ledger = ledger;
    this.applications = applications;
    this.outbox = outbox;
    this.statuses = statuses;
    this.evidence = evidence;
    this.exceptions = exceptions;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /** What to do, after the commit, with an order that just turned paid (fetch its e-Receipt). */
  public void onPaid(Consumer<String> action) {
    this.onPaid = action;
  }

  /**
   * Takes one notification as received.
   *
   * @param body the exact body bytes
   * @param detachedSignature the {@code X-JWS-Signature} header
   * @throws SaphanException signature codes (401), {@code replay_detected} (409), {@code
   *     payment_notification_invalid} (400), {@code payment_reference_unknown}, {@code
   *     payment_reference_mismatch}, {@code payment_amount_mismatch} (422)
   */
  public Outcome receive(byte[] body, String detachedSignature) {
    if (detachedSignature == null || detachedSignature.isBlank()) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_MISSING, "the notification carries no X-JWS-Signature");
    }
    VerificationRules rules =
        VerificationRules.of(
                SigningPolicy.JWS, properties.getGatewayIssuer(), trust.notifications())
            .withMaxAge(properties.getNotificationMaxAge());
    VerifiedSignature verified =
        signing
            .verifier(SigningPolicy.JWS)
            .verify(body, detachedSignature.trim().getBytes(StandardCharsets.US_ASCII), rules);
    JsonNode json = Notification.parse(body);
    Notification n = Notification.of(json);
    Optional<Map<String, Object>> earlier = stored(n.notificationId());
    if (earlier.isPresent()) {
      return repeat(n, earlier.get());
    }
    Received received =
        new Received(Digests.sha256(body), detachedSignature.trim(), verified.kid());
    Outcome outcome;
    try {
      outcome = transactions.execute(tx -> apply(n, json, received));
    } catch (Refusal refusal) {
      refuse(n, json, received, refusal);
      throw refusal.exception;
    } catch (org.springframework.dao.DuplicateKeyException e) {
      // The same notification, delivered twice at once: the other delivery took it.
      return repeat(n, stored(n.notificationId()).orElseThrow());
    }
    meters
        .counter(
            "saphan.payment.notifications", "status", n.status().name(), "result", outcome.result())
        .increment();
    if ("applied".equals(outcome.result()) && "paid".equals(outcome.status())) {
      onPaid.accept(outcome.paymentId());
    }
    return outcome;
  }

  /** What the gateway sent, for the message log. */
  private record Received(String sha256, String signature, String kid) {}

  private Outcome apply(Notification n, JsonNode json, Received received) {
    PaymentOrder order =
        ledger
            .lockByReference(n.billerId(), n.ref1())
            .orElseThrow(
                () ->
                    new Refusal(
                        null,
                        SaphanException.business(
                            ErrorCode.PAYMENT_REFERENCE_UNKNOWN,
                            "no payment order has biller id " + n.billerId() + " and this ref1",
                            Map.of("notificationId", n.notificationId()))));
    check(order, n);
    Outcome outcome = applyTo(order, n, json, received.kid());
    logged(n, order, received, outcome.result());
    return outcome;
  }

  /**
   * The notification in the message log, in the transaction that takes it: the SHA-256 of the exact
   * body received, the gateway's detached JWS, and what it did ({@code applied}, {@code stale}, or
   * the code it was refused with).
   */
  private void logged(Notification n, PaymentOrder order, Received received, String outcome) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("billerId", n.billerId());
    detail.put("status", n.status().name());
    if (n.transactionId() != null) {
      detail.put("transactionId", n.transactionId());
    }
    evidence.record(
        Evidence.entry("payment_notification")
            .application(order == null ? null : order.applicationId())
            .message(n.notificationId())
            .outcome(outcome)
            .exchange("payment_notification", "in")
            .connector(order == null ? null : order.connector())
            .sha256(received.sha256())
            .signature(received.signature(), received.kid())
            .detail(detail));
  }

  private Outcome applyTo(PaymentOrder order, Notification n, JsonNode json, String kid) {
    // Taken once: a second delivery of this notificationId hits the primary key (and waits on the
    // order's row lock until this transaction ends).
    jdbc.sql(
            "insert into payment_notification (notification_id, order_id, transaction_id, status,"
                + " event_at, outcome, signer_kid, body) values (?, ?, ?, ?, ?, 'stale', ?,"
                + " cast(? as jsonb))")
        .params(
            n.notificationId(),
            order.id(),
            n.transactionId(),
            n.status().name(),
            Timestamp.from(n.eventAt()),
            kid,
            json.toString())
        .update();
    Instant now = clock.instant();
    if (n.status() == GatewayStatus.PAID
        && order.transactionId() != null
        && !order.transactionId().equals(n.transactionId())
        && (order.status() == PaymentStatus.PAID || order.status() == PaymentStatus.REFUNDED)) {
      // A second payment for one order: money taken twice. Kept, no state change, raised.
      exceptions.raise(
          "duplicate_payment",
          order.id(),
          n.notificationId(),
          n.transactionId(),
          ErrorCode.PAYMENT_ALREADY_PAID,
          "a second transaction paid order " + order.id() + ": a refund is due",
          Map.of("firstTransactionId", order.transactionId()));
      return new Outcome(n.notificationId(), order.id(), "stale", order.status().wire());
    }
    Optional<PaymentStatus> target = order.status().on(n.status());
    if (target.isEmpty()) {
      log.info(
          "Notification {} ({}) for payment {} arrived after the order became {}: kept, no effect",
          n.notificationId(),
          n.status(),
          order.id(),
          order.status().wire());
      return new Outcome(n.notificationId(), order.id(), "stale", order.status().wire());
    }
    PaymentStatus status = transition(order, n, target.get(), now);
    // A notification that arrived too early (a REFUNDED before its PAID) applies now.
    for (Map<String, Object> later : staleAfter(order.id(), n.eventAt())) {
      Notification next = Notification.of(PaymentViews.json((String) later.get("body")));
      Optional<PaymentStatus> then = status.on(next.status());
      if (then.isPresent()) {
        PaymentOrder current = ledger.get(order.id());
        status = transition(current, next, then.get(), now);
        jdbc.sql("update payment_notification set outcome = 'applied' where notification_id = ?")
            .param(next.notificationId())
            .update();
      }
    }
    jdbc.sql("update payment_notification set outcome = 'applied' where notification_id = ?")
        .param(n.notificationId())
        .update();
    return new Outcome(n.notificationId(), order.id(), "applied", status.wire());
  }

  private PaymentStatus transition(
      PaymentOrder order, Notification n, PaymentStatus target, Instant now) {
    boolean paid = target == PaymentStatus.PAID;
    Instant paidAt = paid ? (n.paidAt() != null ? n.paidAt() : n.eventAt()) : null;
    ledger.transition(
        order.id(),
        target,
        n.eventAt(),
        paidAt,
        n.transactionId(),
        n.bankRef(),
        n.payerBank(),
        n.receiptUrl(),
        now);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("paymentId", order.id());
    detail.put("from", order.status().wire());
    detail.put("to", target.wire());
    detail.put("notificationId", n.notificationId());
    detail.put("transactionId", n.transactionId());
    detail.put("amount", order.amount().toPlainString());
    evidence.record(
        Evidence.entry("payment_" + target.wire())
            .application(order.applicationId())
            .message(order.messageId().toString())
            .outcome("recorded")
            .exchange("payment_notification", "in")
            .connector(order.connector())
            .detail(detail));
    if (paid) {
      Application application = applications.get(order.applicationId());
      ObjectNode status = JSON.createObjectNode();
      status.put("paymentId", order.id());
      status.put("amount", order.amount().toPlainString());
      status.put("currency", order.currency());
      status.put("transactionId", n.transactionId());
      status.put("paidAt", paidAt.toString());
      // A gateway clock (to the second) must not put the payment before its own order, which
      // followed the payment_required status.
      Instant occurredAt = paidAt.isBefore(order.createdAt()) ? order.createdAt() : paidAt;
      statuses.record(
          application,
          CanonicalStatus.PAID,
          "payment",
          null,
          occurredAt,
          "payment:" + order.id() + ":paid",
          "ชำระค่าธรรมเนียมแล้ว (fee paid)",
          status);
      // Forwarded through the application's model, on its connector's own queue: to the agency's
      // system (model 3: the delivery route sends a signed payment notice under the order's
      // message id) or to the back office (model 4: the case's fee step is settled).
      outbox.enqueue(
          application.id(),
          application.model(),
          application.connector(),
          order.messageId().toString(),
          OUTBOX_KIND);
      log.info(
          "Payment {} paid: application {} is paid, forwarded to {}",
          order.id(),
          application.id(),
          application.model() == 3 ? "the agency" : "the back office");
    }
    return target;
  }

  private void check(PaymentOrder order, Notification n) {
    if (n.ref2() != null && order.ref2() != null && !order.ref2().equals(n.ref2())) {
      throw new Refusal(
          order,
          SaphanException.business(
              ErrorCode.PAYMENT_REFERENCE_MISMATCH,
              "the notification's ref2 is not payment " + order.id() + "'s",
              Map.of("notificationId", n.notificationId(), "paymentId", order.id())));
    }
    if (!"THB".equals(n.currency()) || !PaymentLedger.sameAmount(order.amount(), n.amount())) {
      throw new Refusal(
          order,
          SaphanException.business(
              ErrorCode.PAYMENT_AMOUNT_MISMATCH,
              "the notification says "
                  + n.amount().toPlainString()
                  + " "
                  + n.currency()
                  + ", payment "
                  + order.id()
                  + " is for "
                  + order.amount().toPlainString()
                  + " THB",
              Map.of(
                  "notificationId", n.notificationId(),
                  "paymentId", order.id(),
                  "notifiedAmount", n.amount().toPlainString(),
                  "orderAmount", order.amount().toPlainString())));
    }
  }

  private void refuse(Notification n, JsonNode json, Received received, Refusal refusal) {
    String kid = received.kid();
    SaphanException e = refusal.exception;
    String orderId = refusal.order == null ? null : refusal.order.id();
    transactions.executeWithoutResult(
        tx -> {
          int stored =
              jdbc.sql(
                      "insert into payment_notification (notification_id, order_id, transaction_id,"
                          + " status, event_at, outcome, error_code, signer_kid, body)"
                          + " values (?, ?, ?, ?, ?, 'refused', ?, ?, cast(? as jsonb))"
                          + " on conflict (notification_id) do nothing")
                  .params(
                      n.notificationId(),
                      orderId,
                      n.transactionId(),
                      n.status().name(),
                      Timestamp.from(n.eventAt()),
                      e.code().code(),
                      kid,
                      json.toString())
                  .update();
          if (stored > 0) {
            logged(n, refusal.order, received, e.code().code());
            Map<String, Object> detail = new LinkedHashMap<>(e.properties());
            detail.put("billerId", n.billerId());
            detail.put("status", n.status().name());
            exceptions.raise(
                "notification_refused",
                orderId,
                n.notificationId(),
                n.transactionId(),
                e.code(),
                e.getMessage(),
                detail);
          }
        });
    meters
        .counter(
            "saphan.payment.notifications", "status", n.status().name(), "result", e.code().code())
        .increment();
    log.warn(
        "Notification {} refused with {}: {} (raised to operators)",
        n.notificationId(),
        e.code().code(),
        e.getMessage());
  }

  private Outcome repeat(Notification n, Map<String, Object> earlier) {
    String code = (String) earlier.get("error_code");
    if (code != null) {
      ErrorCode errorCode = ErrorCode.valueOf(code.toUpperCase(java.util.Locale.ROOT));
      throw SaphanException.business(
          errorCode,
          "notification " + n.notificationId() + " was already refused with " + code,
          Map.of("notificationId", n.notificationId()));
    }
    String orderId = (String) earlier.get("order_id");
    String status = ledger.find(orderId).map(o -> o.status().wire()).orElse(null);
    return new Outcome(n.notificationId(), orderId, "duplicate", status);
  }

  private Optional<Map<String, Object>> stored(String notificationId) {
    return jdbc
        .sql(
            "select order_id, outcome, error_code from payment_notification"
                + " where notification_id = ?")
        .param(notificationId)
        .query()
        .listOfRows()
        .stream()
        .findFirst();
  }

  private List<Map<String, Object>> staleAfter(String orderId, Instant eventAt) {
    return jdbc.sql(
            "select notification_id, body::text body from payment_notification where order_id = ?"
                + " and outcome = 'stale' and event_at > ? order by event_at, received_at")
        .params(orderId, Timestamp.from(eventAt))
        .query()
        .listOfRows();
  }

  /** A refusal found inside the transaction: rolled back, then recorded on its own. */
  private static final class Refusal extends RuntimeException {
    private final transient PaymentOrder order;
    private final SaphanException exception;

    Refusal(PaymentOrder order, SaphanException exception) {
      super(exception.getMessage(), null, false, false);
      this.order = order;
      this.exception = exception;
    }
  }
}
