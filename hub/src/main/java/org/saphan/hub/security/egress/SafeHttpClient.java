package org.saphan.hub.security.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.Timeout;
import org.saphan.hub.error.SaphanException;

/**
 * The hub's one HTTP client underneath {@link EgressClient}, safe against server-side request
 * forgery.
 *
 * <p>Every URL, the first and each redirect hop, must pass the card's {@link AllowList} (scheme,
 * host and port) before any DNS lookup; the host is then resolved once through the {@link
 * EgressPolicy}, which refuses loopback, private, link-local and other internal addresses, and the
 * connection goes to exactly the addresses it approved. Redirects are followed here, never by the
 * underlying client; bodies are read up to a limit, never buffered unbounded. No proxies from
 * system properties, no cookies, no authentication, no retries.
 *
 * <p>Failures are {@link SaphanException}s: {@code egress_refused} (the URL and the reason, with
 * the refused {@code location} for a redirect; nothing was sent to it), {@code
 * upstream_unavailable} (timeout, connection refused, unknown host, 5xx for callers that say so),
 * {@code upstream_bad_response} (body too large).
 */
public final class SafeHttpClient implements AutoCloseable {

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_HEADER_LINE = 8 * 1024;
  private static final int MAX_HEADER_COUNT = 100;

  private final EgressProperties properties;
  private final EgressPolicy policy;
  private final PoolingHttpClientConnectionManager connections;
  private final CloseableHttpClient http;
  private final ScheduledThreadPoolExecutor deadlines;

  /** A client on the system DNS. */
  public SafeHttpClient(EgressProperties properties) {
    this(properties, HostResolver.system());
  }

  /**
   * A client on the given resolver (tests put their own DNS here).
   *
   * @throws IllegalArgumentException when {@code allowedPrivateCidrs} holds something not CIDR
   */
  public SafeHttpClient(EgressProperties properties, HostResolver resolver) {
    this.properties = properties;
    this.policy = EgressPolicy.from(properties);
    Timeout connect = Timeout.of(properties.getConnectTimeout());
    Timeout read = Timeout.of(properties.getReadTimeout());
    this.connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new GuardedDnsResolver(resolver, policy))
            .setDefaultConnectionConfig(
                ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
            .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
            .setConnectionFactory(
                ManagedHttpClientConnectionFactory.builder()
                    .http1Config(
                        Http1Config.custom()
                            .setMaxLineLength(MAX_HEADER_LINE)
                            .setMaxHeaderCount(MAX_HEADER_COUNT)
                            .build())
                    .build())
            .setMaxConnPerRoute(properties.getMaxConnectionsPerHost())
            .setMaxConnTotal(properties.getMaxConnectionsTotal())
            .build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(connections)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .setUserAgent(properties.getUserAgent())
            .build();
    this.deadlines = new ScheduledThreadPoolExecutor(1, SafeHttpClient::deadlineThread);
    this.deadlines.setRemoveOnCancelPolicy(true);
  }

