package org.saphan.hub.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.ClusterLeadership;
import org.saphan.hub.platform.RouteHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publishes the outbox to the broker, on one node of the cluster: a batch of rows goes out in one
 * JMS transaction, each with the broker's duplicate-detection id ({@code _AMQ_DUPL_ID} = the outbox
 * row), then the rows are marked published. A crash between the two publishes them again, and the
 * broker drops the copies.
 */
public class OutboxRelay {

  /** The broker's duplicate-detection property. */
  public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

  static final String JOB = "outbox-relay";
  static final int BATCH = 500;

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final JdbcClient jdbc;
  private final ConnectionFactory connections;
  private final ClusterLeadership leadership;
  private final Timer batches;
  private final MeterRegistry meters;
  private final AsyncCommit commits;

  public OutboxRelay(
      JdbcClient jdbc,
      ConnectionFactory connections,
      ClusterLeadership leadership,
      MeterRegistry meters,
      AsyncCommit commits) {
    this.jdbc = jdbc;
    this.commits = commits;
    this.connections = connections;
    this.leadership = leadership;
    this.meters = meters;
    this.batches = meters.timer("saphan.outbox.relay.batch");
  }

  /**
   * One relay tick: publishes until the outbox is empty (leader only; job {@code outbox-relay} of
   * {@code batch/schedules.yaml}).
   */
  public void tick() {
    if (!leadership.isLeader(JOB)) {
      return;
    }
    try {
      int published;
      do {
        published = relayBatch();
      } while (published == BATCH);
    } catch (RuntimeException e) {
      log.error(
          "Outbox relay failed: {}. Nothing is lost (rows stay unpublished and go out on the next"
              + " tick); check the broker (health 'jms') and the database.",
          SafeErrors.describe(e));
      meters.counter("saphan.outbox.relay.failures").increment();
    }
  }

  /** Publishes one batch; returns how many rows it published. */
  public int relayBatch() {
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select id, application_id, connector, destination, message_id, kind from outbox"
                    + " where published_at is null order by id limit ?")
            .param(BATCH)
            .query()
            .listOfRows();
    if (rows.isEmpty()) {
      return 0;
    }
    return batches.record(
        () -> {
          publish(rows);
          Long[] ids =
              rows.stream().map(r -> ((Number) r.get("id")).longValue()).toArray(Long[]::new);
          // Not waited for: lost in a crash, the rows are published again and the broker drops the
          // copies (duplicate detection on the outbox id).
          commits.run(
              () ->
                  jdbc.sql("update outbox set published_at = now() where id = any(?)")
                      .param(ids)
                      .update());
          meters.counter("saphan.outbox.published").increment(rows.size());
          return rows.size();
        });
  }

  private void publish(List<Map<String, Object>> rows) {
    try (Connection connection = connections.createConnection();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
      Map<String, MessageProducer> producers = new HashMap<>();
      for (Map<String, Object> row : rows) {
        String destination = (String) row.get("destination");
        MessageProducer producer =
            producers.computeIfAbsent(destination, d -> producer(session, d));
        TextMessage message =
            session.createTextMessage(
                "{\"applicationId\":\""
                    + row.get("application_id")
                    + "\",\"messageId\":\""
                    + row.get("message_id")
                    + "\",\"connector\":\""
                    + row.get("connector")
                    + "\",\"kind\":\""
                    + row.get("kind")
                    + "\"}");
        message.setStringProperty(DUPLICATE_ID, "outbox:" + row.get("id"));
        message.setStringProperty(RouteHeaders.CONNECTOR, (String) row.get("connector"));
        message.setJMSCorrelationID((String) row.get("message_id"));
        producer.send(message);
      }
      session.commit();
    } catch (JMSException e) {
      throw SaphanException.system(
          ErrorCode.SERVICE_UNAVAILABLE, "broker refused the outbox batch: " + e.getMessage(), e);
    }
  }

  private static MessageProducer producer(Session session, String destination) {
    try {
      MessageProducer producer = session.createProducer(session.createQueue(destination));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      return producer;
    } catch (JMSException e) {
      throw SaphanException.system(
          ErrorCode.SERVICE_UNAVAILABLE, "cannot publish to " + destination, e);
    }
  }
}
