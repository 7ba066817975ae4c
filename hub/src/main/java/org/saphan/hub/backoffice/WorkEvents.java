package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.saphan.catalog.Catalog;
import org.saphan.hub.outbox.Outbox;
import org.saphan.hub.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work the back office hands to its model-4 route: a row in {@code bo_event} and, in the same
 * transaction, an outbox row on the card's back-office queue (the outbox relay publishes it). The
 * route's bean handles each event once; a sweep puts back on the queue what was not handled in
 * time, so nothing is lost when the broker gave up on a message.
 */
public class WorkEvents {

  /** Tell officers (or admins) about something. */
  public static final String NOTIFY = "notify";

  /** Escalate an SLA breach. */
  public static final String ESCALATION = "escalation";

  /** Issue the case's digital licence. */
  public static final String LICENCE = "licence";

  /** What the intake queues for a new application (opens the case). */
  public static final String DELIVERY = "delivery";

  /** A paid fee, from e-Payment (outbox kind {@code payment}): settle the case's fee step. */
  public static final String PAYMENT = "payment";

  /** The kinds the model-4 route knows. */
  public static final List<String> KINDS = List.of(DELIVERY, NOTIFY, ESCALATION, LICENCE, PAYMENT);

  /** Attempts after which the sweep stops putting an event back (an operator must look). */
  static final int MAX_ATTEMPTS = 20;

  /** One piece of work. */
  public record Event(
      UUID id, String applicationId, String connector, String kind, JsonNode payload) {}

  private static final Logger log = LoggerFactory.getLogger(WorkEvents.class);
  private static final ObjectMapper JSON = Json.strict();

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final Catalog catalog;
  private final TransactionTemplate transactions;
  private final TransactionTemplate separate;

  public WorkEvents(
      JdbcClient jdbc, Outbox outbox, Catalog catalog, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.catalog = catalog;
    this.transactions = transactions;
    this.separate = new TransactionTemplate(transactions.getTransactionManager());
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Queues work (inside the caller's transaction); the payload must hold no personal data. */
  public UUID enqueue(
      String applicationId, String connector, String kind, Map<String, Object> payload) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into bo_event (id, application_id, connector, kind, payload)"
                + " values (?, ?, ?, ?, cast(? as jsonb))")
        .params(id, applicationId, connector, kind, JSON.valueToTree(payload).toString())
        .update();
    outbox.enqueue(applicationId, catalog.get(connector).model(), connector, id.toString(), kind);
    return id;
  }

  /**
   * Handles an event once: runs {@code work} in a transaction that also marks it handled. A failure
   * is counted and thrown on (the broker redelivers; the sweep puts it back later).
   *
   * @return false when the event is unknown or already handled
   */
  public boolean handle(UUID id, Consumer<Event> work) {
    try {
      Boolean handled =
          transactions.execute(
              tx -> {
                Optional<Event> event =
                    jdbc.sql(
                            "select id, application_id, connector, kind, payload from bo_event"
                                + " where id = ? and handled_at is null for update skip locked")
                        .param(id)
                        .query(
                            (rs, row) ->
                                new Event(
                                    rs.getObject("id", UUID.class),
                                    rs.getString("application_id"),
                                    rs.getString("connector"),
                                    rs.getString("kind"),
                                    CaseStore.json(rs.getString("payload"))))
                        .optional();
                if (event.isEmpty()) {
                  return false;
                }
                work.accept(event.get());
                jdbc.sql(
                        "update bo_event set handled_at = now(), attempts = attempts + 1"
                            + " where id = ?")
                    .param(id)
                    .update();
                return true;
              });
      return Boolean.TRUE.equals(handled);
    } catch (RuntimeException e) {
      separate.executeWithoutResult(
          tx ->
              jdbc.sql("update bo_event set attempts = attempts + 1, last_error = ? where id = ?")
                  .params(String.valueOf(e.getMessage()), id)
                  .update());
      throw e;
    }
  }

  /**
   * Puts back on the outbox what was not handled within {@code after}: events, and model-4
   * applications whose case never opened.
   *
   * @return how many were put back
   */
  public int sweep(Instant now, Duration after) {
    Instant before = now.minus(after);
    Integer requeued =
        transactions.execute(
            tx -> {
              List<Map<String, Object>> events =
                  jdbc.sql(
                          "select id, application_id, connector, kind from bo_event"
                              + " where handled_at is null and queued_at < ? and attempts < ?"
                              + " order by queued_at limit 200 for update skip locked")
                      .params(Timestamp.from(before), MAX_ATTEMPTS)
                      .query()
                      .listOfRows();
              for (Map<String, Object> e : events) {
                String connector = (String) e.get("connector");
                if (catalog.find(connector).isEmpty()) {
                  continue;
                }
                outbox.enqueue(
                    (String) e.get("application_id"),
                    catalog.get(connector).model(),
                    connector,
                    e.get("id").toString(),
                    (String) e.get("kind"));
                jdbc.sql("update bo_event set queued_at = ? where id = ?")
                    .params(Timestamp.from(now), e.get("id"))
                    .update();
              }
              List<Map<String, Object>> unopened =
                  jdbc.sql(
                          "select a.id, a.message_id, a.connector from application a"
                              + " where a.model = 4 and a.status = 'submitted'"
                              + " and a.submitted_at < ?"
                              + " and not exists (select 1 from bo_case c"
                              + " where c.application_id = a.id)"
                              + " and not exists (select 1 from outbox o where o.application_id ="
                              + " a.id and o.kind = 'delivery' and (o.published_at is null"
                              + " or o.published_at >= ?))"
                              + " order by a.submitted_at limit 200")
                      .params(Timestamp.from(before), Timestamp.from(before))
                      .query()
                      .listOfRows();
              for (Map<String, Object> a : unopened) {
                String connector = (String) a.get("connector");
                if (catalog.find(connector).isEmpty()) {
                  continue;
                }
                outbox.enqueue(
                    (String) a.get("id"),
                    catalog.get(connector).model(),
                    connector,
                    a.get("message_id").toString(),
                    DELIVERY);
              }
              return events.size() + unopened.size();
            });
    if (requeued != null && requeued > 0) {
      log.warn(
          "Back-office sweep put {} unhandled work items back on the queue (route paused or"
              + " failing?)",
          requeued);
    }
    return requeued == null ? 0 : requeued;
  }

  /** Unhandled events, for operators. */
  public List<Map<String, Object>> unhandled(int limit) {
    return jdbc.sql(
            "select id, application_id, connector, kind, created_at, queued_at, attempts,"
                + " last_error from bo_event where handled_at is null order by created_at limit ?")
        .param(limit)
        .query()
        .listOfRows();
  }
}
