package org.saphan.hub.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.mapping.MappingException;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.KeyIds;
import org.saphan.hub.security.PartyTrusts;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.security.Trust;
import org.saphan.hub.security.VerificationRules;
import org.saphan.hub.security.VerifiedSignature;
import org.saphan.hub.security.VerifiedXml;
import org.saphan.hub.security.XmlDocuments;
import org.saphan.hub.security.XmlDsigVerifier;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Status messages from agencies, by REST callback, SOAP report, polling or result file line:
 * verified (the agency's signature with the key its card registers; replays refused), mapped
 * through the card's status mapping and status-code table, and recorded once on the timeline, in
 * the order they happened.
 */
public class AgencyStatusIntake {

  private static final ObjectMapper JSON = Json.strict();

  private final Catalog catalog;
  private final ApplicationStore store;
  private final StatusRecorder statuses;
  private final Evidence evidence;
  private final MappingRunner mappings;
  private final Signing signing;
  private final PartyTrusts trusts;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public AgencyStatusIntake(
      Catalog catalog,
      ApplicationStore store,
      StatusRecorder statuses,
      Evidence evidence,
      MappingRunner mappings,
      Signing signing,
      PartyTrusts trusts,
      TransactionTemplate transactions,
      Clock clock) {
    this.catalog = catalog;
    this.store = store;
    this.statuses = statuses;
    this.evidence = evidence;
    this.mappings = mappings;
    this.signing = signing;
    this.trusts = trusts;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * What a status message did.
   *
   * @param result whether it was recorded, a duplicate, a repeat of the current status, or (polls
   *     only: callbacks and SOAP reports are refused with {@code status_transition_refused}) a
   *     regression kept only as evidence
   */
  public record Outcome(
      String applicationId, CanonicalStatus status, StatusRecorder.Result result) {

    /** Whether the message is now on the timeline. */
    public boolean recorded() {
      return result == StatusRecorder.Result.RECORDED;
    }
  }

  /**
   * A REST status callback: {@code POST /agency/v1/applications/{id}/status}.
   *
   * @param body the exact bytes received
   * @param detachedSignature the {@code X-JWS-Signature} header, or null
   * @param headerMessageId the {@code X-Message-Id} header, or null
   */
  public Outcome callback(
      String applicationId, byte[] body, String detachedSignature, String headerMessageId) {
    Application application = store.get(applicationId);
    ConnectorCard card = catalog.get(application.connector());
    if (detachedSignature == null || detachedSignature.isBlank()) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_MISSING, "status callbacks must carry an X-JWS-Signature");
    }
    Trust trust = trustOf(card);
    refuseOtherAgencies(card, KeyIds.ofJws(detachedSignature));
    VerifiedSignature verified =
        signing
            .verifier(SigningPolicy.JWS)
            .verify(
                body,
                detachedSignature.getBytes(StandardCharsets.US_ASCII),
                VerificationRules.of(SigningPolicy.JWS, "agency:" + card.name(), trust));
    JsonNode message;
    try {
      message = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw SaphanException.validation(ErrorCode.MALFORMED_JSON, "callback body is not JSON");
    }
    if (message == null || !message.isObject()) {
      throw SaphanException.validation(
          ErrorCode.MALFORMED_JSON, "callback body is not a JSON object");
    }
    String messageId =
        message.path("messageId").isTextual()
            ? message.path("messageId").asText()
            : headerMessageId;
    if (messageId == null || messageId.isBlank()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "a status message needs a messageId (body or X-Message-Id)");
    }
    JsonNode update = map(card, MappingInput.json(message));
    Received received =
        new Received(
            "status_callback", body, Digests.sha256(body), detachedSignature, verified.kid());
    return record(application, card, update, messageId, "callback", received, null, true);
  }

  /**
   * A SOAP status report ({@code POST /agency/soap/v1/status}, WSDL {@code
   * wsdl/SaphanAgencyStatus.wsdl}): the SOAP envelope is parsed with the hardened parser, its
   * body's single {@code StatusReport} verified as an enveloped XML-DSig document against the key
   * the application's card registers, checked for freshness ({@code SentAt}) and replay (the same
   * signature twice), and the agency's own status message inside it mapped by the card's {@code
   * status} mapping, as a polled answer is. Nothing is stored before all of this has passed.
   *
   * @param envelope the exact bytes received
   */
  public Outcome soapReport(byte[] envelope) {
    Element report = SoapStatusReport.reportOf(XmlDocuments.parse(envelope));
    // Read the application id unverified only to find whose key must have signed.
    String claimedId = SoapStatusReport.text(report, "ApplicationId");
    Application application = store.get(claimedId);
    ConnectorCard card = catalog.get(application.connector());
    Trust trust = trustOf(card);
    Document standalone = SoapStatusReport.standalone(report);
    refuseOtherAgencies(card, SoapStatusReport.signerKid(standalone));
    VerificationRules rules =
        VerificationRules.of(SigningPolicy.XMLDSIG, "agency:" + card.name(), trust);
    VerifiedXml verified =
        ((XmlDsigVerifier) signing.verifier(SigningPolicy.XMLDSIG))
            .verifyDocument(XmlDocuments.serialize(standalone), rules);
    // From here on only the verified document is read.
    SoapStatusReport signed = SoapStatusReport.read(verified.document().getDocumentElement());
    if (!signed.applicationId().equals(application.id())) {
      throw SaphanException.validation(
          ErrorCode.SIGNATURE_WRAPPING, "the signed report is not the one the envelope names");
    }
    Instant now = clock.instant();
    if (signed.sentAt().isAfter(now.plus(rules.maxClockSkew()))
        || signed.sentAt().isBefore(now.minus(rules.maxAge()).minus(rules.maxClockSkew()))) {
      throw SaphanException.validation(
          ErrorCode.CLOCK_SKEW,
          "SentAt "
              + signed.sentAt()
              + " is outside the hub's window (now "
              + now
              + ", "
              + rules.maxAge().toMinutes()
              + " min old at most, "
              + rules.maxClockSkew().toSeconds()
              + " s skew)");
    }
    signing
        .replayGuard()
        .checkAndRemember(
            rules.issuer(),
            "xmldsig:" + SoapStatusReport.signatureDigest(verified.document()),
            signed.sentAt().plus(rules.maxAge()).plus(rules.maxClockSkew()));
    JsonNode update = map(card, MappingInput.xml(signed.status()));
    String kid = verified.signature().kid();
    Received received =
        new Received("status_report", envelope, Digests.sha256(envelope), "xmldsig:" + kid, kid);
    return record(application, card, update, signed.messageId(), "soap", received, null, true);
  }

  /**
   * A polled status answer (already verified by transport); the reference is the one asked. A
   * regression is recorded as evidence and not applied (the outcome says so), not thrown: the
   * agency is not told, and the next poll asks again.
   */
  public Outcome polled(
      Application application,
      ConnectorCard card,
      AgencyStatusQuery.Exchange exchange,
      boolean xml) {
    String answer = exchange.report();
    JsonNode update = map(card, xml ? MappingInput.xml(answer) : MappingInput.json(answer));
    String code = update.path("agencyStatusCode").asText("");
    String changed = update.path("changedAt").asText("");
    // the exact bytes of the answer when its transport kept them, else the report's text
    byte[] bytes =
        exchange.reportWire() != null
            ? exchange.reportWire()
            : answer.getBytes(StandardCharsets.UTF_8);
    Received received = new Received("status_poll", bytes, Digests.sha256(bytes), null, null);
    Sent question =
        new Sent(exchange.requestSha256(), exchange.requestSignature(), exchange.requestKid());
    return record(
        application,
        card,
        update,
        "poll:" + code + ":" + changed,
        "poll",
        received,
        question,
        false);
  }

  /**
   * One detail line of a batch agency's result file, already verified with its file (the file's CMS
   * signature): its fields by name mapped through the card's status mapping and recorded like a
   * polled answer (a regression is kept as evidence, not thrown). The caller's transaction, when
   * there is one, commits the status with the line's own record.
   *
   * @param fields the line's fields by name
   * @param messageId the line's identity, the same at every re-run (file and line number)
   * @param line the exact bytes of the line
   * @param fileSignature the file's signature as the message log names it
   * @param kid the key that signed the file
   * @throws SaphanException when the line does not map, names another application or has a status
   *     code the card does not know (nothing recorded)
   */
  public Outcome batchLine(
      Application application,
      ConnectorCard card,
      JsonNode fields,
      String messageId,
      byte[] line,
      String fileSignature,
      String kid) {
    JsonNode update = map(card, MappingInput.json(fields));
    Received received =
        new Received("status_batch", line, Digests.sha256(line), fileSignature, kid);
    return record(application, card, update, messageId, "batch", received, null, false);
  }

  private Outcome record(
      Application application,
      ConnectorCard card,
      JsonNode update,
      String messageId,
      String via,
      Received received,
      Sent question,
      boolean refuseRegression) {
    String mappedId = update.path("applicationId").asText(null);
    if (mappedId != null && !mappedId.equals(application.id())) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "the message is about application " + mappedId + ", not " + application.id());
    }
    String code = update.path("agencyStatusCode").asText(null);
    CanonicalStatus status =
        code == null
            ? null
            : card.canonicalStatus(code)
                .orElseThrow(
                    () ->
                        SaphanException.business(
                            ErrorCode.STATUS_UNKNOWN,
                            "agency status code '"
                                + code
                                + "' is not in "
                                + card.name()
                                + "'s api.statusCodes",
                            Map.of("agencyStatusCode", code)));
    if (status == null) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "the status mapping gave no agencyStatusCode");
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(update.path("changedAt").asText()).toInstant();
    } catch (RuntimeException e) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "the status mapping gave no valid changedAt");
    }
    // An agency's clock (often to the second) must not put its status before what the hub itself
    // recorded (submission, delivery); among the agency's own messages its timestamps decide.
    Instant hubLast = store.lastHubEventAt(application.id());
    if (hubLast != null && !at.isAfter(hubLast)) {
      at = hubLast.plusMillis(1);
    }
    String reference = update.path("agencyReference").asText(null);
    Instant occurredAt = at;
    // The message's record commits with the status it sets (or with nothing, when refused).
    StatusRecorder.Result result =
        transactions.execute(
            tx -> {
              if (reference != null) {
                store.setAgencyReference(application.id(), reference);
              }
              StatusRecorder.Result applied =
                  statuses.apply(
                      application,
                      status,
                      "agency",
                      code,
                      occurredAt,
                      messageId,
                      update.path("message").asText(null),
                      update);
              if (question != null) {
                // the signed question of a poll, out, beside its answer (one commit for both)
                evidence.record(
                    Evidence.entry("status_" + via + "_request")
                        .application(application.id())
                        .message(messageId)
                        .outcome("sent")
                        .exchange(received.exchange(), "out")
                        .card(card)
                        .sha256(question.sha256())
                        .signature(question.signature(), question.kid())
                        .agencyReference(application.agencyReference()));
              }
              evidence.record(
                  Evidence.entry("status_" + via)
                      .application(application.id())
                      .message(messageId)
                      .outcome(applied.name().toLowerCase(java.util.Locale.ROOT))
                      .exchange(received.exchange(), "in")
                      .card(card)
                      .sha256(received.sha256())
                      .body(received.bytes(), application.citizenId())
                      .signature(received.signature(), received.kid())
                      .agencyReference(reference)
                      .detail(update));
              return applied;
            });
    if (result == StatusRecorder.Result.REFUSED && refuseRegression) {
      Application current = store.get(application.id());
      throw SaphanException.business(
          ErrorCode.STATUS_TRANSITION_REFUSED,
          "application "
              + application.id()
              + " is "
              + current.status().wire()
              + ": '"
              + status.wire()
              + "' may not follow it (a status moves forward, or ends in rejected or"
              + " cancelled); the message is kept as evidence",
          Map.of("currentStatus", current.status().wire(), "reportedStatus", status.wire()));
    }
    return new Outcome(application.id(), status, result);
  }

  /**
   * What the hub received, for the message log.
   *
   * @param exchange {@code status_callback}, {@code status_report} or {@code status_poll}
   * @param sha256 SHA-256 of the exact bytes received (a poll: of the answer as its transport
   *     returned it, UTF-8)
   * @param signature the detached JWS, or {@code xmldsig:<kid>} when it is inside the body
   */
  /** What came in: its exact bytes (kept where the card keeps bodies), their hash, signature. */
  private record Received(
      String exchange, byte[] bytes, String sha256, String signature, String kid) {}

  /**
   * What the hub sent to ask (a poll), for the message log.
   *
   * @param sha256 SHA-256 of the exact bytes sent (for SOAP the whole envelope)
   * @param signature its signature as the message log names it, or null
   * @param kid the key that signed it, or null
   */
  private record Sent(String sha256, String signature, String kid) {}

  /**
   * A callback signed with a key that another card registers is another agency reporting on an
   * application that is not theirs: refused as forbidden, not merely unverifiable.
   */
  private Trust trustOf(ConnectorCard card) {
    return trusts
        .of(card)
        .orElseThrow(
            () ->
                SaphanException.business(
                    ErrorCode.FORBIDDEN,
                    "connector "
                        + card.name()
                        + " registers no agency key (api.trust): it cannot report status",
                    Map.of()));
  }

  private void refuseOtherAgencies(ConnectorCard card, String kid) {
    if (kid == null || trusts.pinnedKid(card).map(kid::equals).orElse(false)) {
      return;
    }
    for (ConnectorCard other : catalog.cards()) {
      if (!other.name().equals(card.name())
          && !other.agencyCode().equals(card.agencyCode())
          && trusts.pinnedKid(other).map(kid::equals).orElse(false)) {
        throw SaphanException.business(
            ErrorCode.FORBIDDEN,
            "agency "
                + other.agencyCode()
                + " may not report on an application of agency "
                + card.agencyCode(),
            Map.of("agency", other.agencyCode()));
      }
    }
  }

  private JsonNode map(ConnectorCard card, MappingInput input) {
    Path file =
        card.mappingFile(MappingKey.STATUS)
            .orElseThrow(
                () ->
                    SaphanException.business(
                        ErrorCode.FORBIDDEN, card.name() + " has no status mapping", Map.of()));
    try {
      return mappings.run(file, input).json();
    } catch (MappingException | IllegalStateException e) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "the status message does not map: " + e.getMessage());
    }
  }
}
