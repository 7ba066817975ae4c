package org.saphan.hub.payment;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.security.egress.AllowList;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.EgressRequest;
import org.saphan.hub.security.egress.EgressResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The e-Receipts of paid orders: fetched from the gateway (only from its configured origin, through
 * the egress-safe client), verified ({@link ReceiptVerifier}), stored as {@code verified} or {@code
 * refused} with the reason, and served only when verified. A refused receipt is raised to operators
 * and counted; it is never shown as valid.
 */
public class PaymentReceipts {

  private static final Logger log = LoggerFactory.getLogger(PaymentReceipts.class);

  /** A stored receipt. */
  public record Stored(
      String orderId,
      String transactionId,
      String state,
      String reasonCode,
      String reason,
      String documentId,
      BigDecimal grandTotal,
      String signerSubject,
      byte[] xml,
      String sha256) {

    /** Whether it verified. */
    public boolean verified() {
      return "verified".equals(state);
    }
  }

  private final PaymentLedger ledger;
  private final java.util.function.Supplier<ReceiptVerifier> verifier;
  private final EgressClient http;
  private final PaymentExceptions exceptions;
  private final JdbcClient jdbc;
  private final PaymentProperties properties;
  private final ExecutorService executor;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Evidence evidence;
  private final TransactionTemplate transactions;

  public PaymentReceipts(
      PaymentLedger ledger,
      java.util.function.Supplier<ReceiptVerifier> verifier,
      EgressClient http,
      PaymentExceptions exceptions,
      JdbcClient jdbc,
      PaymentProperties properties,
      ExecutorService executor,
      MeterRegistry meters,
      Clock clock,
      Evidence evidence,
      TransactionTemplate transactions) {
    this.ledger = ledger;
    this.evidence = evidence;
    this.transactions = transactions;
    this.verifier = verifier;
    this.http = http;
    this.exceptions = exceptions;
    this.jdbc = jdbc;
    this.properties = properties;
    this.executor = executor;
    this.meters = meters;
    this.clock = clock;
  }

