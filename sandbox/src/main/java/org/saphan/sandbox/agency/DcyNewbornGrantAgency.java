package org.saphan.sandbox.agency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.saphan.sandbox.ThaiCitizenId;
import org.saphan.sandbox.common.HubAuthorisation;
import org.saphan.sandbox.common.HubTrust;
import org.saphan.sandbox.common.SignatureRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DCY newborn grant system (model 3, REST): takes the hub's signed deliveries, registers each
 * message id once, and reports status changes back to the hub by signed callbacks.
 *
 * <p>Hot path per delivery: one constant-time key compare, one signature verification against the
 * cached hub JWKS, one JSON parse, and a {@link ReceiptBook} arrival; no global lock.
 */
public class DcyNewbornGrantAgency {

  /** Agency code in control URLs and logs. */
  public static final String AGENCY = "dcy";

  static final String ACCEPTED = "0000";
  static final String ACCEPTED_DESC = "รับคำขอเรียบร้อย";
  static final String UNAUTHORISED = "E401";

  private static final Logger log = LoggerFactory.getLogger(DcyNewbornGrantAgency.class);

  /**
   * Auto-progress state.
   *
   * @param enabled whether new registrations get status 20 and then 40 by themselves
   * @param stepDelayMillis time before each of the two callbacks
   */
  public record AutoProgress(boolean enabled, long stepDelayMillis) {}

  private final DcyProperties properties;
  private final HubTrust hubTrust;
  private final StatusCallbackSender callbacks;
  private final ObjectMapper json;
  private final Clock clock;
  private final byte[] apiKey;
  private final FaultSwitch faults = new FaultSwitch(AGENCY, EnumSet.allOf(FaultMode.class));
  private final Map<String, DcyRegistration> registrations = new ConcurrentHashMap<>();
  private final ReceiptBook<DcyAnswer> receipts;
  private final ReceiptBook<DcyAnswer> payments;
  private final AtomicLong sequence = new AtomicLong();
  private volatile AutoProgress autoProgress;

