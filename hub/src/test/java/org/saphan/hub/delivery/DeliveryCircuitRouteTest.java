package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.hub.delivery.DeliveryCircuit.State;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.evidence.StampingState;
import org.saphan.hub.evidence.StampingState.Backlog;
import org.saphan.hub.support.MutableClock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pause / resume and the circuit on a real route: a SEDA queue stands in for the broker queue (its
 * consumer suspends as the JMS one does), a processor for the agency, a map for the shared {@code
 * route_switch} table; time moves only by the test's clock.
 */
class DeliveryCircuitRouteTest {

  private static final String ROUTE = "dcy-test-model3-api-share";
  // pollTimeout: a suspended SEDA consumer notices within a millisecond (it checks between polls)
  private static final String QUEUE = "seda:deliver?pollTimeout=1";
  private static final int THRESHOLD = 3;
  private static final Duration PAUSE = Duration.ofSeconds(5);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(12);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
  private final Set<String> switchTable = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean agencyDown = new AtomicBoolean();
  private final AtomicInteger agencyCalls = new AtomicInteger();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  // one context for the class (starting one costs more than all the tests); a fresh route per test
  private static DefaultCamelContext camel;
  private static ProducerTemplate producer;
  private RouteSwitches switches;
  private DeliveryCircuit circuit;

  @BeforeAll
  static void startCamel() {
    camel = new DefaultCamelContext();
    camel.start();
    producer = camel.createProducerTemplate();
  }

  @AfterAll
  static void stopCamel() {
    camel.stop();
  }

