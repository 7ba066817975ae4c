package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.common.Zones;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.outbox.Outbox;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.Authorisation;
import org.saphan.hub.services.ServiceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intake of an application (models 3 and 4): idempotency, form schema, consent gate, GDX pre-fill
 * (all of it or a refusal), the agency request schema where the card declares one, then, in one
 * transaction, the application, its first timeline entry and its outbox row. The broker is the
 * transport; PostgreSQL is the truth (no XA).
 */
public class ApplicationIntake {

  /** Thai time, in which applications are numbered and dated. */

  /** Shape of an acceptable Idempotency-Key. */
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

  private static final Logger log = LoggerFactory.getLogger(ApplicationIntake.class);
  private static final ObjectMapper JSON = Json.strict();
  private static final ObjectMapper CANONICAL = Json.canonical();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** What the citizen (or officer) gets back: the answer and whether it was a replay. */
  public record Accepted(int status, JsonNode body, boolean replayed) {}

  private final ServiceDirectory services;
  private final FormValidator forms;
  private final ConsentGate gate;
  private final Prefill prefill;
  private final ApplicationStore store;
  private final Outbox outbox;
  private final IdempotencyStore idempotency;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Clock clock;
  private final AsyncCommit commits;

  public ApplicationIntake(
      ServiceDirectory services,
      FormValidator forms,
      ConsentGate gate,
      Prefill prefill,
      ApplicationStore store,
      Outbox outbox,
      IdempotencyStore idempotency,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Clock clock,
      AsyncCommit commits) {
    this.services = services;
    this.forms = forms;
    this.gate = gate;
    this.prefill = prefill;
    this.store = store;
    this.outbox = outbox;
    this.idempotency = idempotency;
    this.transactions = transactions;
    this.meters = meters;
    this.clock = clock;
    this.commits = commits;
  }

