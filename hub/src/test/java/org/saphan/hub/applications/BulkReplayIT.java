package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.Catalog;
import org.saphan.hub.delivery.DeadLetters;
import org.saphan.hub.delivery.Replays;
import org.saphan.hub.outbox.Outbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk replays of dead letters (issue 12, item 10): the task is readable while and after it runs,
 * every application is delivered, and a task whose node stopped heart-beating is resumed by another
 * node after its last processed letter.
 */
class BulkReplayIT extends Model3TestSupport {

  private static final String CONNECTOR = "dcy-newborn-grant";

  @Autowired JdbcClient jdbc;
  @Autowired DeadLetters deadLetters;
  @Autowired ApplicationStore store;
  @Autowired Outbox outbox;
  @Autowired Catalog catalog;
  @Autowired TransactionTemplate transactions;

  @AfterEach
  void clearFaults() throws Exception {
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
  }

  @Test
  void shouldDeliverEveryApplicationWhenABulkReplayOfTheirDeadLettersRuns() throws Exception {
    // given: two applications DCY refused (422) until they became dead letters
    List<JsonNode> letters = deadLettered(2);
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
    // when: an operator replays the letters of that window in bulk
    HttpResponse<String> started =
        send(
            HttpRequest.newBuilder(
                    uri(
                        "/ops/v1/dead-letters/replay?connector="
                            + CONNECTOR
                            + "&cause=agency_rejected_request"
                            + window(letters)))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "operator");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    long task = JSON.readTree(started.body()).path("taskId").asLong();
    // then: the task can be read, and finishes with both letters done
    JsonNode finished = awaitFinished(task);
    assertThat(finished.path("total").asInt()).isEqualTo(2);
    assertThat(finished.path("done").asInt()).isEqualTo(2);
    assertThat(finished.path("failed").asInt()).isZero();
    assertThat(finished.path("criteria").asText()).contains("agency_rejected_request");
    // and both applications reach the agency
    for (JsonNode letter : letters) {
      awaitStatus(letter.path("applicationId").asText(), "received", Duration.ofSeconds(60));
    }
  }

  @Test
  void shouldResumeAfterTheLastProcessedLetterWhenTheTasksNodeStoppedHeartbeating()
      throws Exception {
    // given: three dead letters in a task that node "node-a" ran until letter 1, then died
    List<JsonNode> letters = deadLettered(3);
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\"}");
    Instant now = Instant.now();
    long first = letters.get(0).path("id").asLong();
    long task =
        jdbc.sql(
                "insert into replay_task (requested_by, criteria, total, done, node_name,"
                    + " heartbeat_at, last_processed_id) values ('x-test', '{}', 3, 1, 'node-a',"
                    + " ?, ?) returning id")
            .params(Timestamp.from(now.minusSeconds(60)), first)
            .query(Long.class)
            .single();
    for (JsonNode letter : letters) {
      jdbc.sql("update dead_letter set replay_task_id = ? where id = ?")
          .params(task, letter.path("id").asLong())
          .update();
    }
    // when: node "node-b" looks before the heartbeat timeout, then after it
    List<Long> early = nodeB(now).resumeStale();
    List<Long> late = nodeB(now.plus(Duration.ofMinutes(5))).resumeStale();
    // then: only the late look takes the task over, and it replays letters 2 and 3, not letter 1
    assertThat(early).doesNotContain(task);
    assertThat(late).contains(task);
    JsonNode finished = awaitFinished(task);
    assertThat(finished.path("node_name").asText()).isEqualTo("node-b");
    assertThat(finished.path("done").asInt()).isEqualTo(3);
    assertThat(finished.path("last_processed_id").asLong())
        .isEqualTo(letters.get(2).path("id").asLong());
    assertThat(deadLetters.find(first).orElseThrow().state()).isEqualTo("open");
    for (JsonNode letter : letters.subList(1, 3)) {
      awaitStatus(letter.path("applicationId").asText(), "received", Duration.ofSeconds(60));
    }
    assertThat(statusOf(letters.get(0).path("applicationId").asText())).isEqualTo("failed");
    // the test's own leftover: letter 1 is discarded, so no other bulk replay picks it up
    jdbc.sql("update dead_letter set state = 'discarded' where id = ?").param(first).update();
  }

  // --- helpers ---

  private Replays nodeB(Instant now) {
    return new Replays(
        deadLetters,
        store,
        outbox,
        catalog,
        jdbc,
        transactions,
        Clock.fixed(now, ZoneOffset.UTC),
        "node-b",
        Duration.ofMinutes(2));
  }

  /** Applications DCY refuses with 422 until each is a dead letter; the letters, oldest first. */
  private List<JsonNode> deadLettered(int count) throws Exception {
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"unprocessable\"}");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> accepted =
          apply("citizen-somchai", UUID.randomUUID().toString(), body());
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      ids.add(JSON.readTree(accepted.body()).path("applicationId").asText());
    }
    List<JsonNode> letters = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              letters.clear();
              JsonNode all =
                  JSON.readTree(
                      get("/ops/v1/dead-letters?connector=" + CONNECTOR, "operator").body());
              for (JsonNode letter : all) {
                if (ids.contains(letter.path("applicationId").asText())) {
                  letters.add(letter);
                }
              }
              assertThat(letters).hasSize(count);
            });
    letters.sort(java.util.Comparator.comparingLong(l -> l.path("id").asLong()));
    return letters;
  }

  /** A from/to window holding exactly these letters (other tests' letters stay out). */
  private static String window(List<JsonNode> letters) {
    Instant from = Instant.MAX;
    Instant to = Instant.MIN;
    for (JsonNode letter : letters) {
      Instant at = Instant.parse(letter.path("failedAt").asText());
      from = at.isBefore(from) ? at : from;
      to = at.isAfter(to) ? at : to;
    }
    return "&from="
        + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)
        + "&to="
        + URLEncoder.encode(to.plusMillis(1).toString(), StandardCharsets.UTF_8);
  }

  private JsonNode awaitFinished(long task) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              HttpResponse<String> response = get("/ops/v1/replay-tasks/" + task, "operator");
              assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
              last[0] = JSON.readTree(response.body());
              assertThat(last[0].path("state").asText()).isEqualTo("finished");
            });
    return last[0];
  }
}
