package org.saphan.hub.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Operators' pause / resume switch per route, kept in PostgreSQL so every node (and a restarted
 * one) honours it, and independent of the circuit breaker ({@link DeliveryCircuit}): a paused route
 * stays paused when its circuit's pause is over (the circuit waits half open) or it closes;
 * resuming it does not override an open circuit: the route stays suspended until the circuit's
 * half-open trial resumes it. A node resumes only a route it suspended for an operator (never one
 * the circuit holds).
 */
public class RouteSwitches {

  private static final Logger log = LoggerFactory.getLogger(RouteSwitches.class);

  private final JdbcClient jdbc;
  private final CamelContext camel;
  private volatile Set<String> paused = Set.of();
  private final Map<String, Boolean> applied = new ConcurrentHashMap<>();
  private DeliveryCircuit circuit;

  public RouteSwitches(JdbcClient jdbc, CamelContext camel) {
    this.jdbc = jdbc;
    this.camel = camel;
  }

  void circuit(DeliveryCircuit circuit) {
    this.circuit = circuit;
  }

  /** Whether an operator paused the route. */
  public boolean isPaused(String routeId) {
    return paused.contains(routeId);
  }

  /** Pauses a route on every node. */
  public void pause(String routeId, String by, String reason) {
    jdbc.sql(
            "insert into route_switch (route_id, paused, changed_by, reason) values (?, true, ?, ?)"
                + " on conflict (route_id) do update set paused = true, changed_by = excluded.changed_by,"
                + " changed_at = now(), reason = excluded.reason")
        .params(routeId, by, reason)
        .update();
    sync();
  }

  /** Resumes a route on every node (unless its circuit is open). */
  public void resume(String routeId, String by, String reason) {
    jdbc.sql(
            "insert into route_switch (route_id, paused, changed_by, reason) values (?, false, ?, ?)"
                + " on conflict (route_id) do update set paused = false, changed_by = excluded.changed_by,"
                + " changed_at = now(), reason = excluded.reason")
        .params(routeId, by, reason)
        .update();
    sync();
  }

  /** Applies the switches to this node's routes (called on a schedule and after each change). */
  public synchronized void sync() {
    Set<String> now =
        Set.copyOf(
            jdbc.sql("select route_id from route_switch where paused").query(String.class).list());
    paused = now;
    for (org.apache.camel.Route route : camel.getRoutes()) {
      String id = route.getRouteId();
      if (!id.endsWith("-model3-api-share")) {
        continue;
      }
      ServiceStatus status = camel.getRouteController().getRouteStatus(id);
      try {
        if (now.contains(id) && status == ServiceStatus.Started) {
          camel.getRouteController().suspendRoute(id);
          log.info("Route {} paused by an operator", id);
        } else if (!now.contains(id)
            && status == ServiceStatus.Suspended
            && (circuit == null || !circuit.holds(id))
            && Boolean.TRUE.equals(applied.get(id))) {
          camel.getRouteController().resumeRoute(id);
          log.info("Route {} resumed by an operator", id);
        }
      } catch (Exception e) {
        log.error("Route {}: cannot apply the operator's switch: {}", id, e.getMessage());
      }
      applied.put(id, now.contains(id));
    }
  }
}
