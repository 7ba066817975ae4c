package org.saphan.sandbox.agency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.nimbusds.jose.JWSAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.saphan.sandbox.ThaiCitizenId;
import org.saphan.sandbox.common.DetachedJws;
import org.saphan.sandbox.common.HubTrust;
import org.saphan.sandbox.common.PartyKey;
import org.saphan.sandbox.common.PartyKeys;
import org.saphan.sandbox.common.ReplayStore;
import org.saphan.sandbox.common.SignatureRejectedException;
import org.saphan.sandbox.web.FaultSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every synchronous, signed check agency does the same way (docs/agency/checks.md): the rule
 * order (the fault's refusal, the hub's detached JWS verified through its JWKS, the strict body,
 * {@code X-Message-Id} = {@code requestId}, each {@code requestId} once within {@link
 * CheckAgencyProperties.Check#duplicateWindow()}), the answer {@code {requestId, citizenId, <the
 * agency's members>, checkedAt, validUntil}} signed by the agency's party (detached JWS, ES256,
 * {@code kid} the RFC 7638 thumbprint), the {@link CheckFault}s applied to it, and the log the
 * control API lists. An agency only says how it reads its question ({@link Reader}) and what it
 * answers ({@link Verdicts}): {@link LedRegister#agency}, {@link RtpTicketBook#agency}.
 *
 * <p>Hot path per check: one verification against the cached hub JWKS, one strict JSON parse, one
 * replay-store insert, one ES256 signature; no lock.
 *
 * @param <Q> the agency's question
 */
public final class SignedCheckAgency<Q extends SignedCheckAgency.Question> {

  static final String INVALID_REQUEST = "invalid_request";
  static final String SIGNATURE_INVALID = "signature_invalid";
  static final String DUPLICATE_REQUEST = "duplicate_request";
  static final String UNAVAILABLE = "service_unavailable";
  static final String INTERNAL_ERROR = "internal_error";
  static final String SIGNING_KEY_UNAVAILABLE = "signing_key_unavailable";

  /** Size of an {@code oversized} answer: over the 1 MiB a receiver should take. */
  static final int OVERSIZED_BYTES = 1024 * 1024 + 1024;

  /** What the check log says of a signature that was verified. */
  static final String VERIFIED = "verified";

  private static final Logger log = LoggerFactory.getLogger(SignedCheckAgency.class);

  /** What the rules need of a question once read. */
  public interface Question {
    /** The hub's request id, a UUID. */
    String requestId();

    /** The citizen asked about, a valid id. */
    String citizenId();
  }

  /**
   * What every check agency stands on.
   *
   * @param hubTrust the hub's JWKS
   * @param keys the party keys (the agency's signing key)
   * @param json the JSON configuration
   * @param clock the sandbox's clock
   */
  public record Infrastructure(HubTrust hubTrust, PartyKeys keys, ObjectMapper json, Clock clock) {

    public Infrastructure {
      Objects.requireNonNull(hubTrust, "hubTrust");
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(json, "json");
      Objects.requireNonNull(clock, "clock");
    }
  }

  /**
   * How an agency reads its question.
   *
   * @param <Q> the question
   */
  @FunctionalInterface
  public interface Reader<Q> {
    /**
     * @param requests {@link CheckRequests#reader}
     * @param contentType the {@code Content-Type} header
     * @param body the exact body bytes (the hub's signature verified)
     * @throws CheckRequests.InvalidRequestException for anything but the contract's JSON
     */
    Q read(ObjectReader requests, String contentType, byte[] body);
  }

  /**
   * What an agency answers to a question it took.
   *
   * @param <Q> the question
   */
  @FunctionalInterface
  public interface Verdicts<Q> {
    Answer answer(Q question);
  }

  /**
   * The agency's answer to one question, before it is framed and signed.
   *
   * @param status what the log lists as answered, e.g. {@code NOT_BANKRUPT}
   * @param members the answer's members between {@code citizenId} and {@code checkedAt}, in order
   */
  public record Answer(String status, Map<String, Object> members) {}

  /**
   * A refusal: the contract's {@code code} and a message without personal data.
   *
   * @param code e.g. {@code invalid_request}
   * @param message why
   */
  public record Refusal(String code, String message) {}

  /**
   * What to answer one check with.
   *
   * @param status the HTTP status
   * @param body the answer's exact bytes (null for a refusal)
   * @param signature the {@code X-JWS-Signature} value, or null for none
   * @param refusal the refusal when the check is not answered, else null
   * @param delayMillis how long to hold the answer back ({@code slow})
   */
  public record Reply(
      int status, byte[] body, String signature, Refusal refusal, long delayMillis) {}

  /**
   * One check received, as the control API lists it.
   *
   * @param receivedAt when it arrived (ISO-8601, UTC)
   * @param requestId its request id (the body's, else a well-formed {@code X-Message-Id}, else
   *     null)
   * @param citizenId the citizen id, masked
   * @param signature {@code verified}, why the hub's signature was refused (e.g. {@code
   *     bad_signature}), or null when not checked
   * @param httpStatus the HTTP status answered
   * @param status the verdict answered ({@code NOT_BANKRUPT}, ...) or the refusal's code
   * @param fault the fault in force ({@code none}, {@code tampered}, ...)
   */
  public record CheckRecord(
      String receivedAt,
      String requestId,
      String citizenId,
      String signature,
      int httpStatus,
      String status,
      String fault) {}

  /** What is known of a check so far, for the check log. */
  private record Seen(
      Instant at, CheckFault fault, String requestId, String citizenId, String signature) {

    Seen signature(String verdict) {
      return new Seen(at, fault, requestId, citizenId, verdict);
    }

    Seen request(Question request) {
      return new Seen(at, fault, request.requestId(), request.citizenId(), signature);
    }
  }

  private final String agency;
  private final Reader<Q> reader;
  private final Verdicts<Q> verdicts;
  private final ObjectReader requests;
  private final String signingParty;
  private final Duration duplicateWindow;
  private final Duration answerValidity;
  private final int logSize;
  private final HubTrust hubTrust;
  private final PartyKeys keys;
  private final ObjectMapper json;
  private final Clock clock;
  private final ReplayStore requestIds;
  private final FaultSwitch<CheckFault> faults = new FaultSwitch<>(CheckFault.class);
  private final PrivateKey foreignKey;
  private final Deque<CheckRecord> checks = new ConcurrentLinkedDeque<>();
  private final AtomicInteger checkCount = new AtomicInteger();

  /**
   * @param agency the agency code in URLs and logs, e.g. {@code led}
   * @param answerValidity the contract's {@code validUntil - checkedAt}, unless the settings say
   * @param reader how the agency reads its question
   * @param verdicts what the agency answers
   * @param settings the agency's settings
   * @param infrastructure the hub's JWKS, the keys, the JSON configuration, the clock
   */
  public SignedCheckAgency(
      String agency,
      Duration answerValidity,
      Reader<Q> reader,
      Verdicts<Q> verdicts,
      CheckAgencyProperties.Check settings,
      Infrastructure infrastructure) {
    this.agency = Objects.requireNonNull(agency, "agency");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
    this.signingParty = settings.signingParty() == null ? agency : settings.signingParty();
    this.duplicateWindow = settings.duplicateWindow();
    this.answerValidity =
        settings.answerValidity() == null ? answerValidity : settings.answerValidity();
    this.logSize = settings.logSize();
    this.hubTrust = infrastructure.hubTrust();
    this.keys = infrastructure.keys();
    this.json = infrastructure.json();
    this.requests = CheckRequests.reader(json);
    this.clock = infrastructure.clock();
    this.requestIds = new ReplayStore(clock);
    this.foreignKey = throwAwayKey();
  }

  /** The agency code, e.g. {@code led}. */
  public String agency() {
    return agency;
  }

  public FaultSwitch<CheckFault> faults() {
    return faults;
  }

  /**
   * Answers one check.
   *
   * @param contentType the {@code Content-Type} header
   * @param messageId the {@code X-Message-Id} header
   * @param signature the {@code X-JWS-Signature} header
   * @param body the exact body bytes
   */
  public Reply check(String contentType, String messageId, String signature, byte[] body) {
    FaultSwitch.Active<CheckFault> fault = faults.current();
    Instant now = clock.instant();
    Seen seen =
        new Seen(
            now,
            fault.mode(),
            messageId != null && messageId.matches("[A-Za-z0-9-]{1,64}") ? messageId : null,
            null,
            null);
    if (fault.mode() == CheckFault.DOWN) {
      return refuse(seen, 503, UNAVAILABLE, agency + " is not available");
    }
    if (fault.mode() == CheckFault.ERROR) {
      return refuse(seen, 500, INTERNAL_ERROR, agency + " failed");
    }
    byte[] content = body == null ? new byte[0] : body;
    try {
      hubTrust.verifyDetached(content, signature);
    } catch (SignatureRejectedException e) {
      String reason = e.reason().code();
      return refuse(
          seen.signature(reason),
          401,
          SIGNATURE_INVALID,
          "the hub's signature is refused: " + reason);
    }
    seen = seen.signature(VERIFIED);
    Q request;
    try {
      request = reader.read(requests, contentType, content);
    } catch (CheckRequests.InvalidRequestException e) {
      return refuse(seen, 400, INVALID_REQUEST, e.getMessage());
    }
    seen = seen.request(request);
    if (!request.requestId().equals(messageId)) {
      return refuse(seen, 400, INVALID_REQUEST, "X-Message-Id must be the requestId");
    }
    if (!requestIds.firstUse(request.requestId(), now.plus(duplicateWindow))) {
      return refuse(seen, 409, DUPLICATE_REQUEST, "requestId already received");
    }
    Instant checkedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Answer verdict = verdicts.answer(request);
    Reply reply;
    try {
      reply = answer(request, verdict, checkedAt, fault);
    } catch (IllegalStateException e) {
      log.error("{} cannot sign its answer: {}", agency, e.getMessage());
      return refuse(seen, 503, SIGNING_KEY_UNAVAILABLE, agency + "'s signing key is not available");
    }
    record(seen, 200, verdict.status());
    return reply;
  }

  /** The checks received, oldest first. */
  public List<CheckRecord> checks() {
    return List.copyOf(checks);
  }

  /** Forgets the check log (control API, tests); request ids stay remembered. */
  public void clearChecks() {
    checks.clear();
    checkCount.set(0);
  }

  /** The signed answer, changed as the fault says. */
  private Reply answer(
      Q request, Answer verdict, Instant checkedAt, FaultSwitch.Active<CheckFault> fault) {
    Instant validUntil = checkedAt.plus(answerValidity);
    String requestId =
        fault.mode() == CheckFault.WRONG_REQUEST
            ? UUID.randomUUID().toString()
            : request.requestId();
    byte[] body = body(requestId, request.citizenId(), verdict, checkedAt, validUntil);
    if (fault.mode() == CheckFault.OVERSIZED) {
      body = padded(body);
    }
    PartyKey key = keys.get(signingParty);
    Instant now = clock.instant();
    String signature =
        switch (fault.mode()) {
          case UNSIGNED -> null;
          case FOREIGN_SIGNATURE ->
              DetachedJws.sign(
                  body, foreignKey, key.kid(), JWSAlgorithm.ES256, now, DetachedJws.newJti());
          default -> DetachedJws.sign(body, key, now);
        };
    if (fault.mode() == CheckFault.TAMPERED) {
      // Signed first, then the validity stretched: only the signature check can tell.
      body =
          body(
              requestId,
              request.citizenId(),
              verdict,
              checkedAt,
              validUntil.plus(30, ChronoUnit.DAYS));
    }
    long delay = fault.mode() == CheckFault.SLOW ? fault.delay().toMillis() : 0;
    return new Reply(200, body, signature, null, delay);
  }

  private byte[] body(
      String requestId, String citizenId, Answer verdict, Instant checkedAt, Instant validUntil) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("requestId", requestId);
    answer.put("citizenId", citizenId);
    answer.putAll(verdict.members());
    answer.put("checkedAt", DateTimeFormatter.ISO_INSTANT.format(checkedAt));
    answer.put("validUntil", DateTimeFormatter.ISO_INSTANT.format(validUntil));
    try {
      return json.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a " + agency + " answer", e);
    }
  }

  /** The same JSON with insignificant whitespace before its closing brace, to OVERSIZED_BYTES. */
  private static byte[] padded(byte[] body) {
    byte[] padded = new byte[Math.max(OVERSIZED_BYTES, body.length)];
    System.arraycopy(body, 0, padded, 0, body.length - 1);
    Arrays.fill(padded, body.length - 1, padded.length - 1, (byte) ' ');
    padded[padded.length - 1] = '}';
    return padded;
  }

  private Reply refuse(Seen seen, int status, String code, String message) {
    log.info(
        "{} check {} refused: {} {} ({})",
        agency,
        seen.requestId(),
        status,
        code,
        ThaiCitizenId.mask(seen.citizenId()));
    record(seen, status, code);
    return new Reply(status, null, null, new Refusal(code, message), 0);
  }

  private void record(Seen seen, int httpStatus, String status) {
    checks.addLast(
        new CheckRecord(
            DateTimeFormatter.ISO_INSTANT.format(seen.at()),
            seen.requestId(),
            ThaiCitizenId.mask(seen.citizenId()),
            seen.signature(),
            httpStatus,
            status,
            seen.fault().wireName()));
    if (checkCount.incrementAndGet() > logSize && checks.pollFirst() != null) {
      checkCount.decrementAndGet();
    }
  }

  /** The key of the {@code foreign-signature} fault: EC P-256 like the agencies', made at start. */
  private static PrivateKey throwAwayKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair().getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the throw-away signing key", e);
    }
  }
}