  private static Thread deadlineThread(Runnable runnable) {
    Thread thread = new Thread(runnable, "saphan-egress-deadline");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Sends a request to a URL the allow-list permits, following permitted redirects (GET and HEAD; a
   * POST's redirect is returned as its answer).
   *
   * @return the final answer, whatever its status (callers decide what a 404 means to them)
   * @throws SaphanException {@code egress_refused}, {@code upstream_unavailable} or {@code
   *     upstream_bad_response}
   */
  public EgressResponse execute(EgressRequest request, AllowList allow) {
    long started = System.nanoTime();
    Duration budget =
        request.timeout() != null
            ? request.timeout()
            : properties.getConnectTimeout().plus(properties.getReadTimeout());
    long deadline = started + budget.toNanos();
    Target target;
    try {
      target = checkHost(allow.check(request.url()));
    } catch (Refused e) {
      throw EgressProblems.refused(request.url(), e);
    }
    String via = null;
    int redirects = 0;
    while (true) {
      Hop hop = exchange(request, target, via, deadline, budget);
      if (hop.location() == null) {
        return new EgressResponse(
            request.url(),
            target.uri(),
            hop.status(),
            hop.contentType(),
            hop.body(),
            hop.truncated(),
            redirects,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
            hop.extensionHeaders());
      }
      target = nextHop(request.url(), allow, target, hop.location(), redirects);
      via = target.uri().toString();
      redirects++;
    }
  }

  private Target nextHop(
      URI url, AllowList allow, Target from, String location, int redirectsSoFar) {
    URI next = null;
    try {
      if (redirectsSoFar >= properties.getMaxRedirects()) {
        throw new Refused(
            RefusalReason.TOO_MANY_REDIRECTS,
            "more than " + properties.getMaxRedirects() + " redirects");
      }
      URI base = from.uri();
      if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
        base = base.resolve("/");
      }
      try {
        next = base.resolve(new URI(location));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new Refused(RefusalReason.MALFORMED_URL, "the Location is not a URL");
      }
      Target target = checkHost(allow.check(next));
      if (from.scheme().equals("https") && target.scheme().equals("http")) {
        throw new Refused(RefusalReason.SCHEME_DOWNGRADE, "redirect from https to plain http");
      }
      return target;
    } catch (Refused e) {
      String shown = next == null ? location : next.toString();
      throw EgressProblems.refusedRedirect(url, shown, e.reason(), e.getMessage());
    }
  }

  /** Refuses a host by its name alone (metadata names, internal literals) before any lookup. */
  private Target checkHost(Target target) {
    policy
        .hostRefusal(target.host())
        .ifPresent(
            why -> {
              throw new Refused(
                  RefusalReason.ADDRESS_NOT_ALLOWED, "host " + target.host() + " is " + why);
            });
    return target;
  }

  /** One request and its answer; a redirect's body is not read. */
  private record Hop(
      int status,
      String location,
      String contentType,
      byte[] body,
      boolean truncated,
      Map<String, String> extensionHeaders) {}

  /** Most {@code X-*} headers kept of an answer, and the longest value kept. */
  private static final int MAX_EXTENSION_HEADERS = 16;

  private static final int MAX_EXTENSION_HEADER_LENGTH = 16 * 1024;

  /** The answer's {@code X-*} headers (first value each), bounded in number and length. */
  private static Map<String, String> extensionHeaders(ClassicHttpResponse response) {
    Map<String, String> kept = new java.util.LinkedHashMap<>();
    for (Header header : response.getHeaders()) {
      String name = header.getName();
      if (kept.size() < MAX_EXTENSION_HEADERS
          && name.regionMatches(true, 0, "X-", 0, 2)
          && header.getValue() != null
          && header.getValue().length() <= MAX_EXTENSION_HEADER_LENGTH) {
        kept.putIfAbsent(name, header.getValue());
      }
    }
    return kept;
  }

  private Hop exchange(
      EgressRequest request, Target target, String via, long deadline, Duration budget) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw EgressProblems.unavailable(
          request.url(), EgressProblems.NO_ANSWER + budget.toMillis() + " ms", null);
    }
    HttpUriRequestBase call = newRequest(request, target, remaining);
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> timer =
        deadlines.schedule(
            () -> {
              expired.set(true);
              call.cancel();
            },
            remaining,
            TimeUnit.NANOSECONDS);
    ClassicHttpResponse response = null;
    try {
      HttpHost host = new HttpHost(target.scheme(), target.connectHost(), target.port());
      response = http.executeOpen(host, call, HttpClientContext.create());
      int status = response.getCode();
      Header location = response.getFirstHeader(HttpHeaders.LOCATION);
      // A POST is sent once and never re-sent elsewhere: its redirect is the caller's answer.
      if (REDIRECTS.contains(status)
          && location != null
          && request.method() != EgressRequest.Method.POST) {
        call.cancel(); // the redirect's body is of no use; do not drain it
        return new Hop(status, location.getValue(), null, new byte[0], false, Map.of());
      }
      Header contentType = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
      Body body = readBody(request, call, response);
      return new Hop(
          status,
          null,
          contentType == null ? null : contentType.getValue(),
          body.bytes(),
          body.truncated(),
          extensionHeaders(response));
    } catch (AddressRefusedException e) {
      if (via == null) {
        throw EgressProblems.refused(
            request.url(), RefusalReason.ADDRESS_NOT_ALLOWED, e.getMessage());
      }
      throw EgressProblems.refusedRedirect(
          request.url(), via, RefusalReason.ADDRESS_NOT_ALLOWED, e.getMessage());
    } catch (IOException e) {
      throw EgressProblems.unavailable(request.url(), describe(e, expired.get(), budget), e);
    } finally {
      timer.cancel(false);
      closeQuietly(response);
    }
  }

  @SuppressWarnings("deprecation") // the per-request connect timeout is what a probe budget needs
  private HttpUriRequestBase newRequest(EgressRequest request, Target target, long remainingNanos) {
    HttpUriRequestBase call = new HttpUriRequestBase(request.method().name(), URI.create("/"));
    // Set from the checked target, never from a re-parsed URI: what was checked is what is sent.
    call.setScheme(target.scheme());
    int defaultPort = Target.defaultPort(target.scheme());
    call.setAuthority(
        new URIAuthority(target.connectHost(), target.port() == defaultPort ? -1 : target.port()));
    call.setPath(target.pathAndQuery());
    if (request.accept() != null) {
      call.setHeader(HttpHeaders.ACCEPT, request.accept());
    }
    request.headers().forEach(call::setHeader);
    byte[] body = request.body();
    if (body != null) {
      call.setEntity(
          new ByteArrayEntity(
              body,
              request.contentType() == null ? null : ContentType.parse(request.contentType())));
    }
    Timeout remaining = Timeout.of(remainingNanos, TimeUnit.NANOSECONDS);
    call.setConfig(
        RequestConfig.custom()
            .setRedirectsEnabled(false)
            .setAuthenticationEnabled(false)
            .setProtocolUpgradeEnabled(false)
            .setConnectionRequestTimeout(min(properties.getConnectTimeout(), remaining))
            .setConnectTimeout(min(properties.getConnectTimeout(), remaining))
            // A caller that gave its own budget (an agency's 30 s) waits for the answer that long.
            .setResponseTimeout(
                request.timeout() != null ? remaining : min(properties.getReadTimeout(), remaining))
            .build());
    return call;
  }

  private static Timeout min(Duration configured, Timeout remaining) {
    Timeout own = Timeout.of(configured);
    return own.compareTo(remaining) <= 0 ? own : remaining;
  }

  private record Body(byte[] bytes, boolean truncated) {}

  private Body readBody(
      EgressRequest request, HttpUriRequestBase call, ClassicHttpResponse response)
      throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity == null || request.method() == EgressRequest.Method.HEAD) {
      return new Body(new byte[0], false);
    }
    long limit =
        request.maxBodyBytes() > 0
            ? Math.min(request.maxBodyBytes(), properties.getMaxResponseBytes())
            : properties.getMaxResponseBytes();
    long declared = entity.getContentLength();
    if (declared > limit && !request.truncateBody()) {
      call.cancel();
      throw tooLarge(request.url(), response.getCode(), limit);
    }
    InputStream in = entity.getContent();
    if (in == null) {
      return new Body(new byte[0], false);
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : 8192, limit));
    byte[] buffer = new byte[8192];
    long total = 0;
    while (total <= limit) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - total));
      if (n < 0) {
        return new Body(out.toByteArray(), false);
      }
      out.write(buffer, 0, n);
      total += n;
    }
    // More than the limit: drop the connection rather than drain an unbounded rest.
    call.cancel();
    if (!request.truncateBody()) {
      throw tooLarge(request.url(), response.getCode(), limit);
    }
    byte[] kept = new byte[(int) limit];
    System.arraycopy(out.toByteArray(), 0, kept, 0, kept.length);
    return new Body(kept, true);
  }

  private static SaphanException tooLarge(URI url, int status, long limit) {
    return EgressProblems.badResponse(
        url, EgressProblems.RESPONSE_TOO_LARGE, status, "body larger than " + limit + " bytes");
  }

  private static String describe(IOException e, boolean expired, Duration budget) {
    if (expired) {
      return EgressProblems.NO_ANSWER + budget.toMillis() + " ms";
    }
    if (e instanceof SocketTimeoutException) {
      return EgressProblems.TIMED_OUT + e.getMessage() + ")";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host (" + e.getMessage() + ")";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    if (response == null) {
      return;
    }
    try {
      response.close();
    } catch (IOException e) {
      // The answer was read or the call cancelled; a failing close changes neither.
    }
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
    http.close(CloseMode.IMMEDIATE);
    connections.close(CloseMode.IMMEDIATE);
  }
}
