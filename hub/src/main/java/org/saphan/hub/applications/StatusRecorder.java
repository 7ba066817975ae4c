package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.hub.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a status on an application's timeline and, in the same transaction, the event that tells
 * the portal (sent later, signed and retried, by {@link PortalNotifier}). A status message that
 * arrives twice is recorded once.
 */
public class StatusRecorder {

  private static final ObjectMapper JSON = Json.strict();

  private final ApplicationStore store;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;

  public StatusRecorder(
      ApplicationStore store,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      MeterRegistry meters) {
    this.store = store;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.meters = meters;
  }

  /**
   * Records a status (in a transaction of its own, or the caller's).
   *
   * @return false when this status message was already recorded
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
    Boolean recorded =
        transactions.execute(
            tx -> {
              if (!store.appendStatus(
                  application.id(),
                  status,
                  source,
                  agencyStatusCode,
                  occurredAt,
                  messageId,
                  note,
                  detail)) {
                return false;
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
              return true;
            });
    if (Boolean.TRUE.equals(recorded)) {
      meters
          .counter(
              "saphan.applications.status",
              "connector",
              application.connector(),
              "status",
              status.wire())
          .increment();
    }
    return Boolean.TRUE.equals(recorded);
  }
}
