package org.saphan.hub.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.ClockTicker;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.EgressRequest;
import org.saphan.hub.security.egress.EgressResponse;

/**
 * The Digital ID userinfo endpoint, for claims a token does not carry: called with the citizen's
 * token and cached until that token expires (keyed by the token's hash, never the token).
 */
public final class UserinfoClient {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int MAX_BODY = 64 * 1024;

  private record Cached(Map<String, Object> claims, long expiresAtEpochSecond) {}

  /** The party name of Digital ID in egress problems and metrics. */
  static final String PARTY = "digital-id";

  private final URI endpoint;
  private final EgressClient egress;
  private final Duration timeout;
  private final ObjectMapper json = Json.strict();
  private final Cache<String, Cached> cache;

  public UserinfoClient(URI endpoint, Duration timeout, Clock clock, EgressClient egress) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.egress = egress;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .ticker(new ClockTicker(clock))
            .expireAfter(
                new Expiry<String, Cached>() {
                  @Override
                  public long expireAfterCreate(String key, Cached value, long currentTime) {
                    long nanos =
                        Duration.ofSeconds(
                                value.expiresAtEpochSecond() - clock.instant().getEpochSecond())
                            .toNanos();
                    return Math.max(0, nanos);
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Cached value, long currentTime, long currentDuration) {
                    return currentDuration;
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Cached value, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  /** The userinfo claims for {@code token}, valid until {@code expiresAtEpochSecond}. */
  public Map<String, Object> claims(String token, long expiresAtEpochSecond) {
    return cache
        .get(Digests.sha256(token), key -> new Cached(fetch(token), expiresAtEpochSecond))
        .claims();
  }

  private Map<String, Object> fetch(String token) {
    EgressRequest request =
        EgressRequest.get(endpoint)
            .withAccept("application/json")
            .withHeaders(Map.of("Authorization", "Bearer " + token))
            .withTimeout(timeout)
            .withMaxBody(MAX_BODY);
    EgressResponse response;
    try {
      response = egress.send(PARTY, request);
    } catch (SaphanException e) {
      if (e.code() == ErrorCode.EGRESS_REFUSED) {
        throw e;
      }
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE, "Digital ID userinfo unreachable: " + e.getMessage(), e);
    }
    if (response.status() == 401 || response.status() == 403) {
      throw SaphanException.validation(
          ErrorCode.TOKEN_INVALID, "Digital ID refused the token at userinfo");
    }
    if (response.status() != 200) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          "Digital ID userinfo answered " + response.status(),
          null);
    }
    try {
      return json.readValue(response.body(), MAP);
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE, "Digital ID userinfo answered malformed JSON", e);
    }
  }
}
