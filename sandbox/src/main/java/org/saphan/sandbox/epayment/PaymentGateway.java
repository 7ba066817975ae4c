package org.saphan.sandbox.epayment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.saphan.sandbox.web.SandboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The central e-Payment gateway: takes a citizen's payment (from a Thai QR or biller id, ref1 and
 * amount), records it, issues the e-Receipt and notifies the hub, honouring the faults.
 */
public final class PaymentGateway {

  private static final Logger log = LoggerFactory.getLogger(PaymentGateway.class);

  /** The most a payment may be: 13 digits with 2 implied decimals in the settlement file. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999.99");

  private static final BigDecimal WRONG_AMOUNT_EXTRA = new BigDecimal("1.00");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  private final Payers payers;
  private final Transactions transactions;
  private final Receipts receipts;
  private final PaymentNotifier notifier;
  private final EpaymentFaults faults;
  private final EpaymentKeys keys;
  private final Supplier<String> publicBaseUrl;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  public PaymentGateway(
      Payers payers,
      Transactions transactions,
      Receipts receipts,
      PaymentNotifier notifier,
      EpaymentFaults faults,
      EpaymentKeys keys,
      Supplier<String> publicBaseUrl,
      Clock clock) {
    this.payers = payers;
    this.transactions = transactions;
    this.receipts = receipts;
    this.notifier = notifier;
    this.faults = faults;
    this.keys = keys;
    this.publicBaseUrl = publicBaseUrl;
    this.clock = clock;
  }

  /**
   * What the citizen's bank app sends: a QR payload, or biller id, references and amount.
   *
   * @param qrPayload the EMVCo payload; when present, billerId/ref1/ref2 are taken from it
   * @param payer the paying persona, e.g. {@code citizen-somchai}
   * @param billerId 15-digit biller id (without a QR)
   * @param ref1 reference 1 (without a QR)
   * @param ref2 reference 2 (without a QR), optional
   * @param amount amount in baht; required unless the QR carries one
   */
  public record PaymentRequest(
      String qrPayload,
      String payer,
      String billerId,
      String ref1,
      String ref2,
      BigDecimal amount) {}

  /**
   * The payment as taken.
   *
   * @param transactionId the gateway's id
   * @param bankRef the payer bank's reference
   * @param paidAt when (ISO-8601, Bangkok offset)
   * @param amount what was paid, 2 decimals
   */
  public record PaymentResult(String transactionId, String bankRef, String paidAt, String amount) {}

  /** Takes a payment. Refusals are {@link SandboxException}s (422 for a bad QR or payer). */
  public PaymentResult pay(PaymentRequest request) {
    EpaymentFaults.Faults fault = faults.current();
    if (fault.down()) {
      throw new SandboxException(
          HttpStatus.SERVICE_UNAVAILABLE, "epayment_down", "the e-Payment gateway is down");
    }
    BillPaymentQr bill = bill(request);
    Payer payer =
        payers
            .byPersona(request.payer())
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        "payer_unknown",
                        "payer must be one of the sandbox personas"));
    keys.epayment();
    BigDecimal amount = bill.amount();
    if (fault.wrongAmount()) {
      amount = amount.add(WRONG_AMOUNT_EXTRA);
    }
    OffsetDateTime paidAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    long seq = sequence.incrementAndGet();
    String day = DAY.format(paidAt);
    Transaction transaction =
        new Transaction(
            String.format(Locale.ROOT, "EP%s%06d", day, seq),
            String.format(Locale.ROOT, "%s%s%06d", payer.bankCode(), day, seq),
            bill.billerId(),
            bill.ref1(),
            bill.ref2(),
            amount,
            payer,
            paidAt);
    receipts.issue(transaction, fault);
    transactions.add(transaction);
    log.info(
        "payment {} of {} THB for ref1 {} by {}",
        transaction.transactionId(),
        transaction.amountText(),
        transaction.ref1(),
        payer.maskedCitizenId());
    notifier.send(
        notifications(transaction, fault), Duration.ofMillis(fault.notificationDelayMillis()));
    return new PaymentResult(
        transaction.transactionId(),
        transaction.bankRef(),
        paidAt.toString(),
        transaction.amountText());
  }

  /** The notifications of a payment in sending order, duplicates and late PENDING included. */
  List<PaymentNotification> notifications(Transaction t, EpaymentFaults.Faults fault) {
    List<PaymentNotification> base = new ArrayList<>();
    base.add(notification(t, "PAID", t.paidAt(), receiptUrl(t)));
    if (fault.outOfOrder()) {
      base.add(notification(t, "PENDING", t.paidAt().minusSeconds(1), null));
    }
    List<PaymentNotification> sent = new ArrayList<>();
    for (PaymentNotification n : base) {
      sent.add(n);
      if (fault.duplicateNotifications()) {
        sent.add(n);
      }
    }
    return sent;
  }

  /** Where the hub downloads the e-Receipt of a transaction. */
  public String receiptUrl(Transaction t) {
    return publicBaseUrl.get() + "/epayment/v1/receipts/" + t.transactionId();
  }

  private static PaymentNotification notification(
      Transaction t, String status, OffsetDateTime eventAt, String receiptUrl) {
    boolean paid = "PAID".equals(status);
    return new PaymentNotification(
        UUID.randomUUID().toString(),
        t.transactionId(),
        t.billerId(),
        t.ref1(),
        t.ref2(),
        t.amountText(),
        "THB",
        status,
        eventAt.toString(),
        paid ? t.paidAt().toString() : null,
        t.payer().bankCode(),
        t.bankRef(),
        receiptUrl);
  }

  private static BillPaymentQr bill(PaymentRequest request) {
    BillPaymentQr bill;
    if (request.qrPayload() != null && !request.qrPayload().isBlank()) {
      try {
        bill = BillPaymentQr.parse(request.qrPayload());
      } catch (QrException e) {
        throw new SandboxException(HttpStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage());
      }
    } else {
      if (!BillPaymentQr.isBillerId(request.billerId())) {
        throw invalid("biller_id_invalid", "billerId must be 15 digits");
      }
      if (!BillPaymentQr.isReference(request.ref1())) {
        throw invalid("ref1_invalid", "ref1 must be 1 to 20 printable characters");
      }
      if (request.ref2() != null && !BillPaymentQr.isReference(request.ref2())) {
        throw invalid("ref2_invalid", "ref2 must be 1 to 20 printable characters");
      }
      bill = new BillPaymentQr(request.billerId(), request.ref1(), request.ref2(), null);
    }
    BigDecimal amount = bill.amount() != null ? bill.amount() : request.amount();
    if (amount == null) {
      throw invalid("amount_missing", "amount is required when the QR carries none");
    }
    if (amount.signum() <= 0
        || amount.stripTrailingZeros().scale() > 2
        || amount.compareTo(MAX_AMOUNT) > 0) {
      throw invalid("amount_invalid", "amount must be more than 0, with at most 2 decimals");
    }
    return new BillPaymentQr(bill.billerId(), bill.ref1(), bill.ref2(), amount.setScale(2));
  }

  private static SandboxException invalid(String code, String message) {
    return new SandboxException(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
  }
}
