package org.saphan.hub.applications;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.saphan.catalog.Catalog;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators' replays of dead letters: the delivery goes out again with the SAME message id (the
 * agency recognises a repeat), through the outbox like any delivery; bulk replays run as tracked
 * tasks.
 */
public class Replays {

  private static final Logger log = LoggerFactory.getLogger(Replays.class);

  private final DeadLetters deadLetters;
  private final ApplicationStore store;
  private final Catalog catalog;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "saphan-replay");
            thread.setDaemon(true);
            return thread;
          });

  public Replays(
      DeadLetters deadLetters,
      ApplicationStore store,
      Catalog catalog,
      JdbcClient jdbc,
      TransactionTemplate transactions) {
    this.deadLetters = deadLetters;
    this.store = store;
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Replays one dead letter.
   *
   * @throws SaphanException {@code not_found} for an unknown letter, {@code replay_not_open} when
   *     it is not open (already replayed or being replayed)
   */
  public DeadLetters.Letter replay(long id, Long taskId) {
    DeadLetters.Letter letter =
        deadLetters
            .find(id)
            .orElseThrow(
                () -> SaphanException.validation(ErrorCode.NOT_FOUND, "no dead letter " + id));
    Application application = store.get(letter.applicationId());
    transactions.executeWithoutResult(
        tx -> {
          if (!deadLetters.markReplaying(id, taskId)) {
            throw SaphanException.business(
                ErrorCode.REPLAY_NOT_OPEN,
                "dead letter " + id + " is " + letter.state() + ", not open",
                Map.of("state", letter.state()));
          }
          deadLetters.resetAttempts(letter.messageId());
          store.enqueue(
              application.id(),
              application.connector(),
              ApplicationIntake.destinationOf(catalog.get(application.connector())),
              letter.messageId(),
              // A payment notice is replayed as one; an application as a replayed delivery.
              "payment".equals(letter.kind()) ? "payment" : "replay");
        });
    log.info(
        "Dead letter {} ({} of {}) replayed with message id {}",
        id,
        application.id(),
        application.connector(),
        letter.messageId());
    return deadLetters.find(id).orElseThrow();
  }

  /** Starts a bulk replay of the open letters matching a filter; returns the task id. */
  public long replayAll(DeadLetters.Filter filter, String requestedBy) {
    List<DeadLetters.Letter> letters =
        deadLetters.list(
            new DeadLetters.Filter(
                filter.connector(), filter.causeCode(), filter.from(), filter.to(), "open"),
            10_000);
    long task =
        jdbc.sql(
                "insert into replay_task (requested_by, filter, total) values (?, cast(? as jsonb), ?)"
                    + " returning id")
            .params(requestedBy, json(filter), letters.size())
            .query(Long.class)
            .single();
    worker.execute(
        () -> {
          for (DeadLetters.Letter letter : letters) {
            try {
              replay(letter.id(), task);
              jdbc.sql("update replay_task set done = done + 1 where id = ?").param(task).update();
            } catch (RuntimeException e) {
              log.warn(
                  "Bulk replay {}: letter {} not replayed: {}", task, letter.id(), e.getMessage());
              jdbc.sql("update replay_task set failed = failed + 1 where id = ?")
                  .param(task)
                  .update();
            }
          }
          jdbc.sql("update replay_task set state = 'finished', finished_at = now() where id = ?")
              .param(task)
              .update();
        });
    return task;
  }

  /** A replay task's progress. */
  public Map<String, Object> task(long id) {
    return jdbc
        .sql(
            "select id, requested_by, filter::text filter, total, done, failed, state, created_at,"
                + " finished_at from replay_task where id = ?")
        .param(id)
        .query()
        .listOfRows()
        .stream()
        .findFirst()
        .orElseThrow(() -> SaphanException.validation(ErrorCode.NOT_FOUND, "no replay task " + id));
  }

  private static String json(DeadLetters.Filter filter) {
    try {
      return org.saphan.hub.platform.Json.strict()
          .findAndRegisterModules()
          .writeValueAsString(filter);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