  /**
   * Takes an application in.
   *
   * @param request {@code {serviceId, form, documents, applicant}} as the portal sends it
   */
  public Accepted submit(Caller caller, String idempotencyKey, JsonNode request) {
    caller.requireCitizen();
    if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
      throw SaphanException.validation(
          idempotencyKey == null ? ErrorCode.MISSING_HEADER : ErrorCode.VALIDATION_FAILED,
          "Idempotency-Key is required: 8 to 128 characters of A-Z a-z 0-9 . _ : -");
    }
    String scope = "citizen:" + caller.citizenId();
    String hash = Digests.sha256(canonical(request));
    Optional<IdempotencyStore.Answer> earlier = idempotency.claim(scope, idempotencyKey, hash);
    if (earlier.isPresent()) {
      meters.counter("saphan.applications.replayed").increment();
      return new Accepted(earlier.get().status(), earlier.get().body(), true);
    }
    try {
      return accept(caller, scope, idempotencyKey, request);
    } catch (RuntimeException e) {
      idempotency.release(scope, idempotencyKey);
      throw e;
    }
  }

  private Accepted accept(Caller caller, String scope, String key, JsonNode request) {
    String serviceId = text(request.path("serviceId"));
    if (serviceId == null) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "serviceId is required");
    }
    ConnectorCard card = services.cardOf(serviceId, IntegrationModel.THREE, IntegrationModel.FOUR);
    // Before the form and consent: a citizen sent to step up should not fix a form first.
    caller.requireIal(card.minimumIal().orElse(null));
    JsonNode form = request.path("form");
    forms.validate(card, form.isMissingNode() ? null : form, request.path("applicant"));
    List<String> shared = card.consent().map(c -> c.dataCategories().shared()).orElse(List.of());
    // The consent decisions and GDX reads are audited without waiting for the disk: the
    // application's transaction below commits durably and flushes them with it.
    ConsentGate.Decision sharing =
        commits.followedByDurableCommit(
            () ->
                gate.require(caller.citizenId(), card, ConsentGate.Use.SHARE_WITH_AGENCY, shared));
    // Every pre-filled category or a refusal: a delivery without them is one the agency refuses
    // (issue 12: the province was missing and the citizen saw "rejected").
    Prefill.Result prefilled =
        commits.followedByDurableCommit(() -> prefill.readAll(caller.citizenId(), card));
    // Kept with the application: every delivery and payment notice carries it, signed.
    Authorisation authorisation =
        sharing.authorisation() != null ? sharing.authorisation() : ConsentGate.cardBasis(card);

    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String id = newId(now);
    UUID messageId = UUID.randomUUID();
    ObjectNode body = JSON.createObjectNode();
    body.put("applicationId", id);
    body.put("messageId", messageId.toString());
    body.put("serviceId", services.idOf(serviceId));
    body.put("connector", card.name());
    body.put("submittedAt", OffsetDateTime.ofInstant(now, Zones.BANGKOK).toString());
    body.set(
        "applicant",
        Prefill.applicant(
            caller.citizenId(), caller.claims(), request.path("applicant"), prefilled.fields()));
    body.set("form", form.isMissingNode() ? JSON.createObjectNode() : form);
    body.set("documents", documents(request.path("documents")));
    forms.validateAgencyRequest(card, body);
    ObjectNode prefillRecord = JSON.createObjectNode();
    prefillRecord.set("categories", JSON.valueToTree(prefilled.categories()));
    prefillRecord.set("provenance", prefilled.provenance());
    prefillRecord.set("missingCategories", JSON.valueToTree(prefilled.missingCategories()));

    Application application =
        new Application(
            id,
            messageId,
            services.idOf(serviceId),
            card.name(),
            card.model(),
            card.agencyCode(),
            caller.citizenId(),
            CanonicalStatus.SUBMITTED,
            body,
            prefillRecord,
            null,
            now,
            now,
            now,
            0,
            authorisation);
    ObjectNode answer = JSON.createObjectNode();
    answer.put("applicationId", id);
    answer.put("status", CanonicalStatus.SUBMITTED.wire());
    answer.put("submittedAt", now.toString());
    answer.put("statusUrl", "/api/v1/applications/" + id);
    transactions.executeWithoutResult(
        tx -> {
          store.insert(application);
          // the GDX reads behind the pre-fill, in the message log with what they filled in
          prefill.recordReads(prefilled, id);
          store.appendStatus(
              id,
              CanonicalStatus.SUBMITTED,
              "citizen",
              null,
              now,
              null,
              "submitted on the portal",
              null);
          outbox.enqueue(id, card.model(), card.name(), messageId.toString(), "delivery");
          idempotency.complete(scope, key, id, 202, answer);
        });
    meters.counter("saphan.applications.accepted", "connector", card.name()).increment();
    log.info(
        "Application {} accepted for {} from citizen {}",
        id,
        card.name(),
        caller.maskedCitizenId());
    return new Accepted(202, answer, false);
  }

  /**
   * The document references of a request ({@code [{id, type, name, sha256}]}), checked as at
   * intake; an absent list gives an empty one. For later submissions (a citizen's correction).
   */
  public static ArrayNode documentsOf(JsonNode given) {
    return documents(given);
  }

  private static ArrayNode documents(JsonNode given) {
    ArrayNode out = JSON.createArrayNode();
    if (!given.isArray()) {
      return out;
    }
    if (given.size() > 20) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "at most 20 documents");
    }
    for (JsonNode d : given) {
      if (!d.path("id").isTextual() || !d.path("type").isTextual()) {
        throw SaphanException.validation(
            ErrorCode.VALIDATION_FAILED, "each document needs an id and a type");
      }
      ObjectNode doc = out.addObject();
      doc.put("id", d.path("id").asText());
      doc.put("type", d.path("type").asText());
      if (d.path("name").isTextual()) {
        doc.put("name", d.path("name").asText());
      }
      if (d.path("sha256").isTextual()) {
        doc.put("sha256", d.path("sha256").asText());
      }
    }
    return out;
  }

  private static String newId(Instant now) {
    StringBuilder id =
        new StringBuilder("APP-").append(DAY.format(now.atZone(Zones.BANGKOK))).append('-');
    for (int i = 0; i < 8; i++) {
      id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return id.toString();
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  private static byte[] canonical(JsonNode request) {
    try {
      return CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(request, Object.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw SaphanException.validation(ErrorCode.MALFORMED_JSON, "request is not JSON");
    }
  }
}
