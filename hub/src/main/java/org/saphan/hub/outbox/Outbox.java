package org.saphan.hub.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one way to put work on the broker: a row in the outbox table, written inside the caller's
 * transaction (the intake's application, a back-office event, a paid order, a replayed dead
 * letter), that the {@link OutboxRelay} publishes to the connector's queue ({@link Queues}). The
 * broker is the transport; PostgreSQL is the truth (no XA).
 */
public class Outbox {

  private final JdbcClient jdbc;

  public Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Queues one message for a connector's route (inside the caller's transaction).
   *
   * @param model the connector's integration model, which names its queue ({@link Queues#of(int,
   *     String)})
   * @param messageId the message's stable id (the agency deduplicates on it)
   * @param kind what the route does with it: {@code delivery}, {@code replay}, {@code payment} or a
   *     back-office event kind
   */
  public void enqueue(
      String applicationId, int model, String connector, String messageId, String kind) {
    jdbc.sql(
            "insert into outbox (application_id, connector, destination, message_id, kind)"
                + " values (?, ?, ?, ?, ?)")
        .params(applicationId, connector, Queues.of(model, connector), messageId, kind)
        .update();
  }
}
