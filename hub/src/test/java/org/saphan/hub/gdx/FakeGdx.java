package org.saphan.hub.gdx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test GDX answering as the sandbox simulator does: the token login with a 60-minute idle
 * lifetime on the shared clock, the officer's session, Linkage 001/008 from copied records, the
 * laser-code check, and the faults the tests need. Counts and logs every request.
 */
final class FakeGdx implements AutoCloseable {

  static final String CONSUMER_KEY = "test-gdx-consumer-key";
  static final String CONSUMER_SECRET = "test-gdx-consumer-secret";
  static final String AGENT_ID = "1103700112235";

  /** A request as GDX saw it. */
  record Call(String path, String serviceId, String consumerKey, String token, int status) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration IDLE = Duration.ofMinutes(60);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Clock clock;
  private final Map<String, JsonNode> records = new HashMap<>();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  /** Answer 503 to everything. */
  volatile boolean down;

  /** Hold every answer until {@link #slowGate} opens (a read timeout on the client). */
  volatile boolean slow;

  /** Answer Linkage reads and card checks with 500 and this Code. */
  volatile String error500Code;

  /** Answer this many data calls with 401 and kill the token they presented. */
  final AtomicInteger expireTokens = new AtomicInteger();

  /** Refuse every token on data calls (a GDX that keeps answering 401). */
  volatile boolean refuseAllTokens;

  /** Answer the next n requests with 503, then normally. */
  final AtomicInteger failNext = new AtomicInteger();

  /** The officer's GovAMI session state. */
  volatile String sessionState = "AgentAvailable";

  /** Answer Linkage 001 with a person whose dateOfBirth is this value, when set. */
  volatile Object dateOfBirthOverride;

  /** Hold logins until this latch opens, when set. */
  volatile CountDownLatch loginGate;

  /** Opens to release held answers; opened on close so no handler outlives the test. */
  final CountDownLatch slowGate = new CountDownLatch(1);

