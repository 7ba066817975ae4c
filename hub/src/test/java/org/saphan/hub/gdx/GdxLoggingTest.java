package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.saphan.hub.gdx.GdxAssertions.assertCode;
import static org.saphan.hub.gdx.GdxFixtures.MALEE;
import static org.saphan.hub.gdx.GdxFixtures.SOMCHAI;
import static org.saphan.hub.gdx.GdxFixtures.UNKNOWN_CITIZEN;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.saphan.catalog.Secret;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.security.egress.TestEgress;
import org.saphan.hub.support.MutableClock;
import org.slf4j.LoggerFactory;

/** Even at DEBUG, the connector logs no citizen id, name, address, secret or token. */
class GdxLoggingTest {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger logger;
  private Level previous;
  @RegisterExtension final RetryWaits waits = new RetryWaits();
  private MutableClock clock;
  private FakeGdx gdx;
  private GdxClient client;

  @BeforeEach
  void setUp() {
    logger = (Logger) LoggerFactory.getLogger("org.saphan.hub.gdx");
    previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
    clock = new MutableClock(GdxFixtures.START);
    gdx = new FakeGdx(clock);
    client =
        new GdxClient(
            GdxFixtures.properties(gdx.baseUrl()),
            Secret.of(FakeGdx.CONSUMER_KEY),
            Secret.of(FakeGdx.CONSUMER_SECRET),
            clock,
            TestEgress.loopback());
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
    gdx.close();
  }

  @Test
  void shouldLogNoPersonalDataNorSecretsWhenCallsSucceedAndFail() {
    // given
    client.read(SOMCHAI, Set.of(GdxFields.IDENTITY, GdxFields.HOUSEHOLD, GdxFields.PARENTS));
    clock.advance(Duration.ofMinutes(61));
    gdx.expireTokens.set(1);
    client.person(SOMCHAI);
    assertCode(() -> client.person(UNKNOWN_CITIZEN), ErrorCode.GDX_NOT_FOUND);
    assertCode(
        () ->
            client.verifyCard(
                MALEE, "มาลี", "ศรีสวัสดิ์", PartialDate.parse("1980-09-18"), "MF1209876543"),
        ErrorCode.GDX_CARD_VOIDED);
    gdx.failNext.set(1);
    client.house(SOMCHAI);
    // when
    String logged =
        appender.list.stream()
            .map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy())
            .collect(Collectors.joining("\n"));
    Set<String> tokens =
        gdx.calls().stream()
            .map(FakeGdx.Call::token)
            .filter(t -> t != null)
            .collect(Collectors.toSet());
    // then
    assertThat(appender.list).isNotEmpty();
    assertThat(logged)
        .doesNotContain(SOMCHAI, MALEE, UNKNOWN_CITIZEN, FakeGdx.AGENT_ID)
        .doesNotContain("สมชาย", "ใจดี", "มาลี", "45/12", "10120184523", "MF1209876543")
        .doesNotContain(FakeGdx.CONSUMER_KEY, FakeGdx.CONSUMER_SECRET);
    assertThat(tokens).isNotEmpty().allSatisfy(t -> assertThat(logged).doesNotContain(t));
  }
}
