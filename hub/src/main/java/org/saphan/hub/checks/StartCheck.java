package org.saphan.hub.checks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.settings.CheckSettings;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.StampingState;

/**
 * The check route's first step ({@code authorise}): the operation must be one the card declares,
 * the caller a citizen at the operation's minimum identity assurance level, and the message log
 * able to seal what the check records; starts the {@link Check} with a new request id.
 */
public class StartCheck implements Processor {

  private final StampingState stamping;
  private final Clock clock;

  /**
   * @param stamping the message log's timestamping fail-safe: while it holds deliveries, checks are
   *     refused too ({@code evidence_unstamped}), for their evidence could not be sealed
   */
  public StartCheck(StampingState stamping, Clock clock) {
    this.stamping = stamping;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    CheckRequest request = exchange.getMessage().getBody(CheckRequest.class);
    if (request == null) {
      throw new IllegalArgumentException("the check route takes a CheckRequest");
    }
    CheckSettings.Operation operation =
        request
            .card()
            .checks()
            .flatMap(checks -> checks.operation(request.operation()))
            .orElseThrow(
                () ->
                    SaphanException.business(
                        ErrorCode.NOT_FOUND,
                        "service of "
                            + request.card().name()
                            + " offers no check '"
                            + request.operation()
                            + "'",
                        Map.of(
                            "operations",
                            request
                                .card()
                                .checks()
                                .map(c -> c.operations().keySet())
                                .orElse(java.util.Set.of()))));
    // the stricter of the service's floor (service.minimumIal) and the operation's own
    request
        .caller()
        .requireCitizen()
        .requireIal(request.card().minimumIal(operation.minimumIal().orElse(null)).orElse(null));
    java.util.Optional.ofNullable(stamping.last())
        .flatMap(StampingState.Status::pauseReason)
        .ifPresent(
            reason -> {
              throw SaphanException.business(
                  ErrorCode.EVIDENCE_UNSTAMPED,
                  "checks are held while the message log cannot be timestamped: " + reason,
                  Map.of("retryAfterSeconds", 60));
            });
    exchange.setProperty(
        Check.PROPERTY,
        new Check(
            request.caller(),
            request.card(),
            request.operation(),
            operation,
            request.params() == null ? JsonNodeFactory.instance.objectNode() : request.params(),
            UUID.randomUUID(),
            clock.instant()));
  }
}