  FakeGdx(Clock clock) {
    this.clock = clock;
    loadRecords();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Requests to a path (and, for Linkage, a service id), whatever the answer. */
  int count(String path) {
    return counts.getOrDefault(path, new AtomicInteger()).get();
  }

  int logins() {
    return count(GdxClient.VALIDATE);
  }

  int linkCalls(String serviceId) {
    return count(GdxClient.LINK + "#" + serviceId);
  }

  int requests() {
    return calls.size();
  }

  @Override
  public void close() {
    slowGate.countDown();
    CountDownLatch gate = loginGate;
    if (gate != null) {
      gate.countDown();
    }
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String key = exchange.getRequestHeaders().getFirst("Consumer-Key");
    String token = exchange.getRequestHeaders().getFirst("Token");
    String serviceId = GdxClient.LINK.equals(path) ? query.get("ServiceID") : null;
    counts
        .computeIfAbsent(
            serviceId == null ? path : path + "#" + serviceId, k -> new AtomicInteger())
        .incrementAndGet();
    Answer answer;
    try {
      answer = answer(path, query, key, token);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = new Answer(503, error("503", "interrupted"));
    }
    calls.add(new Call(path, serviceId, key, token, answer.status()));
    byte[] body = JSON.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    try {
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
    } catch (IOException e) {
      // the client gave up (read timeout): nothing to answer
    } finally {
      exchange.close();
    }
  }

  private record Answer(int status, Object body) {}

  private Answer answer(String path, Map<String, String> q, String key, String token)
      throws InterruptedException {
    if (slow) {
      slowGate.await(30, TimeUnit.SECONDS);
    }
    if (down || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new Answer(503, error("503", "Service Unavailable"));
    }
    if (!CONSUMER_KEY.equals(key)) {
      return new Answer(401, error("401", "invalid Consumer-Key"));
    }
    switch (path) {
      case GdxClient.VALIDATE:
        return login(q);
      case GdxClient.PERMISSION:
        return permission(q, token);
      case GdxClient.LINK:
        return link(q, token);
      case GdxClient.VERIFICATION:
        return verification(q, token);
      default:
        return new Answer(404, error("404", "no such API"));
    }
  }

  private Answer login(Map<String, String> q) throws InterruptedException {
    CountDownLatch gate = loginGate;
    if (gate != null) {
      gate.await(30, TimeUnit.SECONDS);
    }
    if (!CONSUMER_SECRET.equals(q.get("ConsumerSecret"))) {
      return new Answer(401, error("401", "invalid Consumer-Key or ConsumerSecret"));
    }
    String token = UUID.randomUUID().toString();
    tokens.put(token, clock.instant());
    return new Answer(200, Map.of("Result", token));
  }

  /** The gateway's token check; renews the token. Null when accepted. */
  private Answer checkToken(String token) {
    if (token == null) {
      return new Answer(401, error("401", "Token is required"));
    }
    if (refuseAllTokens) {
      return new Answer(401, error("401", "invalid token"));
    }
    if (expireTokens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      tokens.remove(token);
      return new Answer(401, error("401", "token expired"));
    }
    Instant now = clock.instant();
    Instant last = tokens.get(token);
    if (last == null || !now.isBefore(last.plus(IDLE))) {
      tokens.remove(token);
      return new Answer(401, error("401", "token expired"));
    }
    tokens.put(token, now);
    return null;
  }

  private Answer permission(Map<String, String> q, String token) {
    if (!CONSUMER_KEY.equals(q.get("Consumer"))) {
      return new Answer(401, error("401", "invalid Consumer"));
    }
    Answer refused = checkToken(token);
    if (refused != null) {
      return refused;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("AgentID", q.get("CitizenID"));
    body.put("CitizenID", q.get("CitizenID"));
    body.put(
        "SessionState", AGENT_ID.equals(q.get("CitizenID")) ? sessionState : "AgentNotAvailable");
    return new Answer(200, body);
  }

  private Answer link(Map<String, String> q, String token) {
    Answer refused = checkToken(token);
    if (refused != null) {
      return refused;
    }
    if ("AgentNotAvailable".equals(sessionState)) {
      return new Answer(403, error("90001", "เจ้าหน้าที่ยังไม่ได้ยืนยันตัวตนเพื่อใช้งานระบบ DOPA"));
    }
    if (error500Code != null) {
      return new Answer(500, error(error500Code, "Internal Server Error"));
    }
    if (!"00023".equals(q.get("OfficeID")) || !"01".equals(q.get("Version"))) {
      return new Answer(400, error("400", "unknown service"));
    }
    JsonNode record = records.get(q.get("CitizenID"));
    if (record == null) {
      return new Answer(404, error("00001", "ไม่พบข้อมูล"));
    }
    if ("008".equals(q.get("ServiceID"))) {
      return new Answer(200, record.get("house"));
    }
    if (!"001".equals(q.get("ServiceID"))) {
      return new Answer(400, error("400", "unknown service"));
    }
    Map<String, Object> person = JSON.convertValue(record.get("person"), Map.class);
    person.put("age", 30);
    if (dateOfBirthOverride != null) {
      person.put("dateOfBirth", dateOfBirthOverride);
    }
    return new Answer(200, person);
  }

  private Answer verification(Map<String, String> q, String token) {
    Answer refused = checkToken(token);
    if (refused != null) {
      return refused;
    }
    if (error500Code != null) {
      return new Answer(500, error(error500Code, "Internal Server Error"));
    }
    JsonNode record = records.get(q.get("CitizenID"));
    if (record == null) {
      return new Answer(500, error("[4]", "ไม่พบเลข Laser จาก PID นี้"));
    }
    JsonNode card = null;
    for (JsonNode c : record.get("cards")) {
      if (c.get("laserCode").asText().equals(q.get("LaserCode"))) {
        card = c;
      }
    }
    if (card == null) {
      return new Answer(500, error("[4]", "ไม่พบเลข Laser จาก PID นี้"));
    }
    JsonNode person = record.get("person");
    if (!person.get("firstName").asText().equals(q.get("FirstName"))
        || !person.get("lastName").asText().equals(q.get("LastName"))
        || !birthMatches(q.get("BEBirthDate"), person.get("dateOfBirth").asInt())) {
      return new Answer(500, error("[4]", "ข้อมูลไม่ตรง"));
    }
    String status = card.get("status").asText();
    if ("VOIDED_ADDRESS_CHANGE".equals(status)) {
      return new Answer(500, error("[2]", "บัตรสิ้นสภาพเนื่องจากเปลี่ยนแปลงที่อยู่"));
    }
    return new Answer(200, Map.of("Result", "NORMAL".equals(status)));
  }

  /** As the simulator: a part the caller writes 00 matches anything; a known part must match. */
  private static boolean birthMatches(String given, int registered) {
    if (given == null || !given.matches("\\d{8}")) {
      return false;
    }
    int value = Integer.parseInt(given);
    return value / 10_000 == registered / 10_000
        && part(value / 100 % 100, registered / 100 % 100)
        && part(value % 100, registered % 100);
  }

  private static boolean part(int given, int registered) {
    return given == 0 || given == registered;
  }

  private static Map<String, String> error(String code, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("Code", code);
    body.put("Message", message);
    return body;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private void loadRecords() {
    try (InputStream in = FakeGdx.class.getResourceAsStream("/gdx/records.json")) {
      for (JsonNode record : JSON.readTree(in)) {
        records.put(record.get("citizenId").asText(), record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