  public DcyNewbornGrantAgency(
      DcyProperties properties,
      HubTrust hubTrust,
      StatusCallbackSender callbacks,
      ObjectMapper json,
      Clock clock) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.hubTrust = Objects.requireNonNull(hubTrust, "hubTrust");
    this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.apiKey = properties.apiKey().getBytes(StandardCharsets.UTF_8);
    this.receipts =
        new ReceiptBook<>(
            properties.maxReceipts(),
            evicted -> {
              String refNo = evicted.answer().refNo();
              if (refNo != null) {
                registrations.remove(refNo);
              }
            });
    this.payments = new ReceiptBook<>(properties.maxReceipts(), evicted -> {});
    this.autoProgress =
        new AutoProgress(
            properties.autoProgress().enabled(), properties.autoProgress().stepDelay().toMillis());
  }

  public FaultSwitch faults() {
    return faults;
  }

  /**
   * Handles one delivery (after the fault switch let it through).
   *
   * @param presentedKey the {@code X-Api-Key} header
   * @param signature the {@code X-JWS-Signature} header
   * @param messageId the {@code X-Message-Id} header
   * @param body the exact body bytes
   */
  public DcyAnswer deliver(String presentedKey, String signature, String messageId, byte[] body) {
    byte[] content = body == null ? new byte[0] : body;
    DcyAnswer refused =
        refusal(
            "delivery",
            presentedKey,
            signature,
            messageId,
            content,
            "ข้อมูลคำขอไม่ครบถ้วน: X-Message-Id");
    if (refused != null) {
      return refused;
    }
    Instant now = clock.instant();
    ReceiptBook.Arrival<DcyAnswer> arrival =
        receipts.arrive(messageId, now, content, id -> process(id, content, now));
    Receipt<DcyAnswer> receipt = arrival.receipt();
    log.info(
        "dcy receipt {} requestRef={} count={} status={} refNo={}",
        messageId,
        receipt.requestRef(),
        receipt.count(),
        receipt.answer().status(),
        receipt.answer().refNo());
    if (arrival.first() && receipt.answer().refNo() != null) {
      scheduleAutoProgress(receipt.answer().refNo());
    }
    return receipt.answer();
  }

  /**
   * What the hub's calls must all carry (API key, the hub's detached JWS over the exact body with
   * the authorisation in its protected header, a message id): the refusal when one is missing or
   * wrong, else null.
   */
  private DcyAnswer refusal(
      String what,
      String presentedKey,
      String signature,
      String messageId,
      byte[] content,
      String missingMessageId) {
    if (presentedKey == null
        || !MessageDigest.isEqual(apiKey, presentedKey.getBytes(StandardCharsets.UTF_8))) {
      log.warn("dcy {} refused: {} X-Api-Key", what, presentedKey == null ? "missing" : "wrong");
      return answer(401, UNAUTHORISED, "X-Api-Key ไม่ถูกต้อง (invalid api key)", null);
    }
    try {
      // A delivery and a payment notice share a citizen's data: the signature must say on what
      // authority (the consent record or the lawful basis), or DCY does not take it.
      HubAuthorisation.ofJws(hubTrust.verifyDetached(content, signature).authorisation());
    } catch (SignatureRejectedException e) {
      log.warn("dcy {} refused: signature {} ({})", what, e.reason().code(), e.getMessage());
      return answer(
          401, UNAUTHORISED, "ลายมือชื่อดิจิทัลไม่ถูกต้อง (" + e.reason().code() + ")", null);
    }
    if (messageId == null || messageId.isBlank() || messageId.length() > 128) {
      return answer(422, DcyApplicationValidator.INCOMPLETE, missingMessageId, null);
    }
    return null;
  }

  /** Sends a status callback for a registration ({@code copies} = 2 in duplicate mode). */
  public List<StatusCallbackSender.Callback> changeStatus(
      String refNo, DcyStatus status, String description) {
    DcyRegistration registration = registrations.get(refNo);
    if (registration == null) {
      throw new IllegalArgumentException("unknown refNo");
    }
    registration.status(status);
    int copies = faults.current().mode() == FaultMode.DUPLICATE_CALLBACK ? 2 : 1;
    return callbacks.send(
        registration,
        status,
        description == null || description.isBlank() ? status.description() : description,
        copies);
  }

  /**
   * A payment notice from the hub ({@code POST .../v1/payments}): the citizen paid a fee of a
   * registration. Authenticated as deliveries are (API key, the hub's detached JWS), recorded once
   * per {@code X-Message-Id} (a repeat gets the first answer); 404 for an unknown {@code refNo}.
   */
  public DcyAnswer pay(String presentedKey, String signature, String messageId, byte[] body) {
    byte[] content = body == null ? new byte[0] : body;
    DcyAnswer refused =
        refusal(
            "payment",
            presentedKey,
            signature,
            messageId,
            content,
            "ข้อมูลไม่ครบถ้วน: X-Message-Id");
    if (refused != null) {
      return refused;
    }
    Instant now = clock.instant();
    Receipt<DcyAnswer> receipt =
        payments.arrive(messageId, now, content, id -> recordPayment(id, content, now)).receipt();
    log.info(
        "dcy payment {} requestRef={} count={} status={}",
        messageId,
        receipt.requestRef(),
        receipt.count(),
        receipt.answer().status());
    return receipt.answer();
  }

  /** The payment notices received, oldest first. */
  public List<Receipt<DcyAnswer>> payments() {
    return payments.all();
  }

  private Receipt<DcyAnswer> recordPayment(String messageId, byte[] body, Instant now) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    String requestRef =
        root != null && root.path("requestRef").isTextual()
            ? root.path("requestRef").asText()
            : null;
    String refNo = root == null ? null : root.path("refNo").asText(null);
    boolean complete =
        root != null
            && refNo != null
            && root.path("paymentRef").isTextual()
            && root.path("amount").asText("").matches("[0-9]{1,9}\\.[0-9]{2}")
            && root.path("paidDate").asText("").matches("[0-9]{8}")
            && root.path("txnId").isTextual();
    if (!complete) {
      return new Receipt<>(
          messageId,
          requestRef,
          now,
          answer(
              422,
              DcyApplicationValidator.INCOMPLETE,
              "ข้อมูลการชำระเงินไม่ครบถ้วน (refNo, paymentRef, amount, paidDate, txnId)",
              null));
    }
    DcyRegistration registration = registrations.get(refNo);
    if (registration == null || !java.util.Objects.equals(registration.requestRef(), requestRef)) {
      return new Receipt<>(
          messageId, requestRef, now, answer(404, "E404", "ไม่พบคำขอ refNo " + refNo, null));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("refNo", refNo);
    data.put("paymentRef", root.path("paymentRef").asText());
    data.put("amount", root.path("amount").asText());
    data.put("recordDateTime", BuddhistEra.iso(BuddhistEra.inBangkok(now)));
    return new Receipt<>(
        messageId, requestRef, now, answer(200, ACCEPTED, "บันทึกการชำระเงินแล้ว", data));
  }

  public Optional<DcyRegistration> registration(String refNo) {
    return Optional.ofNullable(registrations.get(refNo));
  }

  public List<Receipt<DcyAnswer>> receipts() {
    return receipts.all();
  }

  /** Forgets every receipt and registration (control API, tests). */
  public void clear() {
    receipts.clear();
    payments.clear();
    registrations.clear();
  }

  public AutoProgress autoProgress() {
    return autoProgress;
  }

  public void autoProgress(AutoProgress next) {
    if (next.stepDelayMillis() < 0 || next.stepDelayMillis() > AgencyFault.MAX_DELAY_MILLIS) {
      throw new IllegalArgumentException(
          "stepDelayMillis must be 0.." + AgencyFault.MAX_DELAY_MILLIS);
    }
    autoProgress = next;
    log.info(
        "dcy auto-progress {} (step {} ms)", next.enabled() ? "on" : "off", next.stepDelayMillis());
  }

  public StatusCallbackSender callbacks() {
    return callbacks;
  }

  /** Runs once per message id: validates, then registers or refuses. */
  private Receipt<DcyAnswer> process(String messageId, byte[] body, Instant now) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    String requestRef =
        root != null && root.path("requestRef").isTextual()
            ? root.path("requestRef").asText()
            : null;
    Optional<DcyApplicationValidator.Refusal> refusal = DcyApplicationValidator.check(root);
    if (refusal.isPresent()) {
      log.info(
          "dcy refused {} requestRef={} child={}: {}",
          messageId,
          requestRef,
          ThaiCitizenId.mask(root == null ? null : root.path("child").path("pid").asText(null)),
          refusal.get().resultCode());
      return new Receipt<>(
          messageId,
          requestRef,
          now,
          answer(422, refusal.get().resultCode(), refusal.get().resultDesc(), null));
    }
    var thai = BuddhistEra.inBangkok(now);
    String refNo =
        "DCY-"
            + BuddhistEra.shortDate(thai)
            + "-"
            + String.format("%06d", sequence.incrementAndGet() % 1_000_000);
    registrations.put(refNo, new DcyRegistration(refNo, requestRef, messageId, now));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("refNo", refNo);
    data.put("statusCode", DcyStatus.RECEIVED.code());
    data.put("receiveDateTime", BuddhistEra.iso(thai));
    return new Receipt<>(messageId, requestRef, now, answer(202, ACCEPTED, ACCEPTED_DESC, data));
  }

  private void scheduleAutoProgress(String refNo) {
    AutoProgress progress = autoProgress;
    if (!progress.enabled()) {
      return;
    }
    Duration step = Duration.ofMillis(progress.stepDelayMillis());
    callbacks.later(
        step,
        () -> {
          progress(refNo, DcyStatus.IN_REVIEW);
          callbacks.later(step, () -> progress(refNo, DcyStatus.APPROVED));
        });
  }

  private void progress(String refNo, DcyStatus status) {
    try {
      changeStatus(refNo, status, null);
    } catch (RuntimeException e) {
      log.error("dcy auto-progress of {} to {} failed: {}", refNo, status.code(), e.getMessage());
    }
  }

  private DcyAnswer answer(int status, String code, String description, Map<String, Object> data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("resultCode", code);
    body.put("resultDesc", description);
    if (data != null) {
      body.put("data", data);
    }
    try {
      return new DcyAnswer(
          status, json.writeValueAsBytes(body), data == null ? null : (String) data.get("refNo"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a DCY answer", e);
    }
  }
}
