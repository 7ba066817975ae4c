package org.saphan.hub.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.common.Zones;
import org.saphan.catalog.settings.PaymentSettings;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.applications.IdempotencyStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.payment.qr.ThaiQrBillPayment;
import org.saphan.hub.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates payment orders for applications that owe a fee: the amount the agency (or a back-office
 * officer) asked for with {@code payment_required}, else the card's default fee; a Thai QR bill
 * payment and a BOT counter barcode; an expiry. One order at a time waits for money per
 * application; creation is idempotent per {@code Idempotency-Key}.
 */
public class PaymentOrders {

  private static final Logger log = LoggerFactory.getLogger(PaymentOrders.class);
  private static final ObjectMapper JSON = Json.strict();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
  private static final Pattern QR_REFERENCE = Pattern.compile("[A-Z0-9]{1,20}");
  private static final char[] BASE32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<CanonicalStatus> CLOSED =
      EnumSet.of(
          CanonicalStatus.REJECTED,
          CanonicalStatus.CANCELLED,
          CanonicalStatus.FAILED,
          CanonicalStatus.COMPLETED);

  /** The answer to a create request. */
  public record Created(int status, JsonNode body, boolean replayed) {}

  /** The fee an application owes, and who set it. */
  public record Fee(BigDecimal amount, String source) {}

  private final ApplicationStore applications;
  private final PaymentLedger ledger;
  private final Catalog catalog;
  private final IdempotencyStore idempotency;
  private final Evidence evidence;
  private final TransactionTemplate transactions;
  private final PaymentProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  public PaymentOrders(
      ApplicationStore applications,
      PaymentLedger ledger,
      Catalog catalog,
      IdempotencyStore idempotency,
      Evidence evidence,
      TransactionTemplate transactions,
      PaymentProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.applications = applications;
    this.ledger = ledger;
    this.catalog = catalog;
    this.idempotency = idempotency;
    this.evidence = evidence;
    this.transactions = transactions;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Creates the payment order of a citizen's application, or answers with the order that already
   * waits for money (200).
   *
   * @throws SaphanException {@code application_not_found}, {@code payment_not_required}, {@code
   *     payment_already_paid}, idempotency and QR validation codes
   */
  public Created create(Caller caller, String applicationId, String idempotencyKey) {
    caller.requireCitizen();
    if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
      throw SaphanException.validation(
          idempotencyKey == null ? ErrorCode.MISSING_HEADER : ErrorCode.VALIDATION_FAILED,
          "Idempotency-Key is required: 8 to 128 characters of A-Z a-z 0-9 . _ : -");
    }
    Application application = applications.find(applicationId).orElse(null);
    if (application == null || !application.citizenId().equals(caller.citizenId())) {
      throw SaphanException.validation(
          ErrorCode.APPLICATION_NOT_FOUND, "no application " + applicationId);
    }
    String scope = "payment:citizen:" + caller.citizenId();
    Optional<IdempotencyStore.Answer> earlier =
        idempotency.claim(scope, idempotencyKey, Digests.sha256("payment:" + applicationId));
    if (earlier.isPresent()) {
      return new Created(earlier.get().status(), earlier.get().body(), true);
    }
    try {
      return createOrReturnOpen(application, scope, idempotencyKey);
    } catch (RuntimeException e) {
      idempotency.release(scope, idempotencyKey);
      throw e;
    }
  }

