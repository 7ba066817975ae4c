package org.saphan.hub.routes.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.camel.ExchangeProperty;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.ApplicationStore;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.saphan.hub.routes.RouteHeaders;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step of the {@code model3-status-poll} route, for agencies that cannot call back ({@code
 * api.polling}): asks the agency for the status of each open application (poll mapping, signed like
 * a delivery) and records what changed through the same status intake as callbacks. The route runs
 * it once per cluster, on the card's schedule.
 */
public class StatusPolling {

  static final int BATCH = 200;

  private static final Logger log = LoggerFactory.getLogger(StatusPolling.class);
  private static final ObjectMapper JSON = Json.strict();

  private final Catalog catalog;
  private final ApplicationStore store;
  private final MappingRunner mappings;
  private final Signing signing;
  private final SoapTransport soap;
  private final AgencyStatusIntake intake;
  private final MeterRegistry meters;

  public StatusPolling(
      Catalog catalog,
      ApplicationStore store,
      MappingRunner mappings,
      Signing signing,
      SoapTransport soap,
      AgencyStatusIntake intake,
      MeterRegistry meters) {
    this.catalog = catalog;
    this.store = store;
    this.mappings = mappings;
    this.signing = signing;
    this.soap = soap;
    this.intake = intake;
    this.meters = meters;
  }

  /** Polls every open application of a connector; returns how many changed. */
  public int poll(@ExchangeProperty(RouteHeaders.CONNECTOR) String connector) {
    ConnectorCard card = catalog.get(connector);
    int changed = 0;
    for (Application application : store.open(connector, BATCH)) {
      try {
        if (pollOne(card, application)) {
          changed++;
        }
      } catch (DeliveryFailure | SaphanException e) {
        meters
            .counter("saphan.status.polls", "connector", connector, "outcome", "failed")
            .increment();
        log.warn(
            "Status poll of {} at {} failed: {}; the next poll tries again",
            application.id(),
            connector,
            e.getMessage());
      }
    }
    return changed;
  }

  private boolean pollOne(ConnectorCard card, Application application) {
    ObjectNode query = JSON.createObjectNode();
    query.put("applicationId", application.id());
    query.put("agencyReference", application.agencyReference());
    query.put("messageId", application.messageId().toString());
    Path file = card.mappingFile(MappingKey.POLL).orElseThrow();
    String request = mappings.run(file, MappingInput.json(query)).text();
    ApiSettings.Signing declared = card.api().orElseThrow().signing();
    SigningPolicy policy = SigningPolicy.fromCardName(declared.policy());
    SignedMessage signed =
        signing
            .signer(policy, declared.algorithm().orElse(null))
            .sign(request.getBytes(StandardCharsets.UTF_8));
    // A fault or an error status is not a status report: the poll failed (logged by the caller).
    AgencyCall call =
        AgencyAnswers.requireAcknowledgement(
            card,
            soap.call(
                card, card.endpointUrl().orElseThrow(), signed.body(), "poll-" + UUID.randomUUID()),
            "status poll");
    AgencyStatusIntake.Outcome outcome = intake.polled(application, card, call.body(), true);
    meters
        .counter(
            "saphan.status.polls",
            "connector",
            card.name(),
            "outcome",
            switch (outcome.result()) {
              case RECORDED -> "changed";
              case REFUSED -> "refused";
              default -> "unchanged";
            })
        .increment();
    return outcome.recorded();
  }
}