  /** Fetches an order's receipt in the background (after a PAID notification's commit). */
  public void fetchSoon(String orderId) {
    try {
      executor.execute(
          () -> {
            try {
              fetch(orderId);
            } catch (RuntimeException e) {
              log.warn(
                  "e-Receipt of payment {} not fetched yet ({}); the sweep tries again",
                  orderId,
                  SafeErrors.describe(e));
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("e-Receipt fetch of {} left to the sweep: the hub is stopping", orderId);
    }
  }

  /** Fetches the receipts of paid orders that have none yet; returns how many were stored. */
  public int fetchMissing(int limit) {
    int stored = 0;
    for (PaymentOrder order : ledger.paidWithoutReceipt(limit)) {
      try {
        fetch(order.id());
        stored++;
      } catch (RuntimeException e) {
        log.warn("e-Receipt of payment {} not fetched: {}", order.id(), SafeErrors.describe(e));
      }
    }
    return stored;
  }

  /**
   * Downloads, verifies and stores one order's receipt; a receipt that does not verify is stored as
   * refused (and raised), not thrown.
   *
   * @throws SaphanException {@code upstream_*} / {@code egress_refused} when it cannot be
   *     downloaded (nothing stored: the sweep tries again)
   */
  public Stored fetch(String orderId) {
    PaymentOrder order = ledger.get(orderId);
    Optional<Stored> existing = find(orderId);
    if (existing.isPresent()) {
      return existing.get();
    }
    if (order.receiptUrl() == null) {
      throw SaphanException.validation(
          ErrorCode.RECEIPT_NOT_AVAILABLE, "the gateway named no e-Receipt for " + orderId);
    }
    if (properties.getGatewayBaseUrl() == null) {
      throw SaphanException.system(
          ErrorCode.EGRESS_REFUSED,
          "saphan.payment.gateway-base-url is not set: e-Receipts are not fetched",
          null);
    }
    URI url = URI.create(order.receiptUrl());
    EgressResponse response =
        http.send(
            "e-payment",
            new EgressRequest(
                EgressRequest.Method.GET,
                url,
                "application/xml",
                properties.getReceiptTimeout(),
                properties.getReceiptMaxSize().toBytes(),
                false),
            AllowList.origin(properties.getGatewayBaseUrl()));
    if (response.status() != 200) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_BAD_RESPONSE,
          "the gateway answered " + response.status() + " for the e-Receipt of " + orderId,
          null);
    }
    return accept(order, response.body());
  }

  /** Verifies and stores a receipt received for an order (fetched, or pushed by the gateway). */
  public Stored accept(PaymentOrder order, byte[] xml) {
    String sha256 = Digests.sha256(xml);
    // Outside the try: missing trust material is the hub's problem, not the receipt's.
    ReceiptVerifier receiptVerifier = verifier.get();
    Stored stored;
    try {
      VerifiedReceipt receipt = receiptVerifier.verify(xml, order);
      stored =
          new Stored(
              order.id(),
              receipt.transactionId() != null ? receipt.transactionId() : order.transactionId(),
              "verified",
              null,
              null,
              receipt.documentId(),
              receipt.grandTotal(),
              receipt.signerSubject(),
              xml,
              sha256);
      log.info("e-Receipt {} of payment {} verified", receipt.documentId(), order.id());
    } catch (SaphanException e) {
      stored =
          new Stored(
              order.id(),
              order.transactionId(),
              "refused",
              e.code().code(),
              e.getMessage(),
              null,
              null,
              null,
              xml,
              sha256);
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("sha256", sha256);
      detail.put("receiptUrl", order.receiptUrl());
      exceptions.raise(
          "receipt_refused",
          order.id(),
          null,
          order.transactionId(),
          e.code(),
          e.getMessage(),
          detail);
      log.warn(
          "e-Receipt of payment {} refused with {}: {} (raised to operators)",
          order.id(),
          e.code().code(),
          e.getMessage());
    }
    Stored kept = stored;
    // The receipt and its record in the message log commit together.
    transactions.executeWithoutResult(
        tx -> {
          store(kept);
          logged(order, kept);
        });
    meters.counter("saphan.payment.receipts", "state", stored.state()).increment();
    return find(order.id()).orElse(stored);
  }

  /** The stored receipt of an order, if any. */
  public Optional<Stored> find(String orderId) {
    return jdbc.sql(
            "select order_id, transaction_id, state, reason_code, reason, document_id, grand_total,"
                + " signer_subject, xml, sha256 from payment_receipt where order_id = ?")
        .param(orderId)
        .query(
            (rs, row) ->
                new Stored(
                    rs.getString("order_id"),
                    rs.getString("transaction_id"),
                    rs.getString("state"),
                    rs.getString("reason_code"),
                    rs.getString("reason"),
                    rs.getString("document_id"),
                    rs.getBigDecimal("grand_total"),
                    rs.getString("signer_subject"),
                    rs.getBytes("xml"),
                    rs.getString("sha256")))
        .optional();
  }

  /**
   * The verified receipt of an order, for serving.
   *
   * @throws SaphanException {@code receipt_not_available} (none yet), {@code receipt_refused}
   */
  public Stored verified(String orderId) {
    Stored stored =
        find(orderId)
            .orElseThrow(
                () ->
                    SaphanException.validation(
                        ErrorCode.RECEIPT_NOT_AVAILABLE,
                        "the e-Receipt of " + orderId + " has not arrived yet"));
    if (!stored.verified()) {
      throw SaphanException.business(
          ErrorCode.RECEIPT_REFUSED,
          "the e-Receipt of " + orderId + " was refused (" + stored.reasonCode() + ")",
          Map.of("reasonCode", stored.reasonCode()));
    }
    return stored;
  }

  /** The state of an order's receipt: verified, refused or null. */
  public String stateOf(String orderId) {
    return jdbc.sql("select state from payment_receipt where order_id = ?")
        .param(orderId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  /** Receipts refused, newest first (operators). */
  public List<Map<String, Object>> refused(int limit) {
    return jdbc.sql(
            "select order_id, transaction_id, reason_code, reason, sha256, fetched_at"
                + " from payment_receipt where state = 'refused' order by fetched_at desc limit ?")
        .param(limit)
        .query()
        .listOfRows();
  }

  /** The e-Receipt received, in the message log: the SHA-256 of the exact XML received. */
  private void logged(PaymentOrder order, Stored s) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("paymentId", order.id());
    if (s.documentId() != null) {
      detail.put("documentId", s.documentId());
    }
    if (s.signerSubject() != null) {
      detail.put("signer", s.signerSubject());
    }
    evidence.record(
        Evidence.entry("payment_receipt")
            .application(order.applicationId())
            .message(order.messageId().toString())
            .outcome(s.verified() ? "verified" : s.reasonCode())
            .exchange("payment_receipt", "in")
            .connector(order.connector())
            .sha256(s.sha256())
            .detail(detail));
  }

  private void store(Stored s) {
    jdbc.sql(
            "insert into payment_receipt (order_id, transaction_id, state, reason_code, reason,"
                + " document_id, grand_total, signer_subject, xml, sha256, fetched_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (order_id) do nothing")
        .params(
            s.orderId(),
            s.transactionId(),
            s.state(),
            s.reasonCode(),
            s.reason(),
            s.documentId(),
            s.grandTotal(),
            s.signerSubject(),
            s.xml(),
            s.sha256(),
            Timestamp.from(clock.instant()))
        .update();
  }
}
