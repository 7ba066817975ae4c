package org.saphan.hub.routes.delivery;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Calls REST agencies: one pooled HTTP client per connector, sized to the card's concurrency, so
 * one slow agency cannot take another's connections.
 */
public class RestTransport implements AutoCloseable {

  /** Largest answer read from an agency. */
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private final Map<String, CloseableHttpClient> clients = new ConcurrentHashMap<>();
  private final Timeout connectTimeout;
  private final Timeout responseTimeout;

  public RestTransport(java.time.Duration connectTimeout, java.time.Duration responseTimeout) {
    this.connectTimeout = Timeout.ofMilliseconds(connectTimeout.toMillis());
    this.responseTimeout = Timeout.ofMilliseconds(responseTimeout.toMillis());
  }

  /**
   * POSTs a JSON body.
   *
   * @throws DeliveryFailure transient when the agency cannot be reached or times out
   */
  public AgencyCall post(
      String connector, int concurrency, URI endpoint, byte[] body, Map<String, String> headers) {
    CloseableHttpClient client = clients.computeIfAbsent(connector, c -> newClient(concurrency));
    HttpPost post = new HttpPost(endpoint);
    post.setEntity(
        new ByteArrayEntity(
            body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
    post.setHeader("Accept", "application/json");
    headers.forEach(post::setHeader);
    long started = System.nanoTime();
    try {
      return client.execute(
          post,
          response -> {
            String contentType =
                response.getEntity() == null || response.getEntity().getContentType() == null
                    ? ""
                    : response.getEntity().getContentType();
            if (response.getEntity() != null
                && response.getEntity().getContentLength() > MAX_RESPONSE_BYTES) {
              throw DeliveryFailure.permanent(
                  "malformed_response", "the agency answered more than 1 MiB", null);
            }
            String text =
                response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), MAX_RESPONSE_BYTES);
            return new AgencyCall(
                response.getCode(),
                contentType,
                text,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
          });
    } catch (IOException e) {
      throw DeliveryFailure.transientFailure(
          "agency_unavailable",
          "agency unreachable at "
              + endpoint.getHost()
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          e);
    }
  }

  private CloseableHttpClient newClient(int concurrency) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(Math.max(2, concurrency * 2))
            .setMaxConnTotal(Math.max(4, concurrency * 4))
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(connectTimeout)
                    .setSocketTimeout(responseTimeout)
                    .build())
            .build();
    return HttpClients.custom()
        .setConnectionManager(pool)
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(responseTimeout).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .build();
  }

  @Override
  public void close() throws IOException {
    for (CloseableHttpClient client : clients.values()) {
      client.close();
    }
  }
}
