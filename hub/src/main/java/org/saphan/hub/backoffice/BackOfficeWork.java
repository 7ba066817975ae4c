package org.saphan.hub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.saphan.hub.platform.Json;
import org.saphan.hub.sla.SlaMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The steps of the {@code model4-back-office} route: reads the broker message (the outbox relay's
 * {@code {applicationId, messageId, connector, kind}}) and does the work its kind names: open the
 * case of a new application, notify officers, escalate an SLA breach, issue a licence. Each piece
 * of work is done once ({@link WorkEvents#handle}); a failure rolls the message back to the broker.
 */
public class BackOfficeWork {

  /** Header: the kind of work, one of {@link WorkEvents#KINDS} or {@code unknown}. */
  public static final String KIND = "SaphanBackOfficeKind";

  /** Header: the application the work is for. */
  public static final String APPLICATION = "SaphanApplicationId";

  /** Header: the message id (the intake message, or the work event's id). */
  public static final String MESSAGE = "SaphanMessageId";

  private static final Logger log = LoggerFactory.getLogger(BackOfficeWork.class);
  private static final ObjectMapper JSON = Json.strict();

  private final CaseEngine cases;
  private final CaseFees fees;
  private final WorkEvents events;
  private final Notifications notifications;
  private final SlaMonitor sla;
  private final LicenceIssuer licences;
  private final MeterRegistry meters;

  public BackOfficeWork(
      CaseEngine cases,
      CaseFees fees,
      WorkEvents events,
      Notifications notifications,
      SlaMonitor sla,
      LicenceIssuer licences,
      MeterRegistry meters) {
    this.cases = cases;
    this.fees = fees;
    this.events = events;
    this.notifications = notifications;
    this.sla = sla;
    this.licences = licences;
    this.meters = meters;
  }

  /** Reads the message into headers; an unreadable message is classified {@code unknown}. */
  public void classify(Exchange exchange) {
    String kind = "unknown";
    try {
      JsonNode message = JSON.readTree(exchange.getMessage().getBody(String.class));
      String declared = message.path("kind").asText();
      if (WorkEvents.KINDS.contains(declared)) {
        kind = declared;
      }
      exchange.getMessage().setHeader(APPLICATION, message.path("applicationId").asText());
      exchange.getMessage().setHeader(MESSAGE, message.path("messageId").asText());
    } catch (IOException | RuntimeException e) {
      kind = "unknown";
    }
    exchange.getMessage().setHeader(KIND, kind);
  }

  /** Opens the case of a new model-4 application. */
  public void openCase(Exchange exchange) {
    String applicationId = exchange.getMessage().getHeader(APPLICATION, String.class);
    String messageId = exchange.getMessage().getHeader(MESSAGE, String.class);
    MDC.put("correlationId", messageId);
    try {
      cases.openCase(applicationId, messageId);
    } finally {
      MDC.remove("correlationId");
    }
  }

  /** Writes an officers' notification. */
  public void notifyOfficers(Exchange exchange) {
    handle(
        exchange,
        event -> {
          JsonNode p = event.payload();
          notifications.add(
              p.path("agency").asText(),
              p.path("recipient").isTextual() ? p.path("recipient").asText() : null,
              p.path("role").isTextual() ? p.path("role").asText() : null,
              p.path("kind").asText(),
              event.applicationId(),
              p.path("taskId").isTextual() ? UUID.fromString(p.path("taskId").asText()) : null,
              p.path("message").asText());
        });
  }

  /** Escalates an SLA breach. */
  public void escalate(Exchange exchange) {
    handle(exchange, event -> sla.escalate(event.payload().path("breachId").asLong()));
  }

  /** Issues the licence of a completed case. */
  public void issueLicence(Exchange exchange) {
    handle(exchange, event -> licences.issue(event.applicationId()));
  }

  /**
   * A paid fee (from e-Payment): settles the case's waiting fee step. Safe to repeat: the case
   * engine acts only while the fee is still required and {@code paid} is on the timeline.
   */
  public void settlePayment(Exchange exchange) {
    String applicationId = exchange.getMessage().getHeader(APPLICATION, String.class);
    MDC.put("correlationId", exchange.getMessage().getHeader(MESSAGE, String.class));
    try {
      boolean resumed = fees.onApplicationPaid(applicationId);
      log.info(
          "Payment of {} reached the back office{}",
          applicationId,
          resumed ? ": the fee step is settled" : " (nothing waited for it)");
    } finally {
      MDC.remove("correlationId");
    }
  }

  /** A message the route does not know: counted and dropped. */
  public void unknown(Exchange exchange) {
    meters.counter("saphan.backoffice.unknown_messages").increment();
    log.warn(
        "Back-office route {} dropped a message it does not know (kind {})",
        exchange.getFromRouteId(),
        exchange.getMessage().getHeader(KIND));
  }

  private void handle(Exchange exchange, java.util.function.Consumer<WorkEvents.Event> work) {
    String messageId = exchange.getMessage().getHeader(MESSAGE, String.class);
    UUID id;
    try {
      id = UUID.fromString(messageId);
    } catch (IllegalArgumentException | NullPointerException e) {
      unknown(exchange);
      return;
    }
    MDC.put("correlationId", messageId);
    try {
      if (!events.handle(id, work)) {
        log.debug("Back-office work {} was already done", id);
      }
    } finally {
      MDC.remove("correlationId");
    }
  }
}