  @BeforeEach
  void startRoute() throws Exception {
    switches = new RouteSwitches(inMemory(switchTable), camel);
    circuit =
        new DeliveryCircuit(
            THRESHOLD, PAUSE, MAX_PAUSE, switches, clock, new SimpleMeterRegistry());
    switches.circuit(circuit);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            // as the delivery route: no Camel redelivery, the failure stays on the exchange
            errorHandler(noErrorHandler());
            from(QUEUE)
                .routeId(ROUTE)
                .routePolicy(circuit)
                .process(
                    exchange -> {
                      agencyCalls.incrementAndGet();
                      if (agencyDown.get()) {
                        throw DeliveryFailure.transientFailure(
                            ErrorCode.AGENCY_UNAVAILABLE, "the agency answered 503", null);
                      }
                      delivered.add(exchange.getMessage().getBody(String.class));
                    });
          }
        });
  }

  @AfterEach
  void removeRoute() throws Exception {
    // what a test left queued would hold up the graceful stop
    camel.getEndpoint(QUEUE, SedaEndpoint.class).purgeQueue();
    camel.getRouteController().stopRoute(ROUTE);
    camel.removeRoute(ROUTE);
  }

  @Test
  void shouldKeepMessagesQueuedWhileAnOperatorPausesTheRouteAndDeliverThemWhenResumed() {
    // given
    switches.pause(ROUTE, "operator", "agency maintenance");
    awaitSuspended();
    assertThat(status()).isEqualTo(ServiceStatus.Suspended);
    // when: applications arrive meanwhile
    send("a", "b", "c");
    // then: they wait in the queue
    assertThat(queued()).isEqualTo(3);
    assertThat(agencyCalls).hasValue(0);
    // when
    switches.resume(ROUTE, "operator", "maintenance over");
    // then
    assertThat(status()).isEqualTo(ServiceStatus.Started);
    eventually().untilAsserted(() -> assertThat(delivered).containsExactly("a", "b", "c"));
  }

  @Test
  void shouldStopConsumingAndLeaveTheQueueAloneWhenTransientFailuresReachTheThreshold() {
    // given: the agency is down
    agencyDown.set(true);
    // when: as many deliveries fail as the threshold allows
    send("a", "b", "c");
    awaitOpenAndSuspended();
    send("d", "e", "f", "g");
    // then: the route takes nothing more; the queue keeps every later message
    assertThat(agencyCalls).hasValue(THRESHOLD);
    assertThat(queued()).isEqualTo(4);
    assertThat(delivered).isEmpty();
  }

  @Test
  void shouldTryOneMessageAndCloseWhenThePauseIsOverAndTheAgencyAnswers() {
    // given: an open circuit and two messages waiting
    openCircuit();
    send("d", "e");
    // when: the pause is not over yet
    clock.advance(PAUSE.minusMillis(1));
    circuit.tick();
    // then
    assertThat(circuit.state(ROUTE)).isEqualTo(State.OPEN);
    assertThat(status()).isEqualTo(ServiceStatus.Suspended);
    // when: it is over, and the agency is back
    agencyDown.set(false);
    clock.advance(Duration.ofMillis(1));
    circuit.tick();
    // then: the trial succeeds, the circuit closes, the queue drains
    awaitClosedAfterDelivering("d", "e");
    assertThat(status()).isEqualTo(ServiceStatus.Started);
  }

  @Test
  void shouldReopenForTwiceThePauseUpToTheMaximumWhenTheTrialFails() {
    // given: open after the first outage (pause 5 s)
    openCircuit();
    // when / then: each failed trial doubles the pause, bounded by the maximum
    for (Duration pause : List.of(PAUSE, PAUSE.multipliedBy(2), MAX_PAUSE, MAX_PAUSE)) {
      send("trial");
      int calls = agencyCalls.get();
      clock.advance(pause.minusMillis(1));
      circuit.tick();
      assertThat(circuit.state(ROUTE)).as("before %s", pause).isEqualTo(State.OPEN);
      assertThat(queued()).as("before %s", pause).isEqualTo(1);
      clock.advance(Duration.ofMillis(1));
      circuit.tick();
      eventually().untilAsserted(() -> assertThat(agencyCalls).hasValue(calls + 1));
      awaitOpenAndSuspended();
    }
    assertThat(delivered).isEmpty();
  }

  @Test
  void shouldLeaveAnOperatorPausedRouteSuspendedWhenTheCircuitsPauseIsOver() {
    // given: the circuit opened, then an operator paused the route
    openCircuit();
    switches.pause(ROUTE, "operator", "agency asked us to hold");
    send("d");
    agencyDown.set(false);
    // when: the circuit's pause is over
    clock.advance(PAUSE);
    circuit.tick();
    // then: the circuit half-opens, but the route stays paused with its queue
    assertThat(circuit.state(ROUTE)).isEqualTo(State.HALF_OPEN);
    assertThat(status()).isEqualTo(ServiceStatus.Suspended);
    assertThat(queued()).isEqualTo(1);
    // when: the operator resumes it
    switches.resume(ROUTE, "operator", "go");
    // then: the trial runs and closes the circuit
    awaitClosedAfterDelivering("d");
  }

  @Test
  void shouldKeepTheRouteSuspendedUntilTheTrialWhenAnOperatorResumesItWhileTheCircuitIsOpen() {
    // given: an open circuit; an operator paused the route, then resumes it
    openCircuit();
    switches.pause(ROUTE, "operator", "hold");
    send("d");
    agencyDown.set(false);
    // when: resumed while the circuit is still open
    switches.resume(ROUTE, "operator", "go");
    // then: the open circuit keeps it suspended
    assertThat(status()).isEqualTo(ServiceStatus.Suspended);
    assertThat(queued()).isEqualTo(1);
    // when: the circuit's pause is over
    clock.advance(PAUSE);
    circuit.tick();
    // then: the circuit's trial resumes it
    awaitClosedAfterDelivering("d");
    assertThat(status()).isEqualTo(ServiceStatus.Started);
  }

  @Test
  void shouldHoldTheRouteWithItsQueueWhileEvidenceIsUnstampedTooLongAndResumeOnceStamped() {
    // given: a message log record has waited for its TSA token since now; the period is an hour
    Duration period = Duration.ofHours(1);
    AtomicReference<Backlog> backlog =
        new AtomicReference<>(
            new Backlog(1, 1, clock.instant(), 1, null, "upstream_unavailable: HTTP 503"));
    circuit.holdWhile(
        () -> StampingState.evaluate(backlog.get(), clock.instant(), period).pauseReason());
    // when: the period is not over
    clock.advance(period);
    circuit.tick();
    // then
    assertThat(status()).isEqualTo(ServiceStatus.Started);
    assertThat(circuit.heldBecause()).isNull();
    // when: it is
    clock.advance(Duration.ofSeconds(1));
    circuit.tick();
    // then: the route stops consuming; what arrives meanwhile waits in the queue
    awaitSuspended();
    assertThat(circuit.heldBecause()).contains("max-unstamped-age").contains("HTTP 503");
    send("a", "b");
    assertThat(queued()).isEqualTo(2);
    assertThat(agencyCalls).hasValue(0);
    // when: an operator pauses and resumes the route meanwhile
    switches.pause(ROUTE, "operator", "check");
    switches.resume(ROUTE, "operator", "go");
    // then: the hold keeps it suspended
    assertThat(status()).isEqualTo(ServiceStatus.Suspended);
    // when: the timestamper catches up
    backlog.set(Backlog.NONE);
    circuit.tick();
    // then: it resumes by itself and delivers in order
    awaitClosedAfterDelivering("a", "b");
    assertThat(circuit.heldBecause()).isNull();
    assertThat(status()).isEqualTo(ServiceStatus.Started);
  }

  // --- helpers ---

  private void openCircuit() {
    agencyDown.set(true);
    for (int i = 0; i < THRESHOLD; i++) {
      send("failing-" + i);
    }
    awaitOpenAndSuspended();
  }

  /** The circuit suspends the route from its own thread: wait for that, not for time. */
  private void awaitOpenAndSuspended() {
    // held for a few of the consumer's 1 ms polls: a poll it began just before the suspension
    // could otherwise still take the next message the test sends
    eventually()
        .during(Duration.ofMillis(25))
        .untilAsserted(
            () -> {
              assertThat(circuit.state(ROUTE)).isEqualTo(State.OPEN);
              assertThat(status()).isEqualTo(ServiceStatus.Suspended);
            });
  }

  /**
   * Suspended, held for a few of the seda consumer's 1 ms polls: a poll it began just before the
   * suspension could otherwise still take the next message the test sends.
   */
  private void awaitSuspended() {
    eventually()
        .during(Duration.ofMillis(25))
        .untilAsserted(() -> assertThat(status()).isEqualTo(ServiceStatus.Suspended));
  }

  /** What the route's threads do next (suspend, resume, consume), polled briskly. */
  private static ConditionFactory eventually() {
    return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
  }

  /** The circuit closes once the trial exchange is done, just after the agency's answer. */
  private void awaitClosedAfterDelivering(String... bodies) {
    eventually()
        .untilAsserted(
            () -> {
              assertThat(delivered).containsExactly(bodies);
              assertThat(circuit.state(ROUTE)).isEqualTo(State.CLOSED);
            });
  }

  private void send(String... bodies) {
    for (String body : bodies) {
      producer.sendBody(QUEUE, body);
    }
  }

  private int queued() {
    return camel.getEndpoint(QUEUE, SedaEndpoint.class).getCurrentQueueSize();
  }

  private ServiceStatus status() {
    return camel.getRouteController().getRouteStatus(ROUTE);
  }

  /**
   * {@code route_switch} in memory: the upserts {@link RouteSwitches} writes (paused true or false)
   * and the select of paused routes it reads.
   */
  private static JdbcClient inMemory(Set<String> paused) {
    return (JdbcClient)
        Proxy.newProxyInstance(
            DeliveryCircuitRouteTest.class.getClassLoader(),
            new Class<?>[] {JdbcClient.class},
            (client, method, args) -> statement((String) args[0], paused));
  }

  private static Object statement(String sql, Set<String> paused) {
    String[] routeId = new String[1];
    return Proxy.newProxyInstance(
        DeliveryCircuitRouteTest.class.getClassLoader(),
        new Class<?>[] {JdbcClient.StatementSpec.class, JdbcClient.MappedQuerySpec.class},
        (spec, method, args) ->
            switch (method.getName()) {
              case "params" -> {
                routeId[0] = (String) ((Object[]) args[0])[0];
                yield spec;
              }
              case "query" -> spec;
              case "list" -> List.copyOf(paused);
              case "update" -> {
                if (sql.contains("values (?, true")) {
                  paused.add(routeId[0]);
                } else {
                  paused.remove(routeId[0]);
                }
                yield 1;
              }
              default -> throw new UnsupportedOperationException(sql + ": " + method.getName());
            });
  }
}
