package org.saphan.bench.model3;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongFunction;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.security.Authorisation;
import org.saphan.hub.security.JwsSigner;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.keys.Pkcs12DirectoryKeyRing;

/**
 * {@code ./saphan bench model3}: the model-3 path end to end on this machine, against the same
 * client pointed straight at the sandbox agency.
 *
 * <ol>
 *   <li>Starts the sandbox and the hub as processes ({@link BenchEnvironment}): durable PostgreSQL
 *       (fsync, synchronous_commit, full_page_writes on; checked), Artemis journal synced, Digital
 *       ID tokens and the consent gate on, ES256 detached JWS to the agency.
 *   <li>Warm-up, then a measured window at a fixed arrival rate (open model) of {@code POST
 *       /api/v1/applications} for service 1-001 (DCY, REST + JSON, agency latency 20 ms): accepted
 *       req/s and their latency; delivered/s in the same window and, after the queue drained, the
 *       totals (delivered must equal accepted) and the submit-to-acknowledgement latency.
 *   <li>Baseline: the same client at the same rate posting the agency-format request (mapped by the
 *       card's own mapping, signed the same way) straight to the sandbox agency.
 *   <li>0 ms agency: the direct maximum (closed loop) against the delivery route's own maximum
 *       (route paused while a backlog is taken in, then resumed and timed until drained).
 * </ol>
 */
