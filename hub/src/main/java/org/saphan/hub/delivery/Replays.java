package org.saphan.hub.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.saphan.catalog.Catalog;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators' replays of dead letters: the delivery goes out again with the SAME message id (the
 * agency recognises a repeat), through the outbox like any delivery; bulk replays run as tracked
 * tasks.
 *
 * <p>A bulk replay tags its letters with its task id when it starts and works through them in id
 * order, recording after each letter the last id it processed and a heartbeat. A task whose node
 * stopped heart-beating (it died, or lost the database) is taken over by another node's {@link
 * #resumeStale()} (scheduled, once per cluster) and continues after its last processed letter.
 */
public class Replays {

  private static final Logger log = LoggerFactory.getLogger(Replays.class);

  private final DeadLetters deadLetters;
  private final ApplicationStore store;
  private final Outbox outbox;
  private final Catalog catalog;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final String nodeName;
  private final Duration heartbeatTimeout;
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
      Outbox outbox,
      Catalog catalog,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Clock clock,
      String nodeName,
      Duration heartbeatTimeout) {
    this.deadLetters = deadLetters;
    this.store = store;
    this.outbox = outbox;
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.nodeName = nodeName;
    this.heartbeatTimeout = heartbeatTimeout;
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
          outbox.enqueue(
              application.id(),
              catalog.get(application.connector()).model(),
              application.connector(),
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
    Timestamp now = Timestamp.from(clock.instant());
    Long task =
        transactions.execute(
            tx -> {
              long id =
                  jdbc.sql(
                          "insert into replay_task (requested_by, criteria, total, node_name,"
                              + " heartbeat_at) values (?, cast(? as jsonb), ?, ?, ?)"
                              + " returning id")
                      .params(requestedBy, json(filter), letters.size(), nodeName, now)
                      .query(Long.class)
                      .single();
              jdbc.sql(
                      "update dead_letter set replay_task_id = ? where state = 'open'"
                          + " and id = any(cast(? as bigint[]))")
                  .params(
                      id,
                      letters.stream()
                          .map(l -> Long.toString(l.id()))
                          .collect(Collectors.joining(",", "{", "}")))
                  .update();
              return id;
            });
    List<Long> ids = letters.stream().map(DeadLetters.Letter::id).sorted().toList();
    worker.execute(() -> work(task, ids));
    return task;
  }

  /**
   * Takes over every running bulk replay whose node has not sent a heartbeat for longer than the
   * timeout, and continues each after its last processed letter (on this node's replay worker).
   *
   * @return the ids of the tasks taken over
   */
  public List<Long> resumeStale() {
    Instant now = clock.instant();
    List<Map<String, Object>> stale =
        jdbc.sql(
                "select id, heartbeat_at, last_processed_id from replay_task where state ="
                    + " 'running' and (heartbeat_at is null or heartbeat_at < ?) order by id")
            .param(Timestamp.from(now.minus(heartbeatTimeout)))
            .query()
            .listOfRows();
    List<Long> resumed = new java.util.ArrayList<>();
    for (Map<String, Object> row : stale) {
      long task = ((Number) row.get("id")).longValue();
      // Compare-and-set on the heartbeat seen: of two nodes resuming at once, one wins.
      int claimed =
          jdbc.sql(
                  "update replay_task set node_name = ?, heartbeat_at = ? where id = ? and state ="
                      + " 'running' and heartbeat_at is not distinct from ?")
              .params(nodeName, Timestamp.from(now), task, row.get("heartbeat_at"))
              .update();
      if (claimed != 1) {
        continue;
      }
      long after = ((Number) row.get("last_processed_id")).longValue();
      List<Long> ids =
          jdbc.sql(
                  "select id from dead_letter where replay_task_id = ? and id > ? and state ="
                      + " 'open' order by id")
              .params(task, after)
              .query(Long.class)
              .list();
      // Letters the dead node had already queued (replaying) count as done: they are delivered.
      int queued =
          jdbc.sql(
                  "update replay_task set done = done + (select count(*) from dead_letter where"
                      + " replay_task_id = ? and id > ? and state <> 'open') where id = ?")
              .params(task, after, task)
              .update();
      log.warn(
          "Bulk replay {} stopped heart-beating; node {} resumes it after letter {} ({} letters"
              + " left{})",
          task,
          nodeName,
          after,
          ids.size(),
          queued == 1 ? "" : ", progress not updated");
      resumed.add(task);
      worker.execute(() -> work(task, ids));
    }
    return resumed;
  }

  /**
   * Replays the letters in id order, heart-beating after each; stops when another node took over.
   */
  private void work(long task, List<Long> letters) {
    for (long id : letters.stream().sorted(Comparator.naturalOrder()).toList()) {
      String outcome = "done";
      try {
        replay(id, task);
      } catch (RuntimeException e) {
        log.warn("Bulk replay {}: letter {} not replayed: {}", task, id, e.getMessage());
        outcome = "failed";
      }
      int mine =
          jdbc.sql(
                  "update replay_task set "
                      + outcome
                      + " = "
                      + outcome
                      + " + 1, last_processed_id = ?, heartbeat_at = ? where id = ? and node_name"
                      + " = ?")
              .params(id, Timestamp.from(clock.instant()), task, nodeName)
              .update();
      if (mine == 0) {
        log.warn("Bulk replay {} was taken over by another node; {} stops", task, nodeName);
        return;
      }
    }
    jdbc.sql(
            "update replay_task set state = 'finished', finished_at = ?, heartbeat_at = ? where id"
                + " = ? and node_name = ?")
        .params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), task, nodeName)
        .update();
  }

  /** A replay task's progress. */
  public Map<String, Object> task(long id) {
    return jdbc
        .sql(
            "select id, requested_by, criteria::text as criteria, total, done, failed, state,"
                + " created_at, finished_at, node_name, heartbeat_at, last_processed_id"
                + " from replay_task where id = ?")
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
