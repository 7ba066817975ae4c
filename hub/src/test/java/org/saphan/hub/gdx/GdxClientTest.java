package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.saphan.hub.gdx.GdxAssertions.assertCode;
import static org.saphan.hub.gdx.GdxFixtures.MALEE;
import static org.saphan.hub.gdx.GdxFixtures.SOMCHAI;
import static org.saphan.hub.gdx.GdxFixtures.UNKNOWN_CITIZEN;
import static org.saphan.hub.gdx.GdxFixtures.WICHAI;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.saphan.catalog.Secret;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.security.egress.TestEgress;
import org.saphan.hub.support.MutableClock;

/** The GDX client against an in-test GDX: login, token life, records, refusals, card check. */
class GdxClientTest {

  @RegisterExtension final RetryWaits waits = new RetryWaits();
  private MutableClock clock;
  private FakeGdx gdx;
  private GdxClient client;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(GdxFixtures.START);
    gdx = new FakeGdx(clock);
    client = client(FakeGdx.CONSUMER_SECRET);
  }

  @AfterEach
  void tearDown() {
    gdx.close();
  }

  private GdxClient client(String consumerSecret) {
    return new GdxClient(
        GdxFixtures.properties(gdx.baseUrl()),
        Secret.of(FakeGdx.CONSUMER_KEY),
        Secret.of(consumerSecret),
        clock,
        TestEgress.loopback());
  }

  @Test
  void shouldLogInOnceAndReadThePersonWhenFirstCalled() {
    // when
    LinkagePerson person = client.person(SOMCHAI);
    // then
    assertThat(gdx.logins()).isEqualTo(1);
    assertThat(gdx.linkCalls("001")).isEqualTo(1);
    assertThat(person.citizenId()).isEqualTo(SOMCHAI);
    assertThat(person.firstName()).isEqualTo("สมชาย");
    assertThat(person.lastName()).isEqualTo("ใจดี");
    assertThat(person.englishFirstName()).isEqualTo("Somchai");
    assertThat(person.middleName()).isNull();
    assertThat(person.dateOfBirth().iso()).isEqualTo("1975-07-12");
    assertThat(person.dateOfMoveIn().iso()).isEqualTo("2002-03-01");
    assertThat(person.father().citizenId()).isEqualTo("3101200111234");
    assertThat(person.mother().name()).isEqualTo("นางบุญมี ใจดี");
  }

  @Test
  void shouldReadTheHouseWithAddressCodesWhenHouseAsked() {
    // when
    LinkageHouse house = client.house(SOMCHAI);
    // then
    assertThat(gdx.linkCalls("008")).isEqualTo(1);
    assertThat(house.houseId()).isEqualTo("10120184523");
    assertThat(house.houseNo()).isEqualTo("45/12");
    assertThat(house.provinceCode()).isEqualTo(10);
    assertThat(house.districtCode()).isEqualTo(1012);
    assertThat(house.subdistrictCode()).isEqualTo(101203);
    assertThat(house.subdistrictDesc()).isEqualTo("แขวงช่องนนทรี");
    assertThat(house.alleyDesc()).isNull();
    assertThat(house.dateOfTerminate()).isNull();
  }

  @Test
  void shouldKeepTheUnknownDayUnknownWhenTheRegisterWritesZeroDay() {
    // when
    LinkagePerson person = client.person(WICHAI);
    // then
    assertThat(person.dateOfBirth()).isEqualTo(PartialDate.ofMonth(1995, 5));
    assertThat(person.dateOfBirth().iso()).isEqualTo("1995-05");
  }

  @Test
  void shouldSendConsumerKeyOnEveryCallAndTheTokenOnDataCallsWhenCalling() {
    // when
    client.checkOfficerSession();
    client.person(SOMCHAI);
    client.house(SOMCHAI);
    client.verifyCard(SOMCHAI, "สมชาย", "ใจดี", PartialDate.parse("1975-07-12"), "JT3101245678");
    // then
    List<FakeGdx.Call> calls = gdx.calls();
    assertThat(calls).hasSize(5);
    assertThat(calls).allMatch(c -> FakeGdx.CONSUMER_KEY.equals(c.consumerKey()));
    assertThat(calls).allMatch(c -> c.status() == 200);
    assertThat(calls.get(0).path()).isEqualTo(GdxClient.VALIDATE);
    assertThat(calls.get(0).token()).as("no token on the login itself").isNull();
    assertThat(calls.subList(1, 5))
        .extracting(FakeGdx.Call::token)
        .doesNotContainNull()
        .containsOnly(calls.get(1).token());
  }

  @Test
  void shouldReuseTheTokenWhenEachCallComesWithinTheIdleLifetime() {
    // given
    client.person(SOMCHAI);
    // when: 50 minutes idle twice; each call renews the idle time
    clock.advance(Duration.ofMinutes(50));
    client.person(SOMCHAI);
    clock.advance(Duration.ofMinutes(50));
    client.person(SOMCHAI);
    // then
    assertThat(gdx.logins()).isEqualTo(1);
    assertThat(gdx.linkCalls("001")).isEqualTo(3);
  }

  @Test
  void shouldLogInAgainOnceBeforeGdxDropsTheTokenWhenIdleLifetimeIsNear() {
    // given
    client.person(SOMCHAI);
    // when: idle past the renew point (55 min), not yet past GDX's 60
    clock.advance(Duration.ofMinutes(56));
    client.person(SOMCHAI);
    client.person(SOMCHAI);
    // then
    assertThat(gdx.logins()).isEqualTo(2);
    assertThat(gdx.calls()).noneMatch(c -> c.status() == 401);
  }

  @Test
  void shouldLogInAgainOnceTransparentlyWhenTheTokenExpiredOnTheClock() {
    // given
    client.person(SOMCHAI);
    // when
    clock.advance(Duration.ofMinutes(61));
    LinkagePerson person = client.person(SOMCHAI);
    // then
    assertThat(person.firstName()).isEqualTo("สมชาย");
    assertThat(gdx.logins()).isEqualTo(2);
    assertThat(gdx.linkCalls("001")).isEqualTo(2);
    assertThat(gdx.calls()).noneMatch(c -> c.status() == 401);
  }

  @Test
  void shouldLogInAgainAndRepeatTheCallOnceWhenADataCallIsAnswered401() {
    // given
    client.person(SOMCHAI);
    gdx.expireTokens.set(1);
    // when
    LinkageHouse house = client.house(SOMCHAI);
    // then
    assertThat(house.houseId()).isEqualTo("10120184523");
    assertThat(gdx.logins()).isEqualTo(2);
    assertThat(gdx.linkCalls("008")).isEqualTo(2);
  }

  @Test
  void shouldRefuseWithGdxRefusedAfterOneReLoginWhenTheFreshTokenIsAlsoAnswered401() {
    // given
    gdx.refuseAllTokens = true;
    // when / then
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_REFUSED)
        .hasMessageContaining("401 again after a new login");
    assertThat(gdx.logins()).isEqualTo(2);
    assertThat(gdx.linkCalls("001")).isEqualTo(2);
  }

  @Test
  void shouldLogInOnceWhenManyThreadsCallAtFirstConcurrently() throws Exception {
    // given: logins are held until every caller is running
    int callers = 8;
    CountDownLatch gate = new CountDownLatch(1);
    gdx.loginGate = gate;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Callable<LinkagePerson>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(() -> client.person(SOMCHAI));
      }
      // when
      List<Future<LinkagePerson>> results = new ArrayList<>();
      calls.forEach(c -> results.add(pool.submit(c)));
      await().atMost(Duration.ofSeconds(10)).until(() -> gdx.logins() == 1);
      gate.countDown();
      // then
      for (Future<LinkagePerson> result : results) {
        assertThat(result.get().firstName()).isEqualTo("สมชาย");
      }
      assertThat(gdx.logins()).isEqualTo(1);
      assertThat(gdx.linkCalls("001")).isEqualTo(callers);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRefuseWithGdxRefusedWithoutRetryingWhenTheConsumerSecretIsWrong() {
    // given
    GdxClient wrong = client("not-the-secret");
    // when / then
    assertCode(() -> wrong.person(SOMCHAI), ErrorCode.GDX_REFUSED)
        .hasMessageContaining("Consumer-Key and ConsumerSecret")
        .hasMessageNotContaining("not-the-secret");
    assertThat(gdx.logins()).isEqualTo(1);
  }

  @Test
  void shouldReportTheSessionWhenTheOfficerIsLoggedInToGovAmi() {
    // when
    GdxSessionState state = client.checkOfficerSession();
    // then
    assertThat(state).isEqualTo(GdxSessionState.AGENT_AVAILABLE);
    assertThat(gdx.count(GdxClient.PERMISSION)).isEqualTo(1);
  }

  @Test
  void shouldRefuseWithOfficerNotConfirmedWhenTheSessionIsAgentNotAvailable() {
    // given
    gdx.sessionState = "AgentNotAvailable";
    // when / then
    assertCode(client::checkOfficerSession, ErrorCode.GDX_OFFICER_NOT_CONFIRMED)
        .hasMessageContaining("GovAMI")
        .hasMessageNotContaining(FakeGdx.AGENT_ID);
  }

  @Test
  void shouldRefuseWithOfficerNotConfirmedWithoutRetryWhenALinkageReadIsAnswered90001() {
    // given
    gdx.sessionState = "AgentNotAvailable";
    // when / then
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_OFFICER_NOT_CONFIRMED);
    assertThat(gdx.linkCalls("001")).isEqualTo(1);
  }

  @Test
  void shouldRefuseWithNotFoundWithoutRetryWhenTheRegisterHasNoRecord() {
    // when / then
    assertCode(() -> client.person(UNKNOWN_CITIZEN), ErrorCode.GDX_NOT_FOUND)
        .hasMessageNotContaining(UNKNOWN_CITIZEN);
    assertThat(gdx.linkCalls("001")).isEqualTo(1);
  }

  @Test
  void shouldRefuseWithValidationFailedWithoutCallingGdxWhenTheCitizenIdIsInvalid() {
    // when / then
    assertCode(() -> client.person("3101200456788"), ErrorCode.VALIDATION_FAILED);
    assertCode(() -> client.house("31012004567"), ErrorCode.VALIDATION_FAILED);
    assertThat(gdx.requests()).isZero();
  }

  @Test
  void shouldRefuseWithBadResponseNamingTheFieldWhenGdxSendsAnImpossibleBirthDate() {
    // given
    gdx.dateOfBirthOverride = 25380231;
    // when / then
    assertCode(() -> client.person(SOMCHAI), ErrorCode.GDX_BAD_RESPONSE)
        .hasMessageContaining("dateOfBirth")
        .hasMessageNotContaining("25380231");
  }

  @Test
  void shouldConfirmTheCardWhenTheLaserCodeAndDataMatchANormalCard() {
    // when
    boolean valid =
        client.verifyCard(
            SOMCHAI, "สมชาย", "ใจดี", PartialDate.parse("1975-07-12"), "JT3101245678");
    // then
    assertThat(valid).isTrue();
  }

  @Test
  void shouldSendUnknownBirthPartsAsZerosWhenOnlyYearAndMonthAreKnown() {
    // when
    boolean valid =
        client.verifyCard(WICHAI, "วิชัย", "มีสุข", PartialDate.ofMonth(1995, 5), "BT4567890123");
    // then
    assertThat(valid).isTrue();
  }

  @Test
  void shouldAcceptTheLaserCodeAsPrintedWhenItHasDashesAndLowerCase() {
    // when
    boolean valid =
        client.verifyCard(
            SOMCHAI, "สมชาย", "ใจดี", PartialDate.parse("1975-07-12"), "jt3-1012456-78");
    // then
    assertThat(valid).isTrue();
  }

  @Test
  void shouldAnswerFalseWhenTheCardIsReportedLost() {
    // when
    boolean valid =
        client.verifyCard(
            SOMCHAI, "สมชาย", "ใจดี", PartialDate.parse("1975-07-12"), "ME0123456789");
    // then
    assertThat(valid).isFalse();
  }

  @Test
  void shouldRefuseWithCardVoidedWithoutRetryWhenGdxAnswers500Code2() {
    // when / then
    assertCode(
            () ->
                client.verifyCard(
                    MALEE, "มาลี", "ศรีสวัสดิ์", PartialDate.parse("1980-09-18"), "MF1209876543"),
            ErrorCode.GDX_CARD_VOIDED)
        .hasMessageContaining("[2]");
    assertThat(gdx.count(GdxClient.VERIFICATION)).isEqualTo(1);
  }

  @Test
  void shouldRefuseWithCardMismatchWhenGdxAnswers500Code4ForAnUnknownLaserCode() {
    // when / then
    assertCode(
            () ->
                client.verifyCard(
                    SOMCHAI, "สมชาย", "ใจดี", PartialDate.parse("1975-07-12"), "JT0000000000"),
            ErrorCode.GDX_CARD_MISMATCH)
        .hasMessageContaining("[4]");
    assertThat(gdx.count(GdxClient.VERIFICATION)).isEqualTo(1);
  }

  @Test
  void shouldRefuseWithCardMismatchWhenTheNamesDoNotMatchTheRegister() {
    // when / then
    assertCode(
        () ->
            client.verifyCard(
                SOMCHAI, "สมศักดิ์", "ใจดี", PartialDate.parse("1975-07-12"), "JT3101245678"),
        ErrorCode.GDX_CARD_MISMATCH);
  }

  @Test
  void shouldRefuseWithValidationFailedWithoutCallingGdxWhenTheLaserCodeIsMalformed() {
    // when / then
    for (String laser :
        List.of("J31012456789", "JT310124567", "JT31012456789", "", "1234567890AB")) {
      assertCode(
          () -> client.verifyCard(SOMCHAI, "สมชาย", "ใจดี", PartialDate.parse("1975-07-12"), laser),
          ErrorCode.VALIDATION_FAILED);
    }
    assertCode(
        () -> client.verifyCard(SOMCHAI, "สมชาย", "ใจดี", PartialDate.parse("1975"), null),
        ErrorCode.VALIDATION_FAILED);
    assertThat(gdx.requests()).isZero();
  }
}