  private Created createOrReturnOpen(Application application, String scope, String key) {
    Optional<PaymentOrder> open = ledger.openOf(application.id());
    if (open.isPresent()) {
      JsonNode body = PaymentViews.order(open.get(), null);
      transactions.executeWithoutResult(
          tx -> idempotency.complete(scope, key, open.get().id(), 200, body));
      return new Created(200, body, false);
    }
    ConnectorCard card = catalog.get(application.connector());
    String billerId = card.payment().map(PaymentSettings::billerId).orElse(null);
    if (billerId == null) {
      throw SaphanException.business(
          ErrorCode.PAYMENT_NOT_REQUIRED,
          card.name() + " collects no fee through e-Payment (its card has no payment block)",
          Map.of());
    }
    List<PaymentOrder> orders = ledger.ofApplication(application.id());
    boolean paid = orders.stream().anyMatch(o -> o.status() == PaymentStatus.PAID);
    if (paid && application.status() != CanonicalStatus.PAYMENT_REQUIRED) {
      throw SaphanException.business(
          ErrorCode.PAYMENT_ALREADY_PAID,
          "the fee of application " + application.id() + " is already paid",
          Map.of());
    }
    if (CLOSED.contains(application.status())) {
      throw SaphanException.business(
          ErrorCode.PAYMENT_NOT_REQUIRED,
          "application " + application.id() + " is " + application.status().wire(),
          Map.of());
    }
    Fee fee =
        feeDue(application, applications.timeline(application.id()), card)
            .orElseThrow(
                () ->
                    SaphanException.business(
                        ErrorCode.PAYMENT_NOT_REQUIRED,
                        "no fee is due: the agency asked for none and "
                            + card.name()
                            + "'s default fee is 0",
                        Map.of()));
    for (int attempt = 1; ; attempt++) {
      PaymentOrder order = newOrder(application, billerId, fee);
      JsonNode body = PaymentViews.order(order, null);
      try {
        transactions.executeWithoutResult(
            tx -> {
              ledger.insert(order);
              idempotency.complete(scope, key, order.id(), 201, body);
              evidence.record(
                  Evidence.entry("payment_order")
                      .application(application.id())
                      .message(order.messageId().toString())
                      .outcome("created")
                      // the QR payload the citizen pays with, as the hub hands it out
                      .exchange("payment_order", "out")
                      .card(card)
                      .sha256(Digests.sha256(order.qrPayload()))
                      .detail(
                          Map.of(
                              "paymentId", order.id(),
                              "amount", order.amount().toPlainString(),
                              "amountSource", order.amountSource(),
                              "billerId", order.billerId())));
            });
      } catch (DuplicateKeyException e) {
        // A ref1 or order id taken in the meantime (random, so rare), or a parallel request that
        // opened an order for the same application: try again, which then answers with that one.
        if (attempt >= 3) {
          throw e;
        }
        Optional<PaymentOrder> raced = ledger.openOf(application.id());
        if (raced.isPresent()) {
          JsonNode racedBody = PaymentViews.order(raced.get(), null);
          transactions.executeWithoutResult(
              tx -> idempotency.complete(scope, key, raced.get().id(), 200, racedBody));
          return new Created(200, racedBody, false);
        }
        continue;
      }
      meters
          .counter("saphan.payment.orders", "connector", card.name(), "source", fee.source())
          .increment();
      log.info(
          "Payment order {} for application {}: {} THB ({})",
          order.id(),
          application.id(),
          order.amount().toPlainString(),
          fee.source());
      return new Created(201, body, false);
    }
  }

  /**
   * The fee an application owes: the amount of its latest {@code payment_required} status that
   * carries one (set by the agency, or by an officer in the back office), else the card's default
   * fee; empty when that is 0 or absent.
   */
  public static Optional<Fee> feeDue(
      Application application, List<ApplicationStore.TimelineEntry> timeline, ConnectorCard card) {
    for (int i = timeline.size() - 1; i >= 0; i--) {
      ApplicationStore.TimelineEntry entry = timeline.get(i);
      if (entry.status() != CanonicalStatus.PAYMENT_REQUIRED || entry.detail() == null) {
        continue;
      }
      JsonNode amount = entry.detail().path("amount");
      if (amount.isMissingNode() || amount.isNull() || amount.asText().isBlank()) {
        continue;
      }
      BigDecimal value;
      try {
        value = new BigDecimal(amount.asText().trim());
      } catch (NumberFormatException e) {
        throw SaphanException.validation(
            ErrorCode.PAYMENT_AMOUNT_INVALID,
            "the payment_required status carries an amount that is not a number");
      }
      if (value.signum() == 0) {
        return Optional.empty();
      }
      return Optional.of(new Fee(value, "agency".equals(entry.source()) ? "agency" : "officer"));
    }
    return card.payment()
        .map(payment -> payment.defaultFee().amount())
        .filter(amount -> amount.signum() > 0)
        .map(amount -> new Fee(amount, "card_default"));
  }

  private PaymentOrder newOrder(Application application, String billerId, Fee fee) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String day = DAY.format(now.atZone(Zones.BANGKOK));
    String ref1 = "PO" + day + random(10);
    String ref2 = shortForm(application.id());
    ThaiQrBillPayment qr =
        ThaiQrBillPayment.builder()
            .billerId(billerId)
            .ref1(ref1)
            .ref2(ref2)
            .amount(fee.amount())
            .build();
    return new PaymentOrder(
        "PAY-" + day + "-" + random(8),
        application.id(),
        application.connector(),
        application.model(),
        application.agency(),
        application.citizenId(),
        billerId,
        ref1,
        ref2,
        qr.amount().orElseThrow(),
        "THB",
        fee.source(),
        PaymentStatus.CREATED,
        qr.payload(),
        qr.botBarcode(),
        UUID.randomUUID(),
        now,
        now.plus(properties.getOrderTtl()),
        now,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The application id as a QR reference: {@code APP-20250314-ABCD2345} becomes {@code
   * APP20250314ABCD2345}; null when it does not fit the QR's A-Z0-9, 20-character rule.
   */
  static String shortForm(String applicationId) {
    String compact = applicationId.replace("-", "").toUpperCase(Locale.ROOT);
    return QR_REFERENCE.matcher(compact).matches() ? compact : null;
  }

  private static String random(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return out.toString();
  }
}
