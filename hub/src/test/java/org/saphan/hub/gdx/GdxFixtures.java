package org.saphan.hub.gdx;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** Citizens of the copied records and settings for tests. */
final class GdxFixtures {

  /** สมชาย ใจดี: born 25180712, house 10120184523 in Bangkok, card JT3101245678 (NORMAL). */
  static final String SOMCHAI = "3101200456789";

  /** วิชัย มีสุข: born in May BE 2538, day unknown (25380500). */
  static final String WICHAI = "1100500123451";

  /** มาลี: a NORMAL card and a card void since an address change (MF1209876543). */
  static final String MALEE = "3659900012347";

  /** The operator persona: born in BE 2529, month and day unknown (25290000). */
  static final String OPERATOR = "2300100556675";

  /** A well-formed id (valid check digit) that the registers do not hold. */
  static final String UNKNOWN_CITIZEN = "1101400999992";

  static final Instant START = Instant.parse("2026-03-02T02:00:00Z");

  private GdxFixtures() {}

  /** Settings for a fast test: short backoff, small breaker, generous read timeout. */
  static GdxProperties properties(URI baseUrl) {
    GdxProperties properties = new GdxProperties();
    properties.setBaseUrl(baseUrl);
    properties.setAgentId(FakeGdx.AGENT_ID);
    properties.setConnectTimeout(Duration.ofSeconds(2));
    properties.setReadTimeout(Duration.ofSeconds(5));
    properties.setRetries(2);
    properties.setRetryBackoff(Duration.ofMillis(100));
    properties.setBreakerFailureThreshold(10);
    properties.setBreakerOpenDuration(Duration.ofSeconds(30));
    return properties;
  }
}
