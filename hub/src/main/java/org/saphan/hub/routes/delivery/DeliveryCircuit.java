package org.saphan.hub.routes.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of delivery routes, as a route policy: after {@code threshold} transient
 * failures in a row the route stops consuming its queue (messages wait in the broker: an outage
 * does not drain into the dead letters); after a pause, it consumes again (half open) and closes on
 * the first success. It never resumes a route an operator paused ({@link RouteSwitches}).
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

  private static final class Circuit {
    State state = State.CLOSED;
    int failures;
    int opened;
    Instant openedAt;
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
    circuit.openedAt = clock.instant();
    long pause =
        Math.min(maxPause.toMillis(), initialPause.toMillis() << Math.min(circuit.opened, 10));
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
    timer.schedule(() -> halfOpen(circuit), pause, TimeUnit.MILLISECONDS);
  }

  private void halfOpen(Circuit circuit) {
    synchronized (circuit) {
      if (circuit.state != State.OPEN) {
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

  /** Whether the breaker currently holds a route's consumer stopped. */
  public boolean holds(String routeId) {
    return state(routeId) == State.OPEN;
  }
}
