package org.saphan.hub.gdx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.saphan.catalog.Secret;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.EgressRequest;
import org.saphan.hub.security.egress.EgressResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire to GDX: one GET with the {@code Consumer-Key} header through the hub's {@link
 * EgressClient}, timeouts, and {@link GdxResilience}'s bounded retries with exponential backoff for
 * transient failures and circuit breaker around every attempt. An {@code egress_refused} is neither
 * retried nor a breaker failure: it is a setting to fix, not an outage.
 *
 * <p>Only GETs are sent, and every GDX GET used here is idempotent, so they are the only calls
 * retried. A GDX answer that is a decision (401, 403/90001, 404, a laser-check code {@code [n]}) is
 * returned to the caller as is: it is neither retried nor a breaker failure.
 *
 * <p>Nothing personal reaches the log: requests are named by a log-safe operation label, never by
 * URL (the query holds the ConsumerSecret, citizen ids and names).
 */
final class GdxHttp {

  /**
   * An answer from GDX: status, raw body, the body as JSON when it is JSON, and its Code; with the
   * SHA-256 of the request URL it answered (UTF-8, as sent: a GDX call is a GET whose query holds
   * its parameters), for the message log.
   */
  record Answer(int status, byte[] body, JsonNode json, String code, String requestSha256) {

    /** An answer not yet tied to its request. */
    Answer(int status, byte[] body, JsonNode json, String code) {
      this(status, body, json, code, null);
    }

    Answer sentAs(String requestHash) {
      return new Answer(status, body, json, code, requestHash);
    }

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** A failure of GDX itself, worth a retry and counted by the breaker. */
    boolean isTransient() {
      if (status == 500) {
        return !hasDecisionCode();
      }
      return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** A laser-check decision code such as {@code [2]} or {@code [4]}. */
    boolean hasDecisionCode() {
      return code != null && code.matches("\\[\\d+]");
    }
  }

  static final String CONSUMER_KEY = "Consumer-Key";
  static final String TOKEN = "Token";

  private static final Logger log = LoggerFactory.getLogger(GdxHttp.class);

  /** The party name of GDX in egress problems and metrics. */
  static final String PARTY = "gdx";

  private final EgressClient egress;
  private final String baseUrl;
  private final Secret consumerKey;
  private final Duration budget;
  private final int attempts;
  private final GdxResilience resilience;
  private final ObjectMapper mapper;

  GdxHttp(
      EgressClient egress,
      URI baseUrl,
      Secret consumerKey,
      Duration connectTimeout,
      Duration readTimeout,
      GdxResilience resilience,
      ObjectMapper mapper) {
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.consumerKey = consumerKey;
    this.budget = connectTimeout.plus(readTimeout);
    this.attempts = resilience.attempts();
    this.resilience = resilience;
    this.mapper = mapper;
    this.egress = egress;
  }

  /**
   * Sends a GET, retrying transient failures.
   *
   * @param operation a log-safe label of the call (no personal data)
   * @param path the path under the base URL
   * @param query query parameters, in order; values are URL-encoded here
   * @param extraHeaders headers besides Consumer-Key and Accept
   * @throws SaphanException {@link ErrorCode#GDX_UNAVAILABLE} when the circuit is open or GDX did
   *     not answer (timeouts, refused connections, 502/503/504) within the retries; {@link
   *     ErrorCode#GDX_REFUSED} when GDX kept answering 500
   */
  Answer get(
      String operation, String path, Map<String, String> query, Map<String, String> extraHeaders) {
    EgressRequest request = request(path, query, extraHeaders);
    int[] attempt = {0};
    Answer answer;
    try {
      answer = resilience.call(() -> attempt(operation, request, ++attempt[0]));
    } catch (CallNotPermittedException e) {
      throw circuitOpen(operation);
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // Resilience4j ends a retry wait cut short by an interrupt with the failure it waited on
        throw SaphanException.system(
            ErrorCode.GDX_UNAVAILABLE, "Interrupted while waiting to retry GDX " + operation, e);
      }
      if (e instanceof SaphanException failure && failure.code() != ErrorCode.EGRESS_REFUSED) {
        throw exhausted(operation, null, failure);
      }
      throw e;
    }
    if (answer.isTransient()) {
      throw exhausted(operation, answer, null);
    }
    return answer.sentAs(Digests.sha256(request.url().toString()));
  }

