package org.saphan.hub.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of delivery routes, as a route policy: after {@code threshold} transient
 * failures in a row the route stops consuming its queue (messages wait in the broker: an outage
 * does not drain into the dead letters); once its pause is over by the injected {@link Clock}
 * (checked every {@link #TICK}), it consumes again (half open), closes on the first success and
 * opens again on the first transient failure, for twice the pause each time up to {@code maxPause}.
 * It never resumes a route an operator paused ({@link RouteSwitches}); an operator's resume does
 * not override it while open (the route waits for the half-open trial).
 *
 * <p>It also holds every delivery route, whatever its circuit, while a cluster-wide hold names a
 * reason ({@link #holdWhile}: the message log's timestamping fail-safe, derived from PostgreSQL so
 * every node decides alike): consumers stopped, messages wait in the broker, nothing is
 * dead-lettered; once the reason is gone, each route resumes unless an operator paused it or its
 * own circuit is open.
 *
 * <p>Hand-written rather than Camel's {@code ThrottlingExceptionRoutePolicy}, which resumes the
 * consumer from its half-open timer whoever suspended it, so it resumed routes an operator paused
 * (CAMEL-25018, fixed for Camel 4.23; this hub runs 4.17), and whose timer reads the system clock
 * (no injected {@code Clock}, so tests would have to sleep through the pause).
 */
public class DeliveryCircuit extends RoutePolicySupport {

  /** The circuit of one route. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private static final Logger log = LoggerFactory.getLogger(DeliveryCircuit.class);

  private final int threshold;
  private final Duration initialPause;
  private final Duration maxPause;
  private final RouteSwitches switches;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "saphan-delivery-circuit");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
  private volatile Supplier<Optional<String>> hold = Optional::empty;
  private volatile String heldBecause;

  private static final class Circuit {
    volatile State state = State.CLOSED;
    int failures;
    int opened;
    Instant retryAt;
    Route route;
  }

  public DeliveryCircuit(
      int threshold,
      Duration initialPause,
      Duration maxPause,
      RouteSwitches switches,
      Clock clock,
      MeterRegistry meters) {
    this.threshold = threshold;
    this.initialPause = initialPause;
    this.maxPause = maxPause;
    this.switches = switches;
    this.clock = clock;
    this.meters = meters;
  }

  @Override
  public void onInit(Route route) {
    circuits.computeIfAbsent(route.getRouteId(), id -> new Circuit()).route = route;
    meters.gauge(
        "saphan.delivery.circuit.open",
        io.micrometer.core.instrument.Tags.of("route", route.getRouteId()),
        this,
        policy -> policy.state(route.getRouteId()) == State.OPEN ? 1 : 0);
  }

  /** An operator's pause outlives restarts: a starting route checks the shared switches first. */
  @Override
  public void onStart(Route route) {
    timer.execute(switches::sync);
  }

  @Override
  public void onExchangeDone(Route route, Exchange exchange) {
    Circuit circuit = circuits.get(route.getRouteId());
    Throwable failure = exchange.getException();
    synchronized (circuit) {
      if (failure instanceof DeliveryFailure delivery && delivery.isTransient()) {
        circuit.failures++;
        if (circuit.state == State.HALF_OPEN
            || (circuit.state == State.CLOSED && circuit.failures >= threshold)) {
          open(circuit, delivery.getMessage());
        }
      } else if (failure == null || failure instanceof DeliveryFailure) {
        if (circuit.state != State.CLOSED) {
          log.info("Route {}: the agency answers again; circuit closed", route.getRouteId());
        }
        circuit.state = State.CLOSED;
        circuit.failures = 0;
        circuit.opened = 0;
      }
    }
  }

  private void open(Circuit circuit, String why) {
    circuit.state = State.OPEN;
    long pause =
        Math.min(maxPause.toMillis(), initialPause.toMillis() << Math.min(circuit.opened, 10));
    circuit.retryAt = clock.instant().plusMillis(pause);
    circuit.opened++;
    String routeId = circuit.route.getRouteId();
    meters.counter("saphan.delivery.circuit.opened", "route", routeId).increment();
    log.warn(
        "Route {}: circuit open after {} failures in a row ({}); consumption paused for {} s, the"
            + " queue keeps every message",
        routeId,
        circuit.failures,
        why,
        pause / 1000);
    // Suspending from the consumer's own thread would wait for itself: do it from the timer.
    timer.execute(() -> suspend(circuit.route));
  }

  /**
   * Half-opens every open circuit whose pause is over by the clock (job {@code delivery-circuit} of
   * {@code batch/schedules.yaml} calls it every second; tests call it after moving their clock).
   */
  public void tick() {
    applyHold();
    if (heldBecause != null) {
      return;
    }
    Instant now = clock.instant();
    for (Circuit circuit : circuits.values()) {
      halfOpen(circuit, now);
    }
  }

  /**
   * Holds every delivery route while {@code reason} gives one (checked on each {@link #tick()}):
   * the delivery layer's side of the message log's fail-safe.
   */
  public void holdWhile(Supplier<Optional<String>> reason) {
    this.hold = reason;
  }

  /** Why every delivery route is held on this node, or null. */
  public String heldBecause() {
    return heldBecause;
  }

  private void applyHold() {
    String why;
    try {
      why = hold.get().orElse(null);
    } catch (RuntimeException e) {
      // Unknown is not a reason to start or stop delivering: keep what was decided last.
      log.warn("Cannot read the delivery hold, keeping the last decision: {}", e.getMessage());
      return;
    }
    String before = heldBecause;
    heldBecause = why;
    if (why != null) {
      if (before == null) {
        log.warn("Deliveries held: {}; the queues keep every message", why);
      }
      for (Circuit circuit : circuits.values()) {
        if (status(circuit.route) == ServiceStatus.Started) {
          suspend(circuit.route);
        }
      }
    } else if (before != null) {
      log.info("Deliveries no longer held; routes resume");
      for (Circuit circuit : circuits.values()) {
        String routeId = circuit.route.getRouteId();
        if (circuit.state != State.OPEN
            && !switches.isPaused(routeId)
            && status(circuit.route) == ServiceStatus.Suspended) {
          resume(circuit.route);
        }
      }
    }
  }

  private static ServiceStatus status(Route route) {
    return route.getCamelContext().getRouteController().getRouteStatus(route.getRouteId());
  }

  private void halfOpen(Circuit circuit, Instant now) {
    synchronized (circuit) {
      if (circuit.state != State.OPEN || now.isBefore(circuit.retryAt)) {
        return;
      }
      circuit.state = State.HALF_OPEN;
    }
    String routeId = circuit.route.getRouteId();
    if (switches.isPaused(routeId)) {
      log.info(
          "Route {}: circuit half open, but an operator paused the route; it stays paused",
          routeId);
      return;
    }
    log.info("Route {}: circuit half open; trying the agency again", routeId);
    resume(circuit.route);
  }

  private void suspend(Route route) {
    try {
      route.getCamelContext().getRouteController().suspendRoute(route.getRouteId());
    } catch (Exception e) {
      log.error("Route {}: cannot pause consumption: {}", route.getRouteId(), e.getMessage());
    }
  }

  private void resume(Route route) {
    try {
      route.getCamelContext().getRouteController().resumeRoute(route.getRouteId());
    } catch (Exception e) {
      log.error("Route {}: cannot resume consumption: {}", route.getRouteId(), e.getMessage());
    }
  }

  /** A route's circuit state. */
  public State state(String routeId) {
    Circuit circuit = circuits.get(routeId);
    return circuit == null ? State.CLOSED : circuit.state;
  }

  /** Whether the breaker (or the cluster-wide hold) currently holds a route's consumer stopped. */
  public boolean holds(String routeId) {
    return heldBecause != null || state(routeId) == State.OPEN;
  }
}
