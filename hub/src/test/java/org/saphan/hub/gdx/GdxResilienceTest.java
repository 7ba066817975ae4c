package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.saphan.hub.gdx.GdxAssertions.assertCode;
import static org.saphan.hub.gdx.GdxFixtures.SOMCHAI;
import static org.saphan.hub.gdx.GdxFixtures.UNKNOWN_CITIZEN;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.saphan.catalog.Secret;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.security.egress.TestEgress;
import org.saphan.hub.support.MutableClock;

/** Timeouts, bounded retries with backoff, and the circuit breaker, against an in-test GDX. */
class GdxResilienceTest {

  private MutableClock clock;
  private FakeGdx gdx;
  @RegisterExtension final RetryWaits pauses = new RetryWaits();

  @BeforeEach
  void setUp() {
    clock = new MutableClock(GdxFixtures.START);
    gdx = new FakeGdx(clock);
  }

  @AfterEach
  void tearDown() {
    gdx.close();
  }

  private GdxClient client(GdxProperties properties) {
    return new GdxClient(
        properties,
        Secret.of(FakeGdx.CONSUMER_KEY),
        Secret.of(FakeGdx.CONSUMER_SECRET),
        clock,
        TestEgress.loopback());
  }

  private GdxProperties breakerOfThree() {
    GdxProperties properties = GdxFixtures.properties(gdx.baseUrl());
    properties.setRetries(0);
    properties.setBreakerFailureThreshold(3);
    properties.setBreakerOpenDuration(Duration.ofSeconds(30));
    return properties;
  }

  @Test
  void shouldSucceedAfterTwoRetriesWithDoublingBackoffWhenGdxAnswers503Twice() {
    // given
    GdxClient client = client(GdxFixtures.properties(gdx.baseUrl()));
    gdx.failNext.set(2);
    // when
    LinkagePerson person = client.person(SOMCHAI);
    // then
    assertThat(person.firstName()).isEqualTo("สมชาย");
    assertThat(gdx.logins()).isEqualTo(3);
    assertThat(pauses.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void shouldGiveUpWithUnavailableAfterExactlyThreeAttemptsWhenGdxIsDown() {
    // given
    GdxClient client = client(GdxFixtures.properties(gdx.baseUrl()));
    gdx.down = true;
    // when / then
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE)
        .hasMessageContaining("3 attempts");
    assertThat(gdx.requests()).isEqualTo(3);
    assertThat(pauses.waits()).hasSize(2);
  }

  @Test
  void shouldGiveUpWithRefusedAfterRetriesWhenGdxKeepsAnswering500() {
    // given
    GdxClient client = client(GdxFixtures.properties(gdx.baseUrl()));
    client.person(SOMCHAI);
    gdx.error500Code = "500";
    // when / then
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_REFUSED);
    assertThat(gdx.linkCalls("001")).isEqualTo(1 + 3);
  }

  @Test
  void shouldFailWithUnavailableWhenTheWaitBeforeARetryIsInterrupted() {
    // given
    GdxClient client = client(GdxFixtures.properties(gdx.baseUrl()));
    client.person(SOMCHAI);
    gdx.failNext.set(1);
    pauses.interruptNext();
    // when / then
    try {
      assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE)
          .hasMessageContaining("Interrupted while waiting to retry GDX");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void shouldNotRetryWhenGdxAnswersNotFound() {
    // given
    GdxClient client = client(GdxFixtures.properties(gdx.baseUrl()));
    // when / then
    assertCode(() -> client.person(UNKNOWN_CITIZEN), ErrorCode.GDX_NOT_FOUND);
    assertThat(gdx.linkCalls("001")).isEqualTo(1);
    assertThat(pauses.waits()).isEmpty();
  }

  @Test
  void shouldFailWithUnavailableAfterBoundedAttemptsWhenGdxAnswersTooLate() {
    // given
    GdxProperties properties = GdxFixtures.properties(gdx.baseUrl());
    properties.setReadTimeout(Duration.ofMillis(200));
    properties.setRetries(1);
    GdxClient client = client(properties);
    gdx.slow = true;
    // when / then
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE)
        .hasMessageContaining("did not answer in time")
        .hasMessageContaining("2 attempts");
    await().atMost(Duration.ofSeconds(5)).until(() -> gdx.logins() == 2);
    assertThat(gdx.logins()).isEqualTo(2);
  }

  @Test
  void shouldFailWithUnavailableWhenNothingListensAtTheBaseUrl() throws IOException {
    // given
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    GdxProperties properties = GdxFixtures.properties(URI.create("http://127.0.0.1:" + port));
    GdxClient client = client(properties);
    // when / then
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE)
        .hasMessageContaining("could not be reached");
    assertThat(pauses.waits()).hasSize(2);
  }

  @Test
  void shouldOpenTheCircuitAndStopCallingGdxWhenThresholdFailuresAreReached() {
    // given
    GdxClient client = client(breakerOfThree());
    gdx.down = true;
    for (int i = 0; i < 3; i++) {
      assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE);
    }
    assertThat(gdx.requests()).isEqualTo(3);
    // when / then
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE)
        .hasMessageContaining("circuit is open");
    assertThat(gdx.requests()).isEqualTo(3);
    assertThat(client.circuitState()).isEqualTo("open");
  }

  @Test
  void shouldCloseTheCircuitWhenTheTrialCallSucceedsAfterTheOpenDuration() {
    // given
    GdxClient client = client(breakerOfThree());
    gdx.down = true;
    for (int i = 0; i < 3; i++) {
      assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE);
    }
    gdx.down = false;
    clock.advance(Duration.ofSeconds(29));
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE)
        .hasMessageContaining("circuit is open");
    // when
    clock.advance(Duration.ofSeconds(1));
    LinkagePerson person = client.person(SOMCHAI);
    // then
    assertThat(person.firstName()).isEqualTo("สมชาย");
    assertThat(client.circuitState()).isEqualTo("closed");
  }

  @Test
  void shouldOpenTheCircuitAgainWhenTheTrialCallFails() {
    // given
    GdxClient client = client(breakerOfThree());
    gdx.down = true;
    for (int i = 0; i < 3; i++) {
      assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE);
    }
    clock.advance(Duration.ofSeconds(30));
    // when
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE)
        .hasMessageNotContaining("circuit is open");
    // then
    assertThat(gdx.requests()).isEqualTo(4);
    assertThat(client.circuitState()).isEqualTo("open");
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_UNAVAILABLE)
        .hasMessageContaining("circuit is open");
    assertThat(gdx.requests()).isEqualTo(4);
  }

  @Test
  void shouldKeepTheCircuitClosedWhenGdxAnswersDecisionsLikeNotFound() {
    // given
    GdxClient client = client(breakerOfThree());
    // when
    for (int i = 0; i < 5; i++) {
      assertCode(() -> client.person(UNKNOWN_CITIZEN), ErrorCode.GDX_NOT_FOUND);
    }
    // then
    assertThat(client.circuitState()).isEqualTo("closed");
    assertThat(gdx.linkCalls("001")).isEqualTo(5);
  }
}
