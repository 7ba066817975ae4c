package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.LoadOptions;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.reconciliation.SyntheticSettlement;
import org.saphan.hub.platform.BrokerSettings;
import org.saphan.hub.support.ArmedFaults;
import org.saphan.hub.support.KeyRingTemplate;
import org.saphan.hub.support.Listeners;
import org.saphan.hub.support.TestEnvironment;

/**
 * Nothing accepted is lost when the hub dies: the hub runs as its own process while PostgreSQL and
 * the broker run here, in the test, so a kill -9 of the hub leaves them running. Over 100
 * applications go in while the hub is killed before the relay, dies between an acknowledgement and
 * its statuses (one transaction: nothing of it stays), and dies right after an agency's
 * acknowledgement arrives but before it is recorded, with other deliveries the agency had
 * registered still in flight and relayed ones waiting in the broker (route paused by an operator).
 * After the last restart every application is delivered, the agency's receipt log holds exactly one
 * message id per application (the application's own), repeats carry that same id, and the dead
 * letters are empty.
 *
 * <p>The hub dies at those two delivery points by the test's {@link ArmedFaults}, which the forked
 * hub loads from a folder of its own (Spring Boot's {@code PropertiesLauncher}, {@code
 * loader.path}) and arms from {@code saphan.test.faults}: the production jar has no switch for it.
 *
 * <p>The nightly reconciliation survives the same: the hub halts at the reconciliation's crash
 * points, while a settlement file is COPY'd into staging (two of its five blocks committed) and,
 * with another file, in the match (its statements run, not committed); the restarted hub recovers
 * both runs on its own and their reports equal an uninterrupted run's on the same data (run
 * metadata aside). The crash points make the files' size irrelevant: they are small here, and
 * {@code ./saphan bench reconcile} measures the large ones.
 *
 * <p>The same harness runs the hub once in the production (default) profile to check what it
 * exposes where (docs/security.md): the only forked hub of the suite that is not a sandbox.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private static final String PASSWORD = TestEnvironment.KEYSTORE_PASSWORD;
  private static final String ROUTE = "dcy-newborn-grant-model3-api-share";

  private static Path dir;
  private static Path home;
  private static Path keys;
  private static Path faultClasses;
  private static EmbeddedPostgres postgres;
  private static EmbeddedActiveMQ broker;
  private static Process sandbox;
  private static Process hub;
  private static final int HUB = TestEnvironment.freePort();
  private static final int MANAGEMENT = TestEnvironment.freePort();
  private static final int SANDBOX = TestEnvironment.freePort();
  private static final int DIGITAL_ID = TestEnvironment.freePort();
  private static final int BROKER = TestEnvironment.freePort();
  private static final int SFTP = TestEnvironment.freePort();
  private static final String DOAE = "doae-farmer-registration";
  private static final int BATCH_LINES = 1200;

  @BeforeAll
  static void state() throws Exception {
    home = Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
    dir = Files.createTempDirectory("saphan-crash-");
    keys = dir.resolve("keys");
    KeyRingTemplate.copyTo(keys);
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("postgres"))
            .setCleanDataDirectory(true)
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .start();
    Catalog catalog =
        new CatalogLoader(
                home,
                name -> Optional.of("sandbox-" + name.toLowerCase().replace('_', '-')),
                LoadOptions.sandbox())
            .loadOrThrow();
    Configuration configuration =
        new ConfigurationImpl()
            .setPersistenceEnabled(true)
            .setSecurityEnabled(false)
            .setJournalDirectory(dir.resolve("artemis/journal").toString())
            .setBindingsDirectory(dir.resolve("artemis/bindings").toString())
            .setLargeMessagesDirectory(dir.resolve("artemis/large").toString())
            .setPagingDirectory(dir.resolve("artemis/paging").toString())
            .setJournalSyncTransactional(true)
            .setJournalSyncNonTransactional(true)
            .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + BROKER);
    BrokerSettings.apply(configuration, catalog);
    broker = new EmbeddedActiveMQ();
    broker.setConfiguration(configuration);
    broker.start();
    sandbox = startSandbox();
    faultClasses = faultClasses();
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    if (sandbox != null) {
      sandbox.destroy();
      sandbox.waitFor(20, TimeUnit.SECONDS);
    }
    if (broker != null) {
      broker.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void shouldDeliverEveryAcceptedApplicationOnceWithItsOwnMessageIdWhenTheHubIsKilledRepeatedly()
      throws Exception {
    List<String> accepted = new ArrayList<>();

    // 1. killed before the relay: the outbox holds the applications, nothing was published
    hub = startHub("--saphan.outbox.poll-interval=1h");
    String citizen = token("citizen-somchai");
    grantConsent(citizen);
    accepted.addAll(apply(citizen, 40));
    assertThat(count("select count(*) from outbox where published_at is null")).isEqualTo(40);
    kill();

    // 2. dead between the acknowledgement and the statuses: the 40 are delivered, then the hub
    //    halts (as kill -9 would) inside the transaction recording the next one
    hub = startArmedHub("halt:DELIVERY_BETWEEN_ACK_AND_STATUS:41");
    awaitReceived(accepted);
    List<String> cut = apply(token("citizen-somchai"), 1);
    accepted.addAll(cut);
    assertThat(hub.waitFor(1, TimeUnit.MINUTES)).as("the hub halts in the recording").isTrue();
    assertThat(hub.exitValue()).isEqualTo(ArmedFaults.HALTED);
    // the agency acknowledged it; the hub kept nothing of the acknowledgement
    assertThat(receiptsOf(cut)).containsOnlyKeys(cut);
    assertRecorded(cut.get(0), "submitted", 0);

    // 3. an operator paused the route, so relayed messages wait in the broker; then the hub dies
    //    after an agency's ack, before recording it, with other deliveries in flight: the agency
    //    registers each delivery and answers 1.5 s later; the hub halts itself (as kill -9 would)
    //    the moment the 8th acknowledgement arrives (the first: the cut one, delivered again)
    hub = startArmedHub("halt:DELIVERY_AFTER_SEND:8");
    awaitReceived(cut);
    assertRecorded(cut.get(0), "received", 1);
    assertThat(receiptsOf(cut).get(cut.get(0)).path("count").asInt())
        .as("delivered again under its message id")
        .isGreaterThan(1);
    ops("/ops/v1/routes/" + ROUTE + "/pause");
    List<String> paused = apply(token("citizen-somchai"), 30);
    accepted.addAll(paused);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count("select count(*) from outbox where published_at is null") == 0);
    assertThat(count("select count(*) from application where status = 'submitted'")).isEqualTo(30);
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\",\"latencyMillis\":1500}");
    List<String> inFlight = apply(token("citizen-somchai"), 39);
    accepted.addAll(inFlight);
    ops("/ops/v1/routes/" + ROUTE + "/resume");
    assertThat(hub.waitFor(2, TimeUnit.MINUTES)).as("the hub halts at the 8th ack").isTrue();
    assertThat(hub.exitValue()).isEqualTo(ArmedFaults.HALTED);
    // the agency holds applications the hub never recorded as received
    assertThat((long) receiptsOf(accepted).size())
        .isGreaterThan(count("select count(*) from application where status = 'received'"));

    // 4. the last start: everything goes through
    sandboxPost("/sandbox/v1/agencies/dcy/faults", "{\"mode\":\"none\",\"latencyMillis\":0}");
    hub = startHub();
    awaitReceived(accepted);

    // then: one receipt per application at the agency, under the application's own message id
    assertThat(accepted).hasSize(110).doesNotHaveDuplicates();
    Map<String, String> messageIds = messageIds();
    Map<String, JsonNode> receipts = receiptsOf(accepted);
    assertThat(receipts.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
    Set<String> distinct = new HashSet<>();
    for (String id : accepted) {
      assertThat(receipts.get(id).path("messageId").asText())
          .as("message id of " + id)
          .isEqualTo(messageIds.get(id));
      distinct.add(receipts.get(id).path("messageId").asText());
    }
    assertThat(distinct).hasSize(accepted.size());
    // and the repeats (acknowledged but unrecorded, or cut off mid-delivery) came under that id
    assertThat(receipts.values())
        .anySatisfy(r -> assertThat(r.path("count").asInt()).isGreaterThan(1));
    assertThat(count("select count(*) from dead_letter")).isZero();
    assertThat(count("select count(*) from application where status <> 'received'")).isZero();
  }

  /**
   * Batch agencies (issue 18): 1,200 applications queued for DOAE; the hub is killed while it
   * records the export file (stored, not recorded), while it uploads it (the data file on the
   * server, its signature and manifest not), and while it applies DOAE's result file (two chunks of
   * lines committed, the third not). After each restart the unfinished run goes on: one file with
   * each application on exactly one line, uploaded once as stored and accepted by the agency, and
   * each result line applied exactly once.
   */
  @Test
  @Order(2)
  void shouldExportEachApplicationOnceAndApplyEachResultLineOnceWhenKilledThroughout()
      throws Exception {
    if (hub != null && hub.isAlive()) {
      kill();
    }
    queueForDoae(BATCH_LINES);
    String applications = "application_id like 'CRASH-BATCH-%'";

    // killed in the export's recording: the file stored, nothing of it recorded
    hub = startArmedHub("halt:BATCH_EXPORT_RECORD:1");
    opsRun("batch-export");
    assertThat(hub.waitFor(2, TimeUnit.MINUTES)).as("the hub halts in the export").isTrue();
    assertThat(hub.exitValue()).isEqualTo(ArmedFaults.HALTED);
    assertThat(count("select count(*) from batch_export_file")).isZero();
    assertThat(
            count(
                "select count(*) from batch_export_item where file_id is null and " + applications))
        .isEqualTo(BATCH_LINES);

    // killed in the upload: the data file on the agency's server, its signature and manifest not
    hub = startArmedHub("halt:BATCH_EXPORT_UPLOAD:1");
    opsRun("batch-export");
    assertThat(hub.waitFor(2, TimeUnit.MINUTES)).as("the hub halts in the upload").isTrue();
    assertThat(count("select count(*) from batch_export_file where state = 'stored'")).isEqualTo(1);
    Path inbox = dir.resolve("sftp/doae/inbox");
    try (var listed = Files.list(inbox)) {
      assertThat(listed.map(f -> f.getFileName().toString()).toList())
          .singleElement()
          .satisfies(name -> assertThat(name).endsWith(".txt"));
    }

    // killed while applying DOAE's answer, after the restarted run uploaded the stored file
    hub = startArmedHub("halt:BATCH_IMPORT_APPLY:3");
    opsRun("batch-export").join();
    assertThat(count("select count(*) from batch_export_file where state = 'uploaded'"))
        .isEqualTo(1);
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Files.exists(dir.resolve("sftp/doae/outbox")) && doaeManifests() == 1);
    opsRun("batch-import");
    assertThat(hub.waitFor(2, TimeUnit.MINUTES)).as("the hub halts in the import").isTrue();
    long partly = count("select count(*) from batch_import_line");
    assertThat(partly).isGreaterThan(0).isLessThan(BATCH_LINES);
    assertThat(
            count(
                "select count(*) from application where status = 'approved' and id like 'CRASH-BATCH-%'"))
        .isEqualTo(partly);

    // when: the hub starts again and the import runs
    hub = startHub();
    HttpResponse<String> done = opsRun("batch-import").join();
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(JSON.readTree(done.body()).path("restarted").asBoolean()).as(done.body()).isTrue();

    // then: one file, each application on one line of it, uploaded once and accepted by DOAE
    assertThat(count("select count(*) from batch_export_file")).isEqualTo(1);
    assertThat(
            count(
                "select count(distinct line_number) from batch_export_item where " + applications))
        .isEqualTo(BATCH_LINES);
    assertThat(
            count("select count(*) from evidence where kind = 'batch_file' and direction = 'out'"))
        .isEqualTo(1);
    JsonNode received = getJson(SANDBOX, "/sandbox/v1/agencies/doae/files");
    assertThat(received).as(received.toString()).hasSize(1);
    assertThat(received.get(0).path("accepted").asBoolean()).as(received.toString()).isTrue();
    assertThat(received.get(0).path("count").asLong()).isEqualTo(BATCH_LINES);
    // and each result line applied exactly once
    assertThat(count("select count(*) from batch_import_line where outcome = 'applied'"))
        .isEqualTo(BATCH_LINES);
    assertThat(
            count(
                "select count(*) from application where status = 'approved' and id like 'CRASH-BATCH-%'"))
        .isEqualTo(BATCH_LINES);
    assertThat(
            count(
                "select count(*) from (select application_id from timeline_entry where status in"
                    + " ('approved', 'delivered') and "
                    + applications
                    + " group by application_id, status having count(*) > 1) twice"))
        .isZero();
  }

  /** Applications of the DOAE batch card, submitted and queued for its next export file. */
  private static void queueForDoae(int count) throws Exception {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "insert into application (id, message_id, service_id, connector, model, agency,"
              + " citizen_id, status, body, prefill, submitted_at, updated_at, last_status_at)"
              + " select 'CRASH-BATCH-' || lpad(g::text, 5, '0'), gen_random_uuid(), '2-022', '"
              + DOAE
              + "', 3, 'doae', '1101700203451', 'submitted', '{}'::jsonb, '{}'::jsonb,"
              + " now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour'"
              + " from generate_series(1, "
              + count
              + ") g");
      statement.execute(
          "insert into batch_export_item (application_id, connector, message_id, record,"
              + " queued_at) select id, connector, message_id::text, jsonb_build_object("
              + "'applicationId', id, 'citizenId', '1101700203451', 'firstName', 'สมชาย',"
              + " 'lastName', 'ใจดี', 'province', 'เชียงใหม่', 'farmAreaRai', 1.25,"
              + " 'submittedDate', '2026-12-07'), now() from application where id like"
              + " 'CRASH-BATCH-%'");
    }
  }

  /** The manifests DOAE has published in its outbox. */
  private static long doaeManifests() throws IOException {
    try (var files = Files.list(dir.resolve("sftp/doae/outbox"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).count();
    }
  }

  /** An operator's run-now of the DOAE card's job; the answer comes when it ends (or never). */
  private static java.util.concurrent.CompletableFuture<HttpResponse<String>> opsRun(String job)
      throws Exception {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + HUB + "/ops/v1/connectors/" + DOAE + "/" + job))
            .header("Authorization", "Bearer " + token("operator"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(3)
  void shouldReportTheSameAsAnUninterruptedRunWhenTheHubIsKilledDuringCopyAndDuringMatching()
      throws Exception {
    if (hub != null && hub.isAlive()) {
      kill();
    }
    // three days of the same shape (every discrepancy class), for three billers
    Settlement duringCopy = settlement("099400000008201", "KCPY", ORDERS);
    Settlement duringMatch = settlement("099400000008301", "KMAT", ORDERS);
    Settlement reference = settlement("099400000008101", "KREF", ORDERS);
    assertThat(duringCopy.expected().details()).isGreaterThan(3L * BLOCK);

    // killed while the load step COPYs blocks of lines: the hub halts (as kill -9 would) once the
    // third block is COPY'd, before its commit: two blocks committed, not all
    hub =
        startArmedHub(
            "halt:RECONCILIATION_LOAD:3", BLOCKS, "--saphan.reconciliation.recover-delay=1h");
    reconcile(token("operator"), duringCopy.name());
    long copyRun = runOf(duringCopy.name());
    assertThat(hub.waitFor(2, TimeUnit.MINUTES)).as("the hub halts in the load").isTrue();
    assertThat(hub.exitValue()).isEqualTo(ArmedFaults.HALTED);
    assertThat(staged(copyRun)).isEqualTo(2L * BLOCK).isLessThan(duringCopy.expected().details());
    assertThat(stepStatus(copyRun, "reconciliationLoadStep")).isEqualTo("STARTED");

    // killed while the match step runs, its statements done and not committed (after a restart:
    // the killed run waits for the next one)
    hub =
        startArmedHub(
            "halt:RECONCILIATION_MATCH:1", BLOCKS, "--saphan.reconciliation.recover-delay=1h");
    reconcile(token("operator"), duringMatch.name());
    long matchRun = runOf(duringMatch.name());
    assertThat(hub.waitFor(2, TimeUnit.MINUTES)).as("the hub halts in the match").isTrue();
    assertThat(hub.exitValue()).isEqualTo(ArmedFaults.HALTED);
    assertThat(stepStatus(matchRun, "reconciliationMatchStep")).isEqualTo("STARTED");
    assertThat(count("select count(*) from reconciliation_result where run_id = " + matchRun))
        .isZero();
    assertThat(count("select count(*) from reconciliation_run where status = 'running'"))
        .isEqualTo(2);

    // when: the hub starts again, it recovers both runs by itself
    hub = startHub(BLOCKS, "--saphan.reconciliation.recover-delay=1s");
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                count(
                        "select count(*) from reconciliation_run where status = 'completed' and id in ("
                            + copyRun
                            + ", "
                            + matchRun
                            + ")")
                    == 2);
    // and an uninterrupted run of the third file
    HttpResponse<String> done = reconcile(token("operator"), reference.name()).join();
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    long referenceRun = JSON.readTree(done.body()).at("/runs/0/runId").asLong();
    assertThat(JSON.readTree(done.body()).at("/runs/0/status").asText()).isEqualTo("completed");

    // then: every line staged once, and the reports equal the uninterrupted one's
    assertThat(staged(copyRun)).isEqualTo(duringCopy.expected().details());
    assertThat(staged(matchRun)).isEqualTo(duringMatch.expected().details());
    Report expected = report(referenceRun, reference);
    // the report lists at least every discrepancy the file holds, one row each
    SyntheticSettlement.Expected shape = reference.expected();
    assertThat(expected.csv())
        .hasSizeGreaterThan(
            (int)
                (shape.amountMismatch()
                    + shape.unknownReference()
                    + shape.duplicateLines()
                    + shape.missingAtBank()));
    for (long run : List.of(copyRun, matchRun)) {
      Settlement settlement = run == copyRun ? duringCopy : duringMatch;
      Report actual = report(run, settlement);
      assertThat(actual.csv()).as("report.csv of run " + run).isEqualTo(expected.csv());
      assertThat(actual.summary()).as("summary.json of run " + run).isEqualTo(expected.summary());
      assertThat(actual.attempts()).as("attempts of run " + run).isEqualTo(2);
      assertThat(actual.summary().at("/lineClassification/duplicate/count").asLong())
          .isEqualTo(settlement.expected().duplicateLines());
      assertThat(actual.summary().at("/orderClassification/missing_at_bank/count").asLong())
          .isEqualTo(settlement.expected().missingAtBank());
    }
  }

  /**
   * The production (default) profile's exposure, as docs/security.md describes it: the API port on
   * every interface and without actuator; the management port on loopback only, with health and
   * Prometheus open, the console off, and its paths refused to anonymous and non-operator callers
   * before anything else (an operator finds no console: 404).
   */
  @Test
  @Order(4)
  void shouldExposeOnlyWhatTheReadmeSaysWhenTheHubRunsInTheProductionProfile() throws Exception {
    // given: the default profile, console settings untouched
    if (hub != null && hub.isAlive()) {
      kill();
    }
    // (the harness's Digital ID runs on this machine: its JWKS is the one loopback target opened)
    hub =
        startHub(
            productionHome(),
            List.of("--camel.main.jmx-enabled=true", "--saphan.egress.allow-loopback=true"));
    String operator = token("operator");
    String citizen = token("citizen-somchai");
    String stop =
        "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=saphan,type=routes,name=\\\""
            + ROUTE
            + "\\\"\",\"operation\":\"stop()\"}";

    // then: no actuator on the API port
    for (String path :
        List.of("/actuator/health", "/actuator/jolokia/version", "/actuator/hawtio/")) {
      assertThat(call(HUB, "GET", path, null, null).statusCode()).as(path).isEqualTo(404);
    }
    // health and metrics on the management port
    assertThat(call(MANAGEMENT, "GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
    assertThat(call(MANAGEMENT, "GET", "/actuator/prometheus", null, null).statusCode())
        .isEqualTo(200);
    // the console's paths: anonymous 401, a citizen 403, an operator finds it off
    for (String path : List.of("/actuator/jolokia/version", "/actuator/hawtio/")) {
      assertProblem(call(MANAGEMENT, "GET", path, null, null), 401, "token_missing");
      assertProblem(call(MANAGEMENT, "GET", path, citizen, null), 403, "forbidden");
      assertThat(call(MANAGEMENT, "GET", path, operator, null).statusCode()).isEqualTo(404);
    }
    assertProblem(call(MANAGEMENT, "POST", "/actuator/jolokia", null, stop), 401, "token_missing");
    assertProblem(call(MANAGEMENT, "POST", "/actuator/jolokia", citizen, stop), 403, "forbidden");
    assertThat(call(MANAGEMENT, "POST", "/actuator/jolokia", operator, stop).statusCode())
        .isEqualTo(404);
    // where it listens: the API on every interface, the management port on loopback only
    java.net.InetAddress other = Listeners.nonLoopbackAddress().orElse(null);
    if (other != null) {
      assertThat(Listeners.accepts(other, HUB)).as("API port on " + other).isTrue();
      assertThat(Listeners.accepts(other, MANAGEMENT)).as("management port on " + other).isFalse();
    }
    assertThat(Listeners.accepts(java.net.InetAddress.getLoopbackAddress(), MANAGEMENT)).isTrue();
    // and the security page the README links says so
    assertThat(Files.readString(home.resolve("README.md"))).contains("(docs/security.md)");
    String security = Files.readString(home.resolve("docs/security.md"));
    assertThat(security)
        .startsWith("# Security\n")
        .contains("`management.server.port` (9080)")
        .contains("`127.0.0.1` (`management.server.address`), console **off**");
  }

  /**
   * The project's routes, mappings and batch files without its sample cards: they name the sandbox
   * over plain http, which the production profile refuses (as it should).
   */
  private static Path productionHome() throws IOException {
    Path production = Files.createDirectories(dir.resolve("production-home"));
    for (String folder : List.of("routes", "mappings", "batch", "wsdl")) {
      Path link = production.resolve(folder);
      if (Files.exists(home.resolve(folder)) && !Files.exists(link)) {
        Files.createSymbolicLink(link, home.resolve(folder));
      }
    }
    Path connectors = Files.createDirectories(production.resolve("connectors"));
    Path roadmap = home.resolve("connectors/roadmap");
    if (Files.exists(roadmap) && !Files.exists(connectors.resolve("roadmap"))) {
      Files.createSymbolicLink(connectors.resolve("roadmap"), roadmap);
    }
    return production;
  }

  private static HttpResponse<String> call(
      int port, String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).path("code").asText())
        .as(response.body())
        .isEqualTo(code);
  }

  // --- reconciliation ---

  private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  /**
   * Orders per settlement day: 4,910 detail lines, a file of 4,912 lines. The kills land on crash
   * points, not in a timing window, so the files need not be large; the large sizes are {@code
   * ./saphan bench reconcile}'s.
   */
  private static final int ORDERS = 4_900;

  /** Detail lines per load block (one COPY and one commit each): five blocks a file. */
  private static final int BLOCK = 1_000;

  private static final String BLOCKS = "--saphan.reconciliation.chunk-size=" + BLOCK;

  record Settlement(
      String billerId, String prefix, String name, SyntheticSettlement.Expected expected) {}

  /** A report with what names its run and data (biller, references) made neutral. */
  record Report(List<String> csv, JsonNode summary, int attempts) {}

  /** Writes a settlement file into the hub's drop folder and its paid orders into the ledger. */
  private static Settlement settlement(String billerId, String prefix, int orders)
      throws Exception {
    LocalDate day = LocalDate.now(BANGKOK);
    String name = "BILLPAY_" + billerId + "_" + prefix + ".txt";
    Path drop = Files.createDirectories(dir.resolve("hub/reconciliation/drop"));
    Path tmp = dir.resolve(name + ".part");
    SyntheticSettlement.Expected expected =
        SyntheticSettlement.write(
            FixedWidthLayout.load(home.resolve("batch/layouts/bill-payment-settlement.yaml")),
            tmp,
            billerId,
            prefix,
            orders,
            day);
    Files.move(tmp, drop.resolve(name));
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      SyntheticSettlement.copyLedger(
          connection, billerId, prefix, orders, day.atTime(1, 0).atZone(BANGKOK).toInstant());
    }
    return new Settlement(billerId, prefix, name, expected);
  }

  /** Starts a run of a drop-folder file; the answer comes when the run ends (or never). */
  private static java.util.concurrent.CompletableFuture<HttpResponse<String>> reconcile(
      String operator, String file) {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + HUB + "/ops/v1/reconciliation/runs"))
            .header("Authorization", "Bearer " + operator)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"file\":\"" + file + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long runOf(String fileName) {
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                count(
                        "select count(*) from reconciliation_run where file_name = '"
                            + fileName
                            + "'")
                    == 1);
    try {
      return count("select id from reconciliation_run where file_name = '" + fileName + "'");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long staged(long run) throws Exception {
    return count("select count(*) from settlement_staging where run_id = " + run);
  }

  private static String stepStatus(long run, String step) throws Exception {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select s.status from batch_step_execution s join batch_job_execution j"
                    + " on j.job_execution_id = s.job_execution_id where j.job_instance_id = "
                    + run
                    + " and s.step_name = '"
                    + step
                    + "' order by s.step_execution_id desc limit 1")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static Report report(long run, Settlement settlement) throws Exception {
    String reportDir;
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("select report_dir from reconciliation_run where id = " + run)) {
      rs.next();
      reportDir = rs.getString(1);
    }
    List<String> csv =
        Files.readAllLines(Path.of(reportDir).resolve("report.csv")).stream()
            .map(line -> neutral(line, settlement))
            .toList();
    JsonNode summary =
        JSON.readTree(
            neutral(Files.readString(Path.of(reportDir).resolve("summary.json")), settlement));
    int attempts = summary.at("/run/attempts").asInt();
    // run metadata aside: the run itself, and the file's name and hash
    ((com.fasterxml.jackson.databind.node.ObjectNode) summary).remove("run");
    ((com.fasterxml.jackson.databind.node.ObjectNode) summary.path("file"))
        .remove(List.of("name", "sha256"));
    return new Report(csv, summary, attempts);
  }

  private static String neutral(String text, Settlement settlement) {
    return text.replace(settlement.billerId(), "<biller>").replace(settlement.prefix(), "<ref>");
  }

  // --- the hub process ---

  /**
   * A sandbox-profile hub armed with {@code faults} ({@link ArmedFaults#PROPERTY}), plus {@code
   * extra}.
   */
  private static Process startArmedHub(String faults, String... extra) throws Exception {
    return startHub(home, sandboxProfile(List.of(extra)), faults);
  }

  private static Process startHub(String... extra) throws Exception {
    return startHub(home, sandboxProfile(List.of(extra)));
  }

  private static List<String> sandboxProfile(List<String> extra) {
    List<String> sandbox =
        List.of(
            "--spring.profiles.active=sandbox",
            "--saphan.sandbox.embedded-state=false",
            "--saphan.sandbox.url=http://localhost:" + SANDBOX,
            "--saphan.sandbox.sftp-port=" + SFTP,
            "--camel.main.jmx-enabled=false");
    List<String> all = new ArrayList<>(sandbox);
    all.addAll(extra);
    return all;
  }

  private static Process startHub(Path saphanHome, List<String> extra) throws Exception {
    return startHub(saphanHome, extra, null);
  }

  /**
   * A hub of {@code saphanHome} with only the arguments every profile needs, plus {@code extra};
   * with {@code faults}, the jar's {@code PropertiesLauncher} also loads {@link ArmedFaults} from
   * {@link #faultClasses} and arms them.
   */
  private static Process startHub(Path saphanHome, List<String> extra, String faults)
      throws Exception {
    String jar = home.resolve("hub/target/saphan-hub-exec.jar").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-Dsaphan.home=" + saphanHome));
    if (faults == null) {
      command.addAll(List.of("-jar", jar));
    } else {
      command.addAll(
          List.of(
              "-Dloader.path=" + faultClasses,
              "-cp",
              jar,
              "org.springframework.boot.loader.launch.PropertiesLauncher",
              "--" + ArmedFaults.PROPERTY + "=" + faults));
    }
    command.addAll(
        List.of(
            "--server.port=" + HUB,
            "--management.server.port=" + MANAGEMENT,
            "--saphan.data-dir=" + dir.resolve("hub"),
            "--saphan.keys.dir=" + keys,
            "--saphan.keys.issuer=http://localhost:" + HUB,
            "--saphan.identity.issuer=http://localhost:" + DIGITAL_ID + "/digitalid",
            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
            "--spring.datasource.username=postgres",
            "--spring.artemis.broker-url=tcp://127.0.0.1:" + BROKER));
    command.addAll(extra);
    File log = home.resolve("hub/target/crash-recovery-hub.log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
    builder.environment().put("SAPHAN_KEYSTORE_PASSWORD", PASSWORD);
    // The simulated agencies' fake credentials, which only the sandbox profile supplies itself.
    builder.environment().put("DCY_NEWBORN_GRANT_API_KEY", "sandbox-dcy-newborn-grant-key");
    builder.environment().put("SAPHAN_GDX_CONSUMER_KEY", "sandbox-gdx-consumer-key");
    builder.environment().put("SAPHAN_GDX_CONSUMER_SECRET", "sandbox-gdx-consumer-secret");
    Process process = builder.start();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(process.isAlive()).as("hub alive; see " + log).isTrue();
              assertThat(getJson(MANAGEMENT, "/actuator/health").path("status").asText())
                  .isEqualTo("UP");
            });
    return process;
  }

  /**
   * A folder with only the test's fault injection (its classes and the {@code spring.factories}
   * naming its initializer), for a forked hub's {@code loader.path}: none of the other test classes
   * reach the hub.
   */
  private static Path faultClasses() throws Exception {
    Path testClasses =
        Path.of(ArmedFaults.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path target = dir.resolve("test-faults");
    String pkg = ArmedFaults.class.getPackageName().replace('.', '/');
    Files.createDirectories(target.resolve(pkg));
    try (var classes = Files.newDirectoryStream(testClasses.resolve(pkg), "ArmedFaults*.class")) {
      for (Path file : classes) {
        Files.copy(file, target.resolve(pkg).resolve(file.getFileName().toString()));
      }
    }
    Path factories = Path.of("META-INF", "spring.factories");
    Files.createDirectories(target.resolve("META-INF"));
    Files.copy(testClasses.resolve(factories), target.resolve(factories));
    return target;
  }

  /**
   * What the hub recorded of an application's delivery: its status, and that the acknowledgement,
   * the agency's reference and the delivered status are there {@code times} times together.
   */
  private static void assertRecorded(String id, String status, int times) throws Exception {
    String application = "application_id = '" + id + "'";
    assertThat(
            count(
                "select count(*) from application where status = '"
                    + status
                    + "' and id = '"
                    + id
                    + "'"))
        .as("status of " + id)
        .isEqualTo(1);
    assertThat(count("select count(*) from evidence where kind = 'ack' and " + application))
        .as("acknowledgements of " + id)
        .isEqualTo(times);
    assertThat(
            count(
                "select count(*) from timeline_entry where status = 'delivered' and "
                    + application))
        .as("delivered statuses of " + id)
        .isEqualTo(times);
    assertThat(
            count(
                "select count(*) from application where agency_reference is not null and id = '"
                    + id
                    + "'"))
        .as("agency reference of " + id)
        .isEqualTo(times);
  }

  /** SIGKILL: no shutdown hook, no graceful stop. */
  private static void kill() throws Exception {
    hub.destroyForcibly();
    assertThat(hub.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private static Process startSandbox() throws Exception {
    File log = home.resolve("hub/target/crash-recovery-sandbox.log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                home.resolve("sandbox/target/saphan-sandbox.jar").toString(),
                "--server.port=" + SANDBOX,
                "--sandbox.digital-id.port=" + DIGITAL_ID,
                "--sandbox.sftp.port=" + SFTP,
                "--sandbox.sftp.root=" + dir.resolve("sftp"),
                "--sandbox.hub.base-url=http://localhost:" + HUB,
                "--sandbox.keys.dir=" + keys)
            .redirectErrorStream(true)
            .redirectOutput(log);
    builder.environment().put("SAPHAN_KEYSTORE_PASSWORD", PASSWORD);
    Process process = builder.start();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(process.isAlive()).as("sandbox alive; see " + log).isTrue();
              assertThat(getJson(SANDBOX, "/actuator/health").path("status").asText())
                  .isEqualTo("UP");
            });
    return process;
  }

  // --- the portal's side ---

  private static List<String> apply(String token, int count) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + HUB + "/api/v1/applications"))
                  .header("Authorization", "Bearer " + token)
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Model3TestSupport.body()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      ids.add(JSON.readTree(response.body()).path("applicationId").asText());
    }
    return ids;
  }

  private static void grantConsent(String token) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + HUB + "/api/v1/consents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"agreementId\":\"dcy-newborn-grant\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static void ops(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + HUB + path))
                .header("Authorization", "Bearer " + token("operator"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String token(String persona) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + SANDBOX
                            + "/sandbox/v1/digital-id/personas/"
                            + persona
                            + "/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  // --- what the database and the agency say ---

  private static void awaitReceived(List<String> ids) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        count(
                            "select count(*) from application where status = 'received' and id in ("
                                + quoted(ids)
                                + ")"))
                    .isEqualTo(ids.size()));
  }

  private static Map<String, JsonNode> receiptsOf(List<String> ids) throws Exception {
    Set<String> wanted = new HashSet<>(ids);
    Map<String, JsonNode> byApplication = new HashMap<>();
    for (JsonNode receipt : getJson(SANDBOX, "/sandbox/v1/agencies/dcy/receipts")) {
      String requestRef = receipt.path("requestRef").asText();
      if (wanted.contains(requestRef)) {
        JsonNode previous = byApplication.put(requestRef, receipt);
        assertThat(previous).as("a second receipt (another message id) for " + requestRef).isNull();
      }
    }
    return byApplication;
  }

  private static Map<String, String> messageIds() throws Exception {
    Map<String, String> ids = new HashMap<>();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select id, message_id from application")) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getString(2));
      }
    }
    return ids;
  }

  private static long count(String sql) throws Exception {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String quoted(List<String> ids) {
    return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
  }

  private static JsonNode getJson(int port, String path) throws IOException, InterruptedException {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private static void sandboxPost(String path, String json) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + SANDBOX + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
