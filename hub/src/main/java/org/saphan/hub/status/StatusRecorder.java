package org.saphan.hub.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.StatusTransitions;
import org.saphan.catalog.StatusTransitions.Transition;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a status on an application's timeline and, in the same transaction, the event that tells
 * the portal (sent later, signed and retried, by {@link PortalNotifier}). A status message that
 * arrives twice is recorded once.
 *
 * <p>Every path that records a status (agency callbacks, SOAP reports, polls, the hub's own
 * delivery, payments, the back office) comes through here, so {@link StatusTransitions} is applied
 * here: a repeat of the current status records nothing, a regression is refused and kept only as
 * evidence ({@code status_refused}). Back-office (model 4) applications are the one exception to "a
 * repeat records nothing": their case engine writes progress notes (a step done, the next step)
 * under the same status, and those are timeline entries the citizen reads.
 */
public class StatusRecorder {

  private static final ObjectMapper JSON = Json.strict();
  private static final Logger log = LoggerFactory.getLogger(StatusRecorder.class);

  /** What recording a status did. */
  public enum Result {
    /** On the timeline, the portal told. */
    RECORDED,
    /** This status message was already recorded. */
    DUPLICATE,
    /** The application already has this status: nothing recorded, nothing told. */
    REPEAT,
    /** Not a transition the table allows: only evidence is recorded. */
    REFUSED
  }

  private final ApplicationStore store;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Evidence evidence;

  public StatusRecorder(
      ApplicationStore store,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      MeterRegistry meters,
      Evidence evidence) {
    this.store = store;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.meters = meters;
    this.evidence = evidence;
  }

  /**
   * Records a status (in a transaction of its own, or the caller's).
   *
   * @return false when nothing was recorded on the timeline (a duplicate, a repeat or a refusal)
   */
  public boolean record(
      Application application,
      CanonicalStatus status,
      String source,
      String agencyStatusCode,
      Instant occurredAt,
      String messageId,
      String note,
      JsonNode detail) {
    return apply(application, status, source, agencyStatusCode, occurredAt, messageId, note, detail)
        == Result.RECORDED;
  }

  /**
   * Records a status if the transition table allows it (in a transaction of its own, or the
   * caller's); a refusal is recorded as evidence, in the same transaction.
   */
  public Result apply(
      Application application,
      CanonicalStatus status,
      String source,
      String agencyStatusCode,
      Instant occurredAt,
      String messageId,
      String note,
      JsonNode detail) {
    Result result =
        transactions.execute(
            tx -> {
              if (messageId != null && store.hasStatusMessage(application.id(), messageId)) {
                return Result.DUPLICATE;
              }
              CanonicalStatus current = store.lockStatus(application.id());
              Transition transition = StatusTransitions.of(current, status);
              if (transition == Transition.REFUSED) {
                refuse(application, current, status, source, agencyStatusCode, messageId, note);
                return Result.REFUSED;
              }
              if (transition == Transition.REPEAT && application.model() != 4) {
                return Result.REPEAT;
              }
              if (!store.appendStatus(
                  application.id(),
                  status,
                  source,
                  agencyStatusCode,
                  occurredAt,
                  messageId,
                  note,
                  detail)) {
                return Result.DUPLICATE;
              }
              ObjectNode event = JSON.createObjectNode();
              UUID eventId = UUID.randomUUID();
              event.put("eventId", eventId.toString());
              event.put("type", "application.status");
              event.put("applicationId", application.id());
              event.put("serviceId", application.serviceId());
              event.put("connector", application.connector());
              event.put("status", status.wire());
              event.put("occurredAt", occurredAt.toString());
              event.put("source", source);
              if (agencyStatusCode != null) {
                event.put("agencyStatusCode", agencyStatusCode);
              }
              if (note != null) {
                event.put("message", note);
              }
              if (detail != null && detail.has("amount")) {
                event.set("amount", detail.get("amount"));
              }
              jdbc.sql(
                      "insert into portal_event (event_id, application_id, status, occurred_at,"
                          + " payload) values (?, ?, ?, ?, cast(? as jsonb))")
                  .params(
                      eventId,
                      application.id(),
                      status.wire(),
                      Timestamp.from(occurredAt),
                      event.toString())
                  .update();
              return Result.RECORDED;
            });
    if (result == Result.RECORDED) {
      meters
          .counter(
              "saphan.applications.status",
              "connector",
              application.connector(),
              "status",
              status.wire())
          .increment();
    } else if (result == Result.REFUSED) {
      meters
          .counter(
              "saphan.applications.status.refused",
              "connector",
              application.connector(),
              "source",
              source)
          .increment();
    }
    return result;
  }

  /** Keeps a refused status as evidence, once per status message. */
  private void refuse(
      Application application,
      CanonicalStatus current,
      CanonicalStatus status,
      String source,
      String agencyStatusCode,
      String messageId,
      String note) {
    log.warn(
        "Status {} from {} refused for application {}: it is {} and may not move back",
        status.wire(),
        source,
        application.id(),
        current.wire());
    if (messageId != null && evidence.has(application.id(), messageId, "status_refused")) {
      return;
    }
    ObjectNode detail = JSON.createObjectNode();
    detail.put("current", current.wire());
    detail.put("reported", status.wire());
    detail.put("source", source);
    if (agencyStatusCode != null) {
      detail.put("agencyStatusCode", agencyStatusCode);
    }
    if (note != null) {
      detail.put("message", note);
    }
    evidence.record(
        Evidence.entry("status_refused")
            .application(application.id())
            .message(messageId)
            .outcome(current.wire() + "->" + status.wire())
            // what another party reported came in; the hub's own (back office) went nowhere
            .exchange("status", "agency".equals(source) || "payment".equals(source) ? "in" : null)
            .connector(application.connector())
            .detail(detail));
  }
}
