package org.saphan.hub.checks;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.CircuitBreakerConstants;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * The check route's circuit breaker fallback: what the citizen's portal is answered when the agency
 * could not be asked. Its circuit open: {@code agency_unavailable} (503) with {@code Retry-After}
 * (the breaker's wait in its open state); no answer within the operation's budget: {@code
 * agency_timeout} (504); unreachable or failing: {@code agency_unavailable}. Each is counted in
 * {@code saphan_checks_total{connector,operation,outcome}} and names the connector.
 */
public class CheckFallback implements Processor {

  private final MeterRegistry meters;
  private final long openSeconds;

  /**
   * @param openSeconds how long the breaker stays open: the {@code Retry-After} of a short circuit
   */
  public CheckFallback(MeterRegistry meters, long openSeconds) {
    this.meters = meters;
    this.openSeconds = openSeconds;
  }

  @Override
  public void process(Exchange exchange) {
    Check check = Check.of(exchange);
    String what = check.card().name() + "/" + check.operationName();
    Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    // Camel marks every fallback "short-circuited": only a call the open circuit did not let
    // through is one (Resilience4j's CallNotPermittedException)
    // (Resilience4j's CallNotPermittedException; Camel then hands the fallback no exception)
    boolean shortCircuited =
        notPermitted(caught)
            || caught == null
                && Boolean.TRUE.equals(
                    exchange.getProperty(
                        CircuitBreakerConstants.RESPONSE_SHORT_CIRCUITED, Boolean.class));
    boolean timedOut =
        Boolean.TRUE.equals(
                exchange.getProperty(CircuitBreakerConstants.RESPONSE_TIMED_OUT, Boolean.class))
            || caught instanceof SendCheck.CheckCallFailure failure && failure.timeout();
    String outcome = shortCircuited ? "circuit_open" : timedOut ? "timeout" : "unavailable";
    meters
        .counter(
            "saphan.checks",
            "connector",
            check.card().name(),
            "operation",
            check.operationName(),
            "outcome",
            outcome)
        .increment();
    if (shortCircuited) {
      throw SaphanException.business(
          ErrorCode.AGENCY_UNAVAILABLE,
          what
              + ": the agency failed repeatedly and its circuit is open; the hub asks it again in"
              + " about "
              + openSeconds
              + " s",
          Map.of("retryAfterSeconds", openSeconds, "connector", check.card().name()));
    }
    if (timedOut) {
      throw SaphanException.business(
          ErrorCode.AGENCY_TIMEOUT,
          what + ": the agency did not answer within " + check.operation().budgetMillis() + " ms",
          Map.of(
              "connector", check.card().name(), "budgetMillis", check.operation().budgetMillis()));
    }
    throw SaphanException.business(
        ErrorCode.AGENCY_UNAVAILABLE,
        what
            + ": the agency could not be asked ("
            + (caught == null ? "failed" : caught.getMessage())
            + ")",
        Map.of("retryAfterSeconds", openSeconds, "connector", check.card().name()));
  }

  private static boolean notPermitted(Throwable caught) {
    for (Throwable t = caught; t != null; t = t.getCause()) {
      if (t instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
        return true;
      }
    }
    return false;
  }
}