  /** One attempt: the answer, or the egress failure as a {@link SaphanException}. */
  private Answer attempt(String operation, EgressRequest request, int attempt) {
    long started = System.nanoTime();
    try {
      Answer answer = answer(egress.send(PARTY, request));
      log.debug(
          "GDX {} -> {} in {} ms (attempt {}/{})",
          operation,
          answer.status(),
          elapsedMillis(started),
          attempt,
          attempts);
      return answer;
    } catch (SaphanException e) {
      if (e.code() != ErrorCode.EGRESS_REFUSED) {
        log.debug(
            "GDX {} failed in {} ms (attempt {}/{}): {}",
            operation,
            elapsedMillis(started),
            attempt,
            attempts,
            e.code().code());
      }
      throw e;
    }
  }

  /** The current breaker state, for health reporting. */
  CircuitBreaker.State circuitState() {
    return resilience.state();
  }

  private EgressRequest request(String path, Map<String, String> query, Map<String, String> extra) {
    StringJoiner params = new StringJoiner("&");
    query.forEach(
        (name, value) ->
            params.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    String uri = baseUrl + path + (query.isEmpty() ? "" : "?" + params);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CONSUMER_KEY, consumerKey.reveal());
    headers.putAll(extra);
    return EgressRequest.get(URI.create(uri))
        .withAccept("application/json")
        .withHeaders(headers)
        .withTimeout(budget);
  }

  private Answer answer(EgressResponse response) {
    byte[] body = response.body();
    JsonNode json = null;
    if (body.length > 0) {
      try {
        json = mapper.readTree(body);
      } catch (IOException e) {
        json = null;
      }
    }
    String code = null;
    if (json != null && json.isObject()) {
      JsonNode node = json.get("Code");
      if (node != null && !node.isNull() && !node.isContainerNode()) {
        code = node.asText().trim();
      }
    }
    return new Answer(response.status(), body, json, code);
  }

  private SaphanException circuitOpen(String operation) {
    long seconds = Math.max(1, resilience.remainingOpen().toSeconds());
    return SaphanException.business(
        ErrorCode.GDX_UNAVAILABLE,
        "GDX is not called ("
            + operation
            + "): the circuit is open after repeated failures; next trial in about "
            + seconds
            + " s",
        Map.of("retryAfterSeconds", seconds));
  }

  private SaphanException exhausted(
      String operation, Answer lastAnswer, SaphanException lastError) {
    String tries = attempts == 1 ? "1 attempt" : attempts + " attempts";
    if (lastError != null) {
      String what =
          lastError.getMessage() != null
                  && (lastError.getMessage().contains("no answer within")
                      || lastError.getMessage().contains("timed out"))
              ? "did not answer in time"
              : "could not be reached";
      return SaphanException.system(
          ErrorCode.GDX_UNAVAILABLE,
          "GDX " + what + " (" + operation + ", " + tries + ")",
          lastError);
    }
    if (lastAnswer.status() == 500) {
      return SaphanException.business(
          ErrorCode.GDX_REFUSED,
          "GDX answered 500 to " + operation + " (" + tries + ")",
          safeCode(lastAnswer.code())
              .map(c -> Map.<String, Object>of("gdxCode", c))
              .orElse(Map.of()));
    }
    return SaphanException.business(
        ErrorCode.GDX_UNAVAILABLE,
        "GDX answered " + lastAnswer.status() + " to " + operation + " (" + tries + ")",
        Map.of("gdxStatus", lastAnswer.status()));
  }

  /** A GDX {@code Code} fit for a problem body or a log line: short, no free text. */
  static Optional<String> safeCode(String code) {
    return Optional.ofNullable(code).filter(c -> c.matches("[A-Za-z0-9\\[\\]_-]{1,16}"));
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
