package org.saphan.sandbox.epayment;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.saphan.sandbox.web.SandboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Control API of the e-Payment simulator, for tests and demos: a citizen pays, faults, the log of
 * notifications sent to the hub, the bank's settlement files.
 */
@RestController
@RequestMapping(path = "/sandbox/v1/epayment", produces = "application/json")
public class EpaymentControlController {

  private static final Logger log = LoggerFactory.getLogger(EpaymentControlController.class);

  private final PaymentGateway gateway;
  private final EpaymentFaults faults;
  private final NotificationLog notificationLog;
  private final Transactions transactions;
  private final Receipts receipts;
  private final Settlements settlements;
  private final EpaymentProperties properties;

  public EpaymentControlController(
      PaymentGateway gateway,
      EpaymentFaults faults,
      NotificationLog notificationLog,
      Transactions transactions,
      Receipts receipts,
      Settlements settlements,
      EpaymentProperties properties) {
    this.gateway = gateway;
    this.faults = faults;
    this.notificationLog = notificationLog;
    this.transactions = transactions;
    this.receipts = receipts;
    this.settlements = settlements;
    this.properties = properties;
  }

  /**
   * Faults to show; absent flags are off. {@code {"mode":"none"}} clears every fault.
   *
   * @param mode only {@code none}, to clear
   * @param duplicateNotifications see {@link EpaymentFaults.Faults}
   * @param notificationDelayMillis milliseconds
   * @param wrongAmount see {@link EpaymentFaults.Faults}
   * @param outOfOrder see {@link EpaymentFaults.Faults}
   * @param down see {@link EpaymentFaults.Faults}
   * @param tamperReceipt see {@link EpaymentFaults.Faults}
   * @param untrustedReceiptKey see {@link EpaymentFaults.Faults}
   */
  public record FaultsRequest(
      String mode,
      Boolean duplicateNotifications,
      Long notificationDelayMillis,
      Boolean wrongAmount,
      Boolean outOfOrder,
      Boolean down,
      Boolean tamperReceipt,
      Boolean untrustedReceiptKey) {}

  /**
   * A settlement file to write.
   *
   * @param date the day, {@code yyyy-MM-dd}; today (Bangkok) when absent
   * @param billerId 15-digit biller id
   * @param discrepancies amount_mismatch, unknown_reference, missing_at_bank, duplicate
   */
  public record SettlementRequest(String date, String billerId, List<String> discrepancies) {}

  /**
   * A transaction as the control API shows it (citizen id masked).
   *
   * @param transactionId the gateway's id
   * @param bankRef the payer bank's reference
   * @param billerId biller
   * @param ref1 reference 1
   * @param ref2 reference 2
   * @param amount paid amount
   * @param paidAt when
   * @param payer the persona
   * @param payerCitizenId masked citizen id
   * @param receiptUrl where its e-Receipt is
   */
  public record TransactionView(
      String transactionId,
      String bankRef,
      String billerId,
      String ref1,
      String ref2,
      String amount,
      String paidAt,
      String payer,
      String payerCitizenId,
      String receiptUrl) {}

  @PostMapping("/payments")
  public ResponseEntity<PaymentGateway.PaymentResult> pay(
      @RequestBody PaymentGateway.PaymentRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED).body(gateway.pay(request));
  }

  @GetMapping("/transactions")
  public List<TransactionView> transactions() {
    return transactions.all().stream()
        .map(
            t ->
                new TransactionView(
                    t.transactionId(),
                    t.bankRef(),
                    t.billerId(),
                    t.ref1(),
                    t.ref2(),
                    t.amountText(),
                    t.paidAt().toString(),
                    t.payer().persona(),
                    t.payer().maskedCitizenId(),
                    gateway.receiptUrl(t)))
        .toList();
  }

  @GetMapping("/faults")
  public EpaymentFaults.Faults faults() {
    return faults.current();
  }

  @PostMapping("/faults")
  public EpaymentFaults.Faults setFaults(@RequestBody FaultsRequest request) {
    if (request.mode() != null) {
      if (!"none".equalsIgnoreCase(request.mode().strip())) {
        throw new SandboxException(
            HttpStatus.BAD_REQUEST,
            "fault_mode_unknown",
            "mode may only be none; set the e-Payment faults with their flags");
      }
      faults.clear();
      log.info("e-Payment faults cleared");
      return faults.current();
    }
    long delay = request.notificationDelayMillis() == null ? 0 : request.notificationDelayMillis();
    if (delay < 0 || delay > properties.maxNotificationDelay().toMillis()) {
      throw new SandboxException(
          HttpStatus.BAD_REQUEST,
          "fault_delay_too_long",
          "notificationDelayMillis must be 0 to " + properties.maxNotificationDelay().toMillis());
    }
    EpaymentFaults.Faults set =
        new EpaymentFaults.Faults(
            on(request.duplicateNotifications()),
            delay,
            on(request.wrongAmount()),
            on(request.outOfOrder()),
            on(request.down()),
            on(request.tamperReceipt()),
            on(request.untrustedReceiptKey()));
    faults.set(set);
    log.info("e-Payment faults set: {}", set);
    return set;
  }

  /** Notifications sent to the hub, oldest first; a duplicate appears twice. */
  @GetMapping("/notifications")
  public List<NotificationLog.Delivery> notifications() {
    return notificationLog.all();
  }

  @DeleteMapping("/notifications")
  public ResponseEntity<Void> clearNotifications() {
    notificationLog.clear();
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/settlements")
  public ResponseEntity<Settlements.SettlementResult> settle(
      @RequestBody SettlementRequest request) {
    LocalDate date;
    try {
      date = request.date() == null ? settlements.today() : LocalDate.parse(request.date());
    } catch (DateTimeParseException e) {
      throw new SandboxException(HttpStatus.BAD_REQUEST, "date_invalid", "date must be yyyy-MM-dd");
    }
    if (!BillPaymentQr.isBillerId(request.billerId())) {
      throw new SandboxException(
          HttpStatus.BAD_REQUEST, "biller_id_invalid", "billerId must be 15 digits");
    }
    Set<Settlements.Discrepancy> wanted = EnumSet.noneOf(Settlements.Discrepancy.class);
    if (request.discrepancies() != null) {
      for (String name : request.discrepancies()) {
        wanted.add(
            Settlements.Discrepancy.parse(name)
                .orElseThrow(
                    () ->
                        new SandboxException(
                            HttpStatus.BAD_REQUEST,
                            "discrepancy_unknown",
                            "discrepancies may be amount_mismatch, unknown_reference,"
                                + " missing_at_bank, duplicate")));
      }
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(settlements.settle(date, request.billerId(), wanted));
  }

  /** Everything back to the start: no faults, no transactions, receipts or notifications. */
  @PostMapping("/reset")
  public ResponseEntity<Void> reset() {
    faults.clear();
    transactions.clear();
    receipts.clear();
    notificationLog.clear();
    log.info("e-Payment simulator reset");
    return ResponseEntity.noContent().build();
  }

  private static boolean on(Boolean flag) {
    return Boolean.TRUE.equals(flag);
  }
}