public final class Model3Bench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_KEY = "sandbox-dcy-newborn-grant-key";
  private static final String SERVICE = "1-001";
  private static final String FORM =
      "{\"child\":{\"citizenId\":\"1101700000010\",\"givenName\":\"ด.ญ. ใจดี\",\"birthDate\":\"2025-02-01\"},"
          + "\"bankAccount\":{\"bankCode\":\"006\",\"accountNo\":\"1234567890\"},"
          + "\"householdIncomePerYear\":85000}";
  static final String APPLY_BODY =
      "{\"serviceId\":\""
          + SERVICE
          + "\",\"form\":"
          + FORM
          + ",\"applicant\":{\"phone\":\"0800000000\",\"address\":{\"postcode\":\"10500\"}}}";

  /** Settings of one run. */
  record Options(
      double rate,
      int seconds,
      int warmupSeconds,
      int maxInFlight,
      int latencyMillis,
      int routeConcurrency,
      int maxSeconds,
      int pool,
      boolean quick,
      boolean profile,
      boolean keep) {

    static Options parse(List<String> args) {
      boolean quick = args.contains("--quick");
      double rate = 500;
      int seconds = quick ? 5 : 60;
      int warmup = quick ? 5 : 20;
      int inFlight = 256;
      int latency = 20;
      int concurrency = 32;
      int max = quick ? 5 : 20;
      int pool = 0;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        String v = i + 1 < args.size() ? args.get(i + 1) : null;
        switch (a) {
          case "--rate" -> rate = Double.parseDouble(value(a, v));
          case "--seconds" -> seconds = Integer.parseInt(value(a, v));
          case "--warmup" -> warmup = Integer.parseInt(value(a, v));
          case "--in-flight" -> inFlight = Integer.parseInt(value(a, v));
          case "--latency" -> latency = Integer.parseInt(value(a, v));
          case "--route-concurrency" -> concurrency = Integer.parseInt(value(a, v));
          case "--max-seconds" -> max = Integer.parseInt(value(a, v));
          case "--pool" -> pool = Integer.parseInt(value(a, v));
          case "--quick", "--profile", "--keep" -> {
            continue;
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
        i++;
      }
      if (rate <= 0 || seconds < 1 || warmup < 0 || inFlight < 1 || concurrency < 1) {
        throw new IllegalArgumentException("rate, seconds, in-flight and concurrency must be > 0");
      }
      return new Options(
          rate,
          seconds,
          warmup,
          inFlight,
          latency,
          concurrency,
          max,
          pool,
          quick,
          args.contains("--profile"),
          args.contains("--keep"));
    }

    private static String value(String option, String value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return value;
    }
  }

  private final Options options;
  private final Path project;

  private Model3Bench(Options options, Path project) {
    this.options = options;
    this.project = project;
  }

  /**
   * Runs the benchmark; returns the exit code (0 done, 1 failed, 2 usage).
   *
   * @param args the options after {@code model3}
   * @param project the Saphan home holding the built jars (the launcher's saphan.home)
   */
  public static int run(List<String> args, Path project) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("saphan bench model3: " + e.getMessage());
      System.err.println(
          "usage: saphan bench model3 [--rate N] [--seconds S] [--warmup S] [--quick]"
              + " [--latency MS] [--in-flight N] [--route-concurrency N] [--max-seconds S] [--pool N]"
              + " [--profile] [--keep]");
      return 2;
    }
    try {
      new Model3Bench(options, project.toAbsolutePath().normalize()).run();
      return 0;
    } catch (Exception e) {
      System.err.println("saphan bench model3 failed: " + e);
      e.printStackTrace();
      return 1;
    }
  }

  private void run() throws Exception {
    String loadBefore = CpuMeter.loadAverage();
    List<String> hubOptions = new ArrayList<>();
    String extra = System.getenv("SAPHAN_BENCH_HUB_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      hubOptions.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    // The card schema's ceiling; well above what one 2-core box delivers.
    int cardRate = 1000;
    log("preparing a Saphan home, keys and data in a temp folder; load average " + loadBefore);
    List<String> hubArgs = new ArrayList<>();
    if (options.pool() > 0) {
      hubArgs.add("--saphan.sandbox.postgres-pool-size=" + options.pool());
    }
    try (BenchEnvironment env = new BenchEnvironment(project, hubOptions, hubArgs, options.keep());
        LoadDriver load = new LoadDriver()) {
      env.prepare(options.routeConcurrency(), cardRate);
      log("starting the sandbox and the hub (logs in " + env.logs() + ")");
      long t = System.nanoTime();
      env.start(Duration.ofMinutes(5));
      log(String.format(Locale.ROOT, "both ready in %.0f s", (System.nanoTime() - t) / 1e9));
      try (HubDatabase db = new HubDatabase(env.jdbcUrl())) {
        measure(env, load, db, loadBefore);
      }
    }
  }

  private void measure(BenchEnvironment env, LoadDriver load, HubDatabase db, String loadBefore)
      throws Exception {
    Map<String, String> durability = db.durability();
    if (!"on".equals(durability.get("fsync"))
        || !"on".equals(durability.get("synchronous_commit"))) {
      throw new IllegalStateException("PostgreSQL is not durable: " + durability);
    }
    String citizen = token(load, env, "citizen-somchai");
    String operator = token(load, env, "operator");
    expect(
        load.call(
            HttpRequest.newBuilder(URI.create(env.hubUrl() + "/api/v1/consents"))
                .header("Authorization", "Bearer " + citizen)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"agreementId\":\"dcy-newborn-grant\"}"))
                .build()),
        201,
        "consent");
    agencyLatency(load, env, options.latencyMillis());

    // One application end to end first: the path works, and its canonical body is the baseline's.
    HttpResponse<String> first = load.call(apply(env, citizen).apply(-1));
    expect(first, 202, "first application");
    String firstId = JSON.readTree(first.body()).path("applicationId").asText();
    awaitDrained(db, Duration.ofSeconds(60));
    String canonical = db.body(firstId);
    String agencyBody =
        new MappingRunner(env.home())
            .run(
                Path.of("mappings/dcy-newborn-grant/request.jsonata"),
                MappingInput.json(JSON.readTree(canonical)))
            .text();
    Pkcs12DirectoryKeyRing ring =
        Pkcs12DirectoryKeyRing.open(
            env.keys(), env.password(), Clock.systemUTC(), Duration.ofDays(825));
    JwsSigner signer =
        new JwsSigner(ring, KeyFamily.EC_P256, JwsSigner.Mode.DETACHED, false, Clock.systemUTC());
    LongFunction<HttpRequest> direct = direct(env, agencyBody, firstId, signer);
    LongFunction<HttpRequest> hub = apply(env, citizen);
    expect(load.call(direct.apply(-1)), 202, "direct delivery");

    Duration window = Duration.ofSeconds(options.seconds());
    int warmup = options.warmupSeconds();
    if (warmup > 0) {
      log("warm-up: direct " + Math.max(1, warmup / 2) + " s, hub " + warmup + " s");
      LoadDriver.Result w1 =
          load.open(
              "warm direct",
              direct,
              s -> s == 202,
              options.rate(),
              Duration.ofSeconds(Math.max(1, warmup / 2)),
              options.maxInFlight());
      LoadDriver.Result w2 =
          load.open(
              "warm hub",
              hub,
              s -> s == 202,
              options.rate(),
              Duration.ofSeconds(warmup),
              options.maxInFlight());
      log("warm-up " + brief(w1) + "; " + brief(w2));
      long drainStart = System.nanoTime();
      awaitDrained(db, Duration.ofMinutes(10));
      log(
          String.format(
              Locale.ROOT, "warm-up drained in %.1f s", (System.nanoTime() - drainStart) / 1e9));
    }

    // --- measured: hub at the fixed rate ---
    CpuMeter cpu = cpuMeter(env);
    if (options.profile()) {
      jfr(env.hubPid(), "hub", env, options.seconds());
      jfr(env.sandboxPid(), "sandbox", env, options.seconds());
    }
    long delivered0 = db.delivered();
    long[] pg0 = db.commitsAndSyncs();
    Instant from = Instant.now();
    cpu.start();
    LoadDriver.Result hubRun =
        load.open(
            "hub accept (POST /api/v1/applications)",
            hub,
            s -> s == 202,
            options.rate(),
            window,
            options.maxInFlight());
    CpuMeter.Usage hubCpu = cpu.stop();
    Instant to = Instant.now();
    long delivered1 = db.delivered();
    long[] pg1 = db.commitsAndSyncs();
    long drainStart = System.nanoTime();
    boolean drained = awaitDrained(db, Duration.ofMinutes(10));
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    HubDatabase.Delivery e2e = db.delivery(from, to);
    long totalApplications = db.applications();
    long totalDelivered = db.delivered();

    // --- measured: the same client straight at the agency ---
    cpu.start();
    LoadDriver.Result directRun =
        load.open(
            "direct agency (POST " + "/agencies/dcy/...)",
            direct,
            s -> s == 202,
            options.rate(),
            window,
            options.maxInFlight());
    CpuMeter.Usage directCpu = cpu.stop();

    // --- 0 ms agency: mapping-only route vs direct maximum ---
    agencyLatency(load, env, 0);
    int c = options.routeConcurrency();
    Duration max = Duration.ofSeconds(options.maxSeconds());
    load.closed("warm direct 0 ms", direct, s -> s == 202, c, Duration.ofSeconds(3));
    cpu.start();
    LoadDriver.Result directMax =
        load.closed("direct agency 0 ms, closed loop", direct, s -> s == 202, c, max);
    CpuMeter.Usage directMaxCpu = cpu.stop();
    routeSwitch(load, env, operator, "pause");
    long before = db.delivered();
    if (options.profile()) {
      // the intake alone (route paused): what POST /api/v1/applications costs the hub
      jfr(env.hubPid(), "hub-intake", env, options.maxSeconds());
    }
    cpu.start();
    LoadDriver.Result intakeMax =
        load.closed("hub accept, closed loop (route paused)", hub, s -> s == 202, 16, max);
    CpuMeter.Usage intakeCpu = cpu.stop();
    awaitPublished(db, Duration.ofMinutes(5));
    long backlog = db.applications() - before;
    if (options.profile()) {
      // the drain is where the delivery route alone runs: record it on its own
      jfr(env.hubPid(), "hub-drain", env, 60);
    }
    cpu.start();
    long routeStart = System.nanoTime();
    routeSwitch(load, env, operator, "resume");
    boolean routeDrained = awaitDrained(db, Duration.ofMinutes(10));
    double routeSeconds = (System.nanoTime() - routeStart) / 1e9;
    CpuMeter.Usage routeCpu = cpu.stop();
    long routeDelivered = db.delivered() - before;
    String loadAfter = CpuMeter.loadAverage();
    long portalBacklog = db.pendingPortalEvents();

    // --- report ---
    String fmt = "%-44s %8s %8s %8s %7s %8s %8s %8s %8s%n";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nSaphan model-3 benchmark: JDK %s, %d cores, load average %s before, %s after%n",
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            loadAfter));
    out.append(
        String.format(
            Locale.ROOT,
            "PostgreSQL %s; Artemis journal sync on; Digital ID token + consent checks on;"
                + " ES256 detached JWS%n",
            durability));
    out.append(
        String.format(
            Locale.ROOT,
            "open model %.0f req/s, %d s measured after %d s warm-up, at most %d in flight;"
                + " agency latency %d ms; route concurrency %d; hub DB pool %s%n%n",
            options.rate(),
            options.seconds(),
            options.warmupSeconds(),
            options.maxInFlight(),
            options.latencyMillis(),
            c,
            options.pool() > 0 ? Integer.toString(options.pool()) : "default (16)"));
    out.append(
        String.format(
            Locale.ROOT,
            fmt,
            "phase",
            "target/s",
            "sent/s",
            "ok/s",
            "errors",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms"));
    row(out, fmt, hubRun);
    // Acknowledgements recorded while requests were being sent (the queue may still hold more).
    double deliveredRate =
        (delivered1 - delivered0) / ((to.toEpochMilli() - from.toEpochMilli()) / 1000.0);
    out.append(
        String.format(
            Locale.ROOT,
            fmt,
            "hub delivered (acks recorded in the window)",
            "",
            "",
            f1(deliveredRate),
            "",
            "",
            "",
            "",
            ""));
    out.append(
        String.format(
            Locale.ROOT,
            fmt,
            "hub submit -> agency ack (window's apps)",
            "",
            "",
            "",
            "",
            f1(e2e.p50()),
            f1(e2e.p90()),
            f1(e2e.p99()),
            f1(e2e.max())));
    row(out, fmt, directRun);
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "after the drain (%.1f s%s): accepted %d in the window, delivered %d of them;"
                + " whole run %d applications, %d delivered%n",
            drainSeconds,
            drained ? "" : ", NOT drained",
            hubRun.ok(),
            e2e.delivered(),
            totalApplications,
            totalDelivered));
    out.append(
        String.format(
            Locale.ROOT,
            "hub/direct: throughput %.2f, p50 %.2f, p99 %.2f; added p50: accept %+.1f ms,"
                + " submit->ack %+.1f ms%n",
            hubRun.okPerSecond() / directRun.okPerSecond(),
            hubRun.millis(50) / directRun.millis(50),
            hubRun.millis(99) / directRun.millis(99),
            hubRun.millis(50) - directRun.millis(50),
            e2e.p50() - directRun.millis(50)));
    double windowSeconds = (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    out.append(
        String.format(
            Locale.ROOT,
            "PostgreSQL in the hub window: %.0f commits/s, %.0f WAL fsyncs/s, %.1f commits per"
                + " accepted application%n",
            (pg1[0] - pg0[0]) / windowSeconds,
            (pg1[1] - pg0[1]) / windowSeconds,
            (pg1[0] - pg0[0]) / (double) Math.max(1, hubRun.ok())));
    out.append(cpuLine("CPU during the hub window", hubCpu));
    out.append(cpuLine("CPU during the direct window", directCpu));
    out.append('\n');
    out.append(
        String.format(Locale.ROOT, "agency latency 0 ms, %d s each:%n", options.maxSeconds()));
    out.append(
        String.format(
            Locale.ROOT,
            fmt,
            "phase",
            "conc.",
            "sent/s",
            "ok/s",
            "errors",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms"));
    row(out, fmt, directMax, Integer.toString(c));
    row(out, fmt, intakeMax, "16");
    double routeRate = routeDelivered / routeSeconds;
    out.append(
        String.format(
            Locale.ROOT,
            fmt,
            "hub delivery route, backlog drain",
            Integer.toString(c),
            "",
            f1(routeRate),
            Long.toString(backlog - routeDelivered),
            "",
            "",
            "",
            ""));
    out.append(
        String.format(
            Locale.ROOT,
            "route drained %d of %d queued applications in %.1f s%s; route/direct throughput"
                + " %.0f %%%n",
            routeDelivered,
            backlog,
            routeSeconds,
            routeDrained ? "" : " (NOT drained)",
            100 * routeRate / directMax.okPerSecond()));
    out.append(cpuLine("CPU direct 0 ms", directMaxCpu));
    out.append(cpuLine("CPU hub intake (route paused)", intakeCpu));
    out.append(cpuLine("CPU route drain", routeCpu));
    out.append(
        String.format(Locale.ROOT, "portal status events still pending: %d%n", portalBacklog));
    out.append('\n');
    out.append("targets:\n");
    target(
        out,
        "accepted >= 500/s sustained",
        hubRun.okPerSecond() >= 500 && hubRun.failed() + hubRun.unsent() == 0,
        String.format(
            Locale.ROOT,
            "%.1f/s, %d errors, %d not sent",
            hubRun.okPerSecond(),
            hubRun.failed(),
            hubRun.unsent()));
    target(
        out,
        "delivered/s matches accepted/s",
        Math.abs(deliveredRate - hubRun.okPerSecond()) <= 0.02 * hubRun.okPerSecond()
            && e2e.delivered() == hubRun.ok(),
        String.format(
            Locale.ROOT,
            "%.1f vs %.1f/s; %d of %d delivered",
            deliveredRate,
            hubRun.okPerSecond(),
            e2e.delivered(),
            hubRun.ok()));
    target(
        out,
        "accept p99 <= 50 ms",
        hubRun.millis(99) <= 50,
        String.format(Locale.ROOT, "%.1f ms", hubRun.millis(99)));
    target(
        out,
        "added p50 <= 5 ms (accept vs direct)",
        hubRun.millis(50) - directRun.millis(50) <= 5,
        String.format(Locale.ROOT, "%+.1f ms", hubRun.millis(50) - directRun.millis(50)));
    target(
        out,
        "added p50 <= 5 ms (submit->ack vs direct)",
        e2e.p50() - directRun.millis(50) <= 5,
        String.format(Locale.ROOT, "%+.1f ms", e2e.p50() - directRun.millis(50)));
    target(
        out,
        "0 ms route >= 30 % of direct",
        routeRate >= 0.3 * directMax.okPerSecond(),
        String.format(Locale.ROOT, "%.0f %%", 100 * routeRate / directMax.okPerSecond()));
    if (options.quick()) {
      out.append("(--quick: a smoke run; the numbers are not the benchmark's)\n");
    }
    out.append("logs: ").append(env.logs()).append('\n');
    System.out.print(out);
    System.out.flush();
  }

  // --- requests ---

  private static LongFunction<HttpRequest> apply(BenchEnvironment env, String token) {
    URI uri = URI.create(env.hubUrl() + "/api/v1/applications");
    return i ->
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "bench-" + UUID.randomUUID())
            .POST(HttpRequest.BodyPublishers.ofString(APPLY_BODY))
            .build();
  }

  /**
   * A detached JWS as the hub's delivery carries it, with the authorisation (the DCY card's lawful
   * basis) in its protected header: the agency refuses one without.
   */
  private static String signedAsTheHubDoes(JwsSigner signer, byte[] body) {
    return new String(
        signer.sign(body, Authorisation.basis("public_task")).detachedSignature(),
        StandardCharsets.US_ASCII);
  }

  /** The agency-format request of the first application, re-referenced and signed per request. */
  private static LongFunction<HttpRequest> direct(
      BenchEnvironment env, String agencyBody, String firstId, JwsSigner signer) {
    URI uri = URI.create(env.sandboxUrl() + "/agencies/dcy/newborn-grant/v1/applications");
    String prefix = firstId.substring(0, firstId.length() - 8);
    return i -> {
      String reference = prefix + String.format(Locale.ROOT, "B%07d", Math.abs(i) % 10_000_000);
      byte[] body = agencyBody.replace(firstId, reference).getBytes(StandardCharsets.UTF_8);
      String messageId = UUID.randomUUID().toString();
      return HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json")
          .header("X-Api-Key", API_KEY)
          .header("X-Message-Id", messageId)
          .header("X-Correlation-Id", messageId)
          .header("X-Application-Id", reference)
          .header("X-JWS-Signature", signedAsTheHubDoes(signer, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
    };
  }

  // --- setup and control ---

  private static String token(LoadDriver load, BenchEnvironment env, String persona)
      throws Exception {
    HttpResponse<String> response =
        load.call(
            HttpRequest.newBuilder(
                    URI.create(
                        env.sandboxUrl() + "/sandbox/v1/digital-id/personas/" + persona + "/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"expiresInSeconds\":14400}"))
                .build());
    expect(response, 200, "token for " + persona);
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  private static void agencyLatency(LoadDriver load, BenchEnvironment env, int millis)
      throws Exception {
    expect(
        load.call(
            HttpRequest.newBuilder(URI.create(env.sandboxUrl() + "/sandbox/v1/agencies/dcy/faults"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"mode\":\"none\",\"latencyMillis\":" + millis + "}"))
                .build()),
        200,
        "agency latency");
  }

  private static void routeSwitch(
      LoadDriver load, BenchEnvironment env, String operator, String action) throws Exception {
    expect(
        load.call(
            HttpRequest.newBuilder(
                    URI.create(
                        env.hubUrl()
                            + "/ops/v1/routes/"
                            + BenchEnvironment.ROUTE
                            + "/"
                            + action
                            + "?reason=benchmark"))
                .header("Authorization", "Bearer " + operator)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build()),
        200,
        "route " + action);
  }

  private static void expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          what + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }

  /**
   * Waits until the hub's work for every application is done: acknowledged by the agency and its
   * status told to the portal (no pending webhook). A phase that starts before the webhooks are out
   * measures them too: a hub that defers its webhooks past its own window would tax the next phase
   * (the direct baseline shares the sandbox and the machine) and look faster than one that sends
   * them on time. False on a stall (no progress for 60 s) or timeout.
   */
  private static boolean awaitDrained(HubDatabase db, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = -1;
    long lastProgress = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long delivered = db.delivered();
      long pendingWebhooks = db.pendingPortalEvents();
      if (delivered >= db.applications() && db.unpublished() == 0 && pendingWebhooks == 0) {
        return true;
      }
      long progress = delivered - pendingWebhooks;
      if (progress != last) {
        last = progress;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(60).toNanos()) {
        return false;
      }
      Thread.sleep(250);
    }
    return false;
  }

  private static void awaitPublished(HubDatabase db, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && db.unpublished() > 0) {
      Thread.sleep(250);
    }
  }

  private static CpuMeter cpuMeter(BenchEnvironment env) {
    Path pidFile = env.dataDir().resolve("postgres/postmaster.pid");
    return new CpuMeter()
        .add("hub", () -> ProcessHandle.of(env.hubPid()), false)
        .add("postgres", () -> postmaster(pidFile), true)
        .add("sandbox", () -> ProcessHandle.of(env.sandboxPid()), false)
        .add("client", () -> Optional.of(ProcessHandle.current()), false);
  }

  private static Optional<ProcessHandle> postmaster(Path pidFile) {
    try {
      return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void jfr(long pid, String name, BenchEnvironment env, int seconds) {
    Path file = env.logs().resolve(name + ".jfr");
    try {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  Long.toString(pid),
                  "JFR.start",
                  "name=bench-" + name,
                  "settings=profile",
                  "duration=" + seconds + "s",
                  "filename=" + file)
              .redirectErrorStream(true)
              .redirectOutput(env.logs().resolve(name + "-jcmd.log").toFile())
              .start();
      p.waitFor();
      log("JFR recording of the " + name + " for " + seconds + " s to " + file);
    } catch (IOException e) {
      log("cannot start JFR on the " + name + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- formatting ---

  private static void row(StringBuilder out, String fmt, LoadDriver.Result r) {
    row(out, fmt, r, r.targetRate() > 0 ? f1(r.targetRate()) : "");
  }

  private static void row(StringBuilder out, String fmt, LoadDriver.Result r, String first) {
    out.append(
        String.format(
            Locale.ROOT,
            fmt,
            r.name(),
            first,
            f1(r.sentPerSecond()),
            f1(r.okPerSecond()),
            Long.toString(r.failed() + r.unsent()),
            f1(r.millis(50)),
            f1(r.millis(90)),
            f1(r.millis(99)),
            f1(r.maxMillis())));
    if (r.failed() > 0) {
      out.append("    answers by HTTP status (-1 = no answer): ").append(r.statuses()).append('\n');
    }
    if (r.unsent() > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "    %d requests due in the window were never sent (all %s in flight until it"
                  + " closed): counted as errors%n",
              r.unsent(),
              "requests"));
    }
    if (r.spanSeconds() > r.seconds() + 0.5) {
      out.append(
          String.format(
              Locale.ROOT,
              "    the last answer came %.1f s after the %.0f s window: ok/s is over %.1f s%n",
              r.spanSeconds() - r.seconds(),
              r.seconds(),
              r.spanSeconds()));
    }
    if (r.lateStarts() > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "    %d requests left > 1 ms after they were due (in-flight window full or client"
                  + " busy); their wait is in the latencies%n",
              r.lateStarts()));
    }
  }

  private static String cpuLine(String what, CpuMeter.Usage usage) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-32s", what + ":"));
    usage
        .byProcess()
        .forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.0f%%", k, v)));
    line.append(
        String.format(
            Locale.ROOT,
            "; machine busy %.0f%% of %d%%%n",
            usage.machineBusy(),
            100 * Runtime.getRuntime().availableProcessors()));
    return line.toString();
  }

  private static void target(StringBuilder out, String what, boolean met, String value) {
    out.append(
        String.format(Locale.ROOT, "  %-44s %-7s %s%n", what, met ? "MET" : "MISSED", value));
  }

  private static String brief(LoadDriver.Result r) {
    return String.format(
        Locale.ROOT,
        "%s %.0f ok/s p50 %.1f p99 %.1f ms, %d errors",
        r.name(),
        r.okPerSecond(),
        r.millis(50),
        r.millis(99),
        r.failed());
  }

  private static String f1(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static void log(String message) {
    System.err.println("[model3] " + message);
  }
}
